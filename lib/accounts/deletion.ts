import "server-only";
import { randomUUID } from "node:crypto";
import * as z from "zod";
import { noticeRoute, proofRoute, reachabilitySelect } from "@/lib/accounts/contact";
import { guardedAttempt } from "@/lib/accounts/login";
import { verifySecret } from "@/lib/accounts/secret-hash";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { fieldErrorsOf, minutesText, type ActionResult } from "@/lib/forms";
import type { Prisma } from "@/lib/generated/prisma/client";
import { queueMessage } from "@/lib/notifications/outbox";
import { longFrenchDate } from "@/lib/procedures/answer-text";
import { anonymizeRequest, removeDetachedPieces, type DetachedPiece } from "@/lib/requests/anonymize";
import { FINAL_STATUSES, isFinal } from "@/lib/requests/lifecycle";
import { statusLabel } from "@/lib/requests/status";
import type { Tenant } from "@/lib/tenancy/resolve";

// The deletion of a citizen's account (RGPD, right to erasure; docs/decisions/0022-rgpd.md).
// The holder asks from « Mes données » (with their password), may withdraw while it is pending;
// an agent who validates accounts confirms it, or refuses with a reason. Confirming anonymizes the
// account in place: the row stays as a stub (status SUPPRIME) for what the commune must keep.

export const DELETION_NOT_FOUND = "Compte introuvable, ou sa suppression n'est pas (ou plus) demandée.";
/** Values that no password or answer ever hashes to: verifySecret fails on them. */
const UNUSABLE_HASH = "!compte-supprime";

/** What a request of the account becomes with the deletion, and why, in plain French. */
export type RequestFate = {
  numero: string | null; title: string; status: string;
  fate: "supprimee" | "anonymisee" | "conservee";
  why: string;
};

/** The deletion as the holder and the agent see it before it happens. */
export type DeletionPreview = {
  pending: { requestedAt: Date; note: string | null } | null;
  requests: RequestFate[];
  invoices: number;
  payments: number;
  members: number;
};

/** « 1 facture », « 2 factures et 1 paiement »: what the deletion keeps for the accounts, in words. */
export function accountingText(preview: Pick<DeletionPreview, "invoices" | "payments">): string {
  const count = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;
  return [preview.invoices ? count(preview.invoices, "facture") : "", preview.payments ? count(preview.payments, "paiement") : ""].filter(Boolean).join(" et ");
}

const addMonths = (date: Date, months: number) => {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};
const dayText = (d: Date) => longFrenchDate(d.toISOString().slice(0, 10));

/** Whether a closed request's retention is over at `now` (closedAt + the démarche's months). */
function pastRetention(r: { status: string; closedAt: Date | null; anonymizedAt: Date | null; retentionMonths: number }, now: Date) {
  return r.anonymizedAt !== null || (isFinal(r.status as never) && r.closedAt !== null && addMonths(r.closedAt, r.retentionMonths) <= now);
}

