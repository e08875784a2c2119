import "server-only";
import { attachmentStorage } from "@/lib/attachments/storage";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { FINAL_STATUSES } from "@/lib/requests/lifecycle";

// The end of a request's retention (RGPD, docs/decisions/0022-rgpd.md). A closed request keeps its
// personal data for its démarche's retentionMonths after closedAt; then it is anonymized in place:
// - the answers keep only what describes the request, not the person: choices from the commune's
//   own lists (choice, multi, yes/no) and numbers; every typed text, date, address, contact,
//   member and piece is removed;
// - its pieces are deleted, storage included; internal notes deleted; the free texts of its
//   timeline (messages to the citizen, notes) cleared, its statuses and dates kept;
// - the messages sent about it deleted (they hold an address and a text);
// - it is detached from the account and the member, its tracking code voided; anonymizedAt is set.
// The commune keeps the number, the démarche, the dates and the decision: its statistics and the
// proof that the request was handled, with nobody behind them.

/** Field types whose answers are the commune's own options or a count, never someone's words. */
const KEPT_TYPES = new Set(["choice", "multi", "yesno", "number"]);
/** Requests per run: the worker runs it every few minutes, a backlog drains over a few runs. */
const BATCH = 200;

type Answers = Record<string, unknown>;

/** The answers without anything personal, by the types of the form version they were given on. */
export function impersonalAnswers(answers: unknown, definition: unknown): Answers {
  const kept = new Set<string>();
  const steps = (definition as { steps?: { fields?: { type?: unknown; name?: unknown }[] }[] } | null)?.steps;
  for (const step of Array.isArray(steps) ? steps : []) {
    for (const field of Array.isArray(step.fields) ? step.fields : []) {
      if (typeof field.name === "string" && typeof field.type === "string" && KEPT_TYPES.has(field.type)) kept.add(field.name);
    }
  }
  const source = answers && typeof answers === "object" && !Array.isArray(answers) ? (answers as Answers) : {};
  const plain = (value: unknown) =>
    ["string", "number", "boolean"].includes(typeof value) || (Array.isArray(value) && value.every((v) => typeof v === "string"));
  return Object.fromEntries(Object.entries(source).filter(([name, value]) => kept.has(name) && plain(value)));
}

/** A piece to remove once the transaction that detached it has committed. */
export type DetachedPiece = { id: string; storageKey: string };

/**
 * Anonymizes one request in the caller's transaction, if it still matches `where` and is not
 * anonymized yet (a conditional update: of two runs at once, one does it and the other sees 0 rows).
 * Returns the pieces it detached, for removeDetachedPieces after the commit; null when not done.
 */
export async function anonymizeRequest(
  tx: Prisma.TransactionClient,
  request: { id: string; answers: unknown; definition: unknown },
  where: Prisma.RequestWhereInput,
  now: Date,
): Promise<DetachedPiece[] | null> {
  const updated = await tx.request.updateMany({
    where: { ...where, id: request.id, anonymizedAt: null },
    data: {
      answers: impersonalAnswers(request.answers, request.definition) as Prisma.InputJsonValue,
      accountId: null, memberId: null, trackingHash: null, submissionKey: null, anonymizedAt: now,
    },
  });
  if (updated.count === 0) return null;
  await tx.requestNote.deleteMany({ where: { requestId: request.id } });
  await tx.requestEvent.updateMany({ where: { requestId: request.id }, data: { publicMessage: null, internalNote: null } });
  await tx.message.deleteMany({ where: { requestId: request.id } });
  const pieces = await tx.attachment.findMany({ where: { requestId: request.id }, select: { id: true, storageKey: true } });
  if (pieces.length) await tx.attachment.updateMany({ where: { id: { in: pieces.map((p) => p.id) } }, data: { requestId: null, accountId: null } });
  return pieces;
}

/**
 * Removes detached pieces: file first, then row. A failure leaves a detached row, which the
 * attachments' sweep (lib/attachments) removes later: nothing stays for good.
 */
export async function removeDetachedPieces(pieces: DetachedPiece[]): Promise<number> {
  if (!pieces.length) return 0;
  const storage = attachmentStorage();
  const removed: string[] = [];
  for (const piece of pieces) {
    try {
      await storage.remove(piece.storageKey);
      removed.push(piece.id);
    } catch (error) {
      log("warn", "retention.piece_not_removed", { attachment: piece.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (!removed.length) return 0;
  return (await db.attachment.deleteMany({ where: { id: { in: removed }, requestId: null } })).count;
}

/**
 * The retention job: anonymizes the closed requests of every commune whose closedAt plus their
 * démarche's retentionMonths is at or before `now`. Batched (BATCH per call), idempotent, and safe
 * when two workers run it at once (each request is taken by a conditional update).
 * Unscoped: a system job over every commune, run by the worker.
 */
export async function unsafeAnonymizeExpiredRequests(now = new Date()): Promise<{ anonymized: number; pieces: number }> {
  // Months are calendar months, as PostgreSQL adds them (31 January + 1 month = 28/29 February).
  const due = await db.$queryRaw<{ id: string; closedAt: Date }[]>`
    SELECT r."id", r."closedAt" FROM "Request" r JOIN "Procedure" p ON p."id" = r."procedureId" AND p."tenantId" = r."tenantId"
    WHERE r."anonymizedAt" IS NULL AND r."closedAt" IS NOT NULL
      AND r."status"::text IN ('ACCEPTEE', 'REFUSEE', 'SANS_SUITE')
      AND r."closedAt" + make_interval(months => p."retentionMonths") <= ${now}
    ORDER BY r."closedAt" LIMIT ${BATCH}`;
  let anonymized = 0;
  let pieces = 0;
  for (const { id, closedAt } of due) {
    const request = await db.request.findUnique({ where: { id }, select: { id: true, answers: true, form: { select: { definition: true } } } });
    if (!request) continue;
    // Reopened (or closed again) since the read: closedAt differs, the update finds nothing.
    const detached = await db.$transaction((tx) =>
      anonymizeRequest(tx, { id, answers: request.answers, definition: request.form.definition }, { closedAt, status: { in: [...FINAL_STATUSES] } }, now),
    );
    if (!detached) continue;
    anonymized++;
    pieces += await removeDetachedPieces(detached);
  }
  return { anonymized, pieces };
}