async function previewOf(where: { id: string; tenantId: string }, now: Date): Promise<DeletionPreview | null> {
  const account = await db.account.findFirst({
    where: { ...where, status: { not: "SUPPRIME" } },
    select: {
      deletionRequestedAt: true, deletionRequestNote: true,
      _count: { select: { members: true, invoices: true, payments: true } },
      requests: {
        where: { tenantId: where.tenantId },
        orderBy: { createdAt: "asc" },
        select: { numero: true, status: true, closedAt: true, anonymizedAt: true, procedure: { select: { title: true, retentionMonths: true } } },
      },
    },
  });
  if (!account) return null;
  const requests = account.requests.map((r): RequestFate => {
    const base = { numero: r.numero, title: r.procedure.title, status: statusLabel(r.status) };
    if (r.status === "BROUILLON") return { ...base, fate: "supprimee", why: "Un brouillon jamais envoyé : rien ne oblige à le garder." };
    const months = r.procedure.retentionMonths;
    if (pastRetention({ ...r, retentionMonths: months }, now)) {
      return { ...base, fate: "anonymisee", why: `Sa durée de conservation (${months} mois après sa clôture) est passée : seuls restent son numéro, la démarche, ses dates et la décision, sans rien qui vous désigne.` };
    }
    if (!isFinal(r.status) || !r.closedAt) {
      return { ...base, fate: "conservee", why: `Elle est encore en cours de traitement. La mairie la garde ${months} mois après sa clôture, puis elle est anonymisée.` };
    }
    return {
      ...base, fate: "conservee",
      why: `Clôturée le ${dayText(r.closedAt)}, elle est gardée jusqu'au ${dayText(addMonths(r.closedAt, months))} (${months} mois pour cette démarche), comme la mairie doit pouvoir justifier ses décisions ; elle est ensuite anonymisée.`,
    };
  });
  return {
    pending: account.deletionRequestedAt ? { requestedAt: account.deletionRequestedAt, note: account.deletionRequestNote } : null,
    requests,
    invoices: account._count.invoices,
    payments: account._count.payments,
    members: account._count.members,
  };
}

/** What the deletion of the citizen's own account would do; null when the account is gone. */
export function deletionPreview(citizen: Citizen, now = new Date()): Promise<DeletionPreview | null> {
  return previewOf({ id: citizen.id, tenantId: citizen.tenantId }, now);
}

/** The same preview for an agent of the account's commune; null for any other account. */
export function deletionReview(agent: StaffActor, accountId: string, now = new Date()): Promise<DeletionPreview | null> {
  if (!z.uuid().safeParse(accountId).success) return Promise.resolve(null);
  return previewOf({ id: accountId, tenantId: agent.tenantId }, now);
}

const requestSchema = z.object({
  password: z.string().max(200).min(1, "Saisissez votre mot de passe pour confirmer."),
  note: z.string().trim().max(1000, "1 000 caractères au plus.").optional().transform((v) => v || null),
});

/**
 * The holder asks for the deletion of their account, confirmed by their password (tried under
 * the login throttling). Nothing is deleted yet: an agent confirms. Asking twice changes nothing.
 */
export async function requestDeletion(citizen: Citizen, input: unknown, now = new Date()): Promise<ActionResult> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Vérifiez le formulaire.", fieldErrors: fieldErrorsOf(parsed.error) };
  const account = await db.account.findFirst({ where: { id: citizen.id, tenantId: citizen.tenantId, status: { not: "SUPPRIME" } }, select: { passwordHash: true, deletionRequestedAt: true } });
  if (!account) return { ok: false, message: "Compte introuvable." };
  const attempt = await guardedAttempt({ id: citizen.tenantId }, citizen.id, now, () => verifySecret(account.passwordHash, parsed.data.password), "mot de passe actuel");
  if (attempt.outcome === "throttled") {
    return { ok: false, fieldErrors: { password: `Trop d'essais du mot de passe. Par sécurité, réessayez dans ${minutesText(attempt.retryAfterSeconds)}.` } };
  }
  if (attempt.outcome === "wrong") return { ok: false, fieldErrors: { password: "Ce mot de passe n'est pas le bon." } };
  await db.account.updateMany({
    where: { id: citizen.id, tenantId: citizen.tenantId, status: { not: "SUPPRIME" }, deletionRequestedAt: null },
    data: { deletionRequestedAt: now, deletionRequestNote: parsed.data.note },
  });
  return { ok: true, message: "Votre demande de suppression est envoyée à la mairie. Vous pouvez la retirer tant qu'elle n'est pas traitée." };
}

/** The holder withdraws their pending deletion request. */
export async function withdrawDeletion(citizen: Citizen): Promise<ActionResult> {
  const updated = await db.account.updateMany({
    where: { id: citizen.id, tenantId: citizen.tenantId, status: { not: "SUPPRIME" }, deletionRequestedAt: { not: null } },
    data: { deletionRequestedAt: null, deletionRequestNote: null },
  });
  return updated.count ? { ok: true, message: "Votre demande de suppression est retirée : votre compte reste ouvert." } : { ok: false, message: "Aucune demande de suppression en attente." };
}

const refusal = z.object({ motif: z.string().trim().min(3, "Expliquez à la personne pourquoi son compte ne peut pas encore être supprimé.").max(1000, "1 000 caractères au plus.") });

/** An agent answers that the account cannot be deleted (yet), with the reason sent to the holder. */
export async function refuseDeletion(agent: StaffActor, tenant: Tenant, accountId: string, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== agent.tenantId || !z.uuid().safeParse(accountId).success) return { ok: false, message: DELETION_NOT_FOUND };
  const parsed = refusal.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Vérifiez le formulaire.", fieldErrors: fieldErrorsOf(parsed.error) };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const updated = await tx.account.updateMany({
      where: { id: accountId, tenantId: agent.tenantId, status: { not: "SUPPRIME" }, deletionRequestedAt: { not: null } },
      data: { deletionRequestedAt: null, deletionRequestNote: null },
    });
    if (updated.count === 0) return { ok: false, message: DELETION_NOT_FOUND };
    const account = await tx.account.findFirstOrThrow({ where: { id: accountId, tenantId: agent.tenantId }, select: reachabilitySelect });
    const route = noticeRoute(account, tenant);
    if (route) await queueMessage(tx, tenant, { ...route, accountId, template: "suppressionRefusee", data: { motif: parsed.data.motif } });
    await recordAudit(tx, { tenantId: agent.tenantId, actor: { kind: "AGENT", id: agent.id }, action: "compte.suppression-refuser", target: { type: "Compte", id: accountId }, ip, details: { motif: parsed.data.motif } });
    return { ok: true, message: "La demande de suppression est refusée ; la personne en est avertie, avec votre explication." };
  });
}

/**
 * Confirms a pending deletion, in one transaction: the account is anonymized in place (status
 * SUPPRIME, every personal field blanked, hashes unusable, sessions ended); household, tokens,
 * basket, drafts and messages deleted; requests past their retention anonymized; requests under
 * retention kept and detached from the person; invoices and payments kept on the stub. The holder
 * is told at their address of before. The pieces' files are removed after the commit.
 */
export async function confirmDeletion(agent: StaffActor, tenant: Tenant, accountId: string, ip: string | null = null, now = new Date()): Promise<ActionResult> {
  if (tenant.id !== agent.tenantId || !z.uuid().safeParse(accountId).success) return { ok: false, message: DELETION_NOT_FOUND };
  const pieces: DetachedPiece[] = [];
  const result = await db.$transaction(
    async (tx): Promise<ActionResult> => {
      const scope = { id: accountId, tenantId: agent.tenantId };
      // Locks the row: a second confirmation, or the holder withdrawing, waits and then sees the outcome.
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Account" WHERE "id" = ${accountId} AND "tenantId" = ${agent.tenantId}
          AND "status"::text <> 'SUPPRIME' AND "deletionRequestedAt" IS NOT NULL FOR UPDATE`;
      if (!locked) return { ok: false, message: DELETION_NOT_FOUND };
      const before = await tx.account.findFirstOrThrow({ where: scope, select: reachabilitySelect });
      const route = proofRoute(before, tenant);

      const requests = await tx.request.findMany({
        where: { tenantId: agent.tenantId, accountId },
        select: { id: true, status: true, answers: true, closedAt: true, anonymizedAt: true, procedure: { select: { retentionMonths: true } }, form: { select: { definition: true } } },
      });
      const drafts = requests.filter((r) => r.status === "BROUILLON").map((r) => r.id);
      const expired = requests.filter((r) => r.status !== "BROUILLON" && pastRetention({ ...r, retentionMonths: r.procedure.retentionMonths }, now));
      const kept = requests.filter((r) => r.status !== "BROUILLON" && !expired.includes(r)).map((r) => r.id);

      // Drafts: deleted with their pieces.
      if (drafts.length) {
        pieces.push(...(await tx.attachment.findMany({ where: { requestId: { in: drafts } }, select: { id: true, storageKey: true } })));
        await tx.attachment.updateMany({ where: { requestId: { in: drafts } }, data: { requestId: null, accountId: null } });
        await tx.request.deleteMany({ where: { id: { in: drafts }, tenantId: agent.tenantId, accountId, status: "BROUILLON" } });
      }
      // Past retention: anonymized as the retention job does.
      for (const r of expired) {
        const detached = await anonymizeRequest(tx, { id: r.id, answers: r.answers, definition: r.form.definition }, { tenantId: agent.tenantId, accountId, status: { in: [...FINAL_STATUSES] } }, now);
        if (detached) pieces.push(...detached);
      }
      // Under retention: the file of the request stays, for its retention, without the person's account.
      if (kept.length) {
        await tx.request.updateMany({ where: { id: { in: kept }, tenantId: agent.tenantId, accountId }, data: { accountId: null, memberId: null } });
        await tx.attachment.updateMany({ where: { requestId: { in: kept } }, data: { accountId: null } });
      }
      // Pieces uploaded but attached to nothing any more: removed now rather than by the sweep.
      const loose = await tx.attachment.findMany({ where: { tenantId: agent.tenantId, accountId, requestId: null }, select: { id: true, storageKey: true } });
      pieces.push(...loose);
      if (loose.length) await tx.attachment.updateMany({ where: { id: { in: loose.map((p) => p.id) } }, data: { accountId: null } });

      await tx.householdMember.deleteMany({ where: { tenantId: agent.tenantId, accountId } });
      await tx.accountToken.deleteMany({ where: { accountId } });
      await tx.loginFailure.deleteMany({ where: { accountId } });
      await tx.basket.deleteMany({ where: { tenantId: agent.tenantId, accountId } });
      await tx.message.deleteMany({ where: { tenantId: agent.tenantId, accountId } });

      const stub = `supprime-${randomUUID()}`;
      const anonymized: Prisma.AccountUpdateManyMutationInput = {
        status: "SUPPRIME", statusReason: null, statusChangedAt: now, identifiant: stub, identifiantKey: stub, signupKey: null,
        civility: "", firstNames: "Compte", birthName: "supprimé", usageName: null, birthDate: new Date("1900-01-01T00:00:00Z"), birthPlace: "",
        addressLine1: "", addressLine2: null, postalCode: "", city: "",
        email: "", emailConfirmedAt: null, phone: null, mobile: null, mobileConfirmedAt: null, channel: "EMAIL",
        passwordHash: UNUSABLE_HASH, securityQuestion: "", securityAnswerHash: UNUSABLE_HASH, sessionVersion: { increment: 1 },
        failedLogins: 0, lastFailedLoginAt: null, deletionRequestNote: null, deletedAt: now,
      };
      await tx.account.updateMany({ where: scope, data: anonymized });

      // The last message, to the address of before, attached to no account: the stub has none.
      if (route) await queueMessage(tx, tenant, { ...route, template: "compteSupprime", data: { kept: kept.length, invoices: await tx.invoice.count({ where: { tenantId: agent.tenantId, accountId } }) } });
      await recordAudit(tx, {
        tenantId: agent.tenantId, actor: { kind: "AGENT", id: agent.id }, action: "compte.supprimer", target: { type: "Compte", id: accountId }, ip,
        details: { brouillons: drafts.length, demandesAnonymisees: expired.length, demandesConservees: kept.length },
      });
      return { ok: true, message: "Le compte est supprimé. La personne en est avertie." };
    },
    { timeout: 30_000 },
  );
  if (result.ok) await removeDetachedPieces(pieces);
  return result;
}
