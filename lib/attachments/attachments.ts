import "server-only";
import { randomUUID } from "node:crypto";
import * as z from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Citizen } from "@/lib/auth/session";
import { visibleRequests, type StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { KIND_EXTENSION, sniffKind, type FileKind } from "@/lib/attachments/sniff";
import { attachmentStorage } from "@/lib/attachments/storage";
import { allFields, procedureDefinitionSchema, type FieldOf, type ProcedureDefinition } from "@/lib/procedures/definition";
import type { Answers } from "@/lib/procedures/form-schema";

// Pièces justificatives. A piece is uploaded into one of the citizen's drafts for one file field of
// its form, checked against that field (size, kind read from the content), stored under a random
// key, and referenced by id from the draft's answers. A piece no longer attached to a request
// (replaced, removed, or its draft deleted) is swept after a day.

export const MEGABYTE = 1024 * 1024;
/** Enough for any démarche, small enough that a script cannot fill the disk through one draft. */
export const MAX_ATTACHMENTS_PER_DRAFT = 40;
/** How long a piece detached from any request is kept (an upload in flight is detached for a moment). */
export const DETACHED_RETENTION_MS = 24 * 3_600_000;
export const MISSING_ATTACHMENT = "Cette pièce est introuvable : ajoutez-la de nouveau.";

const NOT_FOUND = "Ce brouillon n'existe pas ou n'existe plus : rechargez la page.";
const FILE_NAME_MAX = 120;

export type AttachmentInfo = { id: string; fileName: string; kind: FileKind; size: number };

/**
 * An ActionResult, with the reason of a failure so that the route can choose its status:
 * not-found (not the citizen's draft: 404), too-large (413), rejected (400).
 */
export type UploadResult =
  | { ok: true; data: AttachmentInfo }
  | { ok: false; reason: "not-found" | "too-large" | "rejected"; message: string; fieldErrors?: Record<string, string> };

/** A transaction or the client itself. */
type Client = Pick<Prisma.TransactionClient, "attachment">;

const uuid = z.string().uuid();
/** Where pieces may be added: a draft, or a sent request the town hall asked to complete. */
const UPLOAD_STATUSES = ["BROUILLON", "INCOMPLETE"] as const;

/**
 * Stores a piece for a file field of one of the citizen's drafts, or of one of their sent requests
 * awaiting a complement (INCOMPLETE: « Compléter ma demande » then names it, see
 * lib/requests/transitions). `draftId` is that draft's or request's id.
 */
export async function uploadAttachment(
  citizen: Citizen,
  input: { draftId: string; fieldName: string; fileName: string; bytes: Uint8Array },
): Promise<UploadResult> {
  const notFound = { ok: false, reason: "not-found", message: NOT_FOUND } as const;
  // Not even the shape of an id: tampering or a broken page, not a draft that went away.
  if (!uuid.safeParse(input.draftId).success) return { ok: false, reason: "rejected", message: "Brouillon illisible : rechargez la page." };
  const draft = await db.request.findFirst({
    where: { id: input.draftId, tenantId: citizen.tenantId, accountId: citizen.id, status: { in: [...UPLOAD_STATUSES] } },
    select: { id: true, status: true, form: { select: { definition: true } } },
  });
  if (!draft) return notFound;

  const field = allFields(procedureDefinitionSchema.parse(draft.form.definition)).find(
    (f): f is FieldOf<"file"> => f.type === "file" && f.name === input.fieldName,
  );
  const refuse = (reason: "too-large" | "rejected", message: string): UploadResult => ({
    ok: false, reason, message, ...(field ? { fieldErrors: { [field.name]: message } } : {}),
  });
  if (!field) return refuse("rejected", "Cette question n'attend pas de pièce jointe : rechargez la page.");

  const { bytes } = input;
  if (bytes.length === 0) return refuse("rejected", "Ce fichier est vide : choisissez-en un autre.");
  if (bytes.length > field.maxSizeMb * MEGABYTE) {
    return refuse("too-large", `Ce fichier pèse ${megabytes(bytes.length, field.maxSizeMb)} Mo : ${megabytes(field.maxSizeMb * MEGABYTE)} Mo au plus par pièce.`);
  }
  const kind = sniffKind(bytes);
  if (!kind || !field.accept.includes(kind)) return refuse("rejected", wrongKindMessage(field.accept));

  const count = await db.attachment.count({ where: { tenantId: citizen.tenantId, requestId: draft.id } });
  if (count >= MAX_ATTACHMENTS_PER_DRAFT) {
    return refuse("rejected", `${draft.status === "BROUILLON" ? "Ce brouillon" : "Cette demande"} compte déjà ${MAX_ATTACHMENTS_PER_DRAFT} pièces jointes : retirez-en une avant d'en ajouter une autre.`);
  }

  // The row comes first, detached: whatever happens next (a crash, a storage failure), every stored
  // file has a row, and the sweep removes both. The piece joins the draft only once its bytes are safe.
  const created = await db.attachment.create({
    data: {
      tenantId: citizen.tenantId, accountId: citizen.id, requestId: null, fieldName: field.name,
      fileName: displayFileName(input.fileName, kind), kind, size: bytes.length, storageKey: randomUUID(),
    },
    select: { id: true, fileName: true, kind: true, size: true, storageKey: true },
  });
  await attachmentStorage().put(created.storageKey, bytes);
  // Touching the draft locks its row: a sending (or a « Compléter ») running at the same time either
  // comes first (the status moved on, the piece stays detached and is swept) or waits for the piece to join.
  const attached = await db.$transaction(async (tx) => {
    const still = await tx.request.updateMany({
      where: { id: draft.id, tenantId: citizen.tenantId, accountId: citizen.id, status: draft.status },
      data: { updatedAt: new Date() },
    });
    if (still.count === 0) return false;
    await tx.attachment.update({ where: { id: created.id }, data: { requestId: draft.id } });
    return true;
  });
  if (!attached) return notFound;
  return { ok: true, data: { id: created.id, fileName: created.fileName, kind, size: created.size } };
}

/**
 * A piece and its content, for its owner or an agent who sees its request (their commune, their
 * services); null for anyone else, an unknown id, or a file gone from storage. An agent opening a
 * piece is a sensitive read: it is written to the audit log.
 */
export async function readAttachment(actor: Citizen | StaffActor, id: string, ip: string | null = null) {
  if (!uuid.safeParse(id).success) return null;
  const row = await db.attachment.findFirst({
    where: actor.kind === "citizen" ? { id, tenantId: actor.tenantId, accountId: actor.id } : { id, tenantId: actor.tenantId, request: visibleRequests(actor) },
    select: { fileName: true, kind: true, size: true, storageKey: true, request: { select: { numero: true } } },
  });
  if (!row) return null;
  const body = await attachmentStorage().get(row.storageKey);
  if (!body) return null;
  if (actor.kind === "agent") {
    await recordAudit(db, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "piece.ouvrir", target: { type: "Pièce", id }, ip, details: { demande: row.request?.numero, fichier: row.fileName } });
  }
  return { fileName: row.fileName, kind: row.kind as FileKind, size: row.size, body };
}

/**
 * Checks that every uploaded piece the answers refer to belongs to this request and to that very
 * field (an id copied from another draft, or moved to another field, is not). French field errors.
 */
export async function attachmentProblems(
  client: Client,
  citizen: Pick<Citizen, "id" | "tenantId">,
  requestId: string,
  answers: Answers,
  definition: ProcedureDefinition,
): Promise<Record<string, string>> {
  const wanted = new Map<string, string>(); // field name → attachment id
  for (const field of allFields(definition)) {
    if (field.type !== "file") continue;
    const answer = Object.hasOwn(answers, field.name) ? answers[field.name] : undefined;
    if (answer && typeof answer === "object" && (answer as { kind?: unknown }).kind === "upload") {
      wanted.set(field.name, String((answer as { attachmentId?: unknown }).attachmentId));
    }
  }
  if (wanted.size === 0) return {};
  const ids = [...wanted.values()].filter((id) => uuid.safeParse(id).success);
  const found = await client.attachment.findMany({
    where: { id: { in: ids }, requestId, tenantId: citizen.tenantId, accountId: citizen.id },
    select: { id: true, fieldName: true },
  });
  const fieldOf = new Map(found.map((a) => [a.id, a.fieldName]));
  const errors: Record<string, string> = {};
  for (const [fieldName, id] of wanted) if (fieldOf.get(id) !== fieldName) errors[fieldName] = MISSING_ATTACHMENT;
  return errors;
}

/** The ids of the pieces the answers name ({ kind: "upload", attachmentId }). */
export function uploadedIds(answers: Answers): string[] {
  return Object.values(answers).flatMap((value) =>
    value && typeof value === "object" && (value as { kind?: unknown }).kind === "upload" ? [String((value as { attachmentId?: unknown }).attachmentId)] : [],
  );
}

/** Detaches the request's pieces that its answers no longer use (replaced or removed), for the sweep. */
export async function detachUnused(tx: Client, citizen: Pick<Citizen, "id" | "tenantId">, requestId: string, keptIds: string[]): Promise<number> {
  const { count } = await tx.attachment.updateMany({
    where: { requestId, tenantId: citizen.tenantId, accountId: citizen.id, id: { notIn: keptIds } },
    data: { requestId: null },
  });
  return count;
}

/**
 * Removes the pieces detached from any request for more than a day: file first, then row, so that
 * a failure leaves a row the next sweep retries. Idempotent; a file already gone is fine.
 * Unscoped: a system job over every commune, run by the worker.
 */
export async function unsafeSweepAttachments(now = new Date()): Promise<number> {
  const storage = attachmentStorage();
  const cutoff = new Date(now.getTime() - DETACHED_RETENTION_MS);
  let removed = 0;
  // Batches keep memory flat; a bounded number per run, the worker calls again in a few minutes.
  for (let batch = 0; batch < 20; batch++) {
    const rows = await db.attachment.findMany({
      where: { requestId: null, createdAt: { lt: cutoff } },
      select: { id: true, storageKey: true },
      orderBy: { createdAt: "asc" },
      take: 200,
    });
    if (rows.length === 0) break;
    for (const row of rows) await storage.remove(row.storageKey);
    // requestId: null again: never delete a row attached meanwhile (an upload attaches its piece
    // seconds after creating it, so a day-old detached row is not one in practice).
    const { count } = await db.attachment.deleteMany({ where: { id: { in: rows.map((r) => r.id) }, requestId: null } });
    removed += count;
    if (rows.length < 200) break;
  }
  return removed;
}

/**
 * The name from the citizen's device, for display only: no folders, no control or direction
 * characters (which could disguise "fdp.exe" as "exe.pdf"), at most FILE_NAME_MAX characters.
 */
export function displayFileName(raw: string, kind: FileKind): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  const clean = base.normalize("NFC").replace(/[\p{Cc}\p{Cf}]/gu, "").replace(/\s+/g, " ").replace(/^[\s.]+/, "").trim();
  const chars = Array.from(clean);
  if (chars.length === 0) return `piece${KIND_EXTENSION[kind]}`;
  if (chars.length <= FILE_NAME_MAX) return clean;
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return Array.from(clean.slice(0, clean.length - extension.length)).slice(0, FILE_NAME_MAX - extension.length).join("").trimEnd() + extension;
}

const EXTENSIONS: Record<FileKind, string[]> = { pdf: [".pdf"], jpeg: [".jpg", ".jpeg", ".jpe"], png: [".png"] };

/** The name a download gets: the display name, ending with an extension of its real kind. */
export function downloadName(fileName: string, kind: FileKind): string {
  const lower = fileName.toLowerCase();
  return EXTENSIONS[kind].some((ext) => lower.endsWith(ext)) ? fileName : `${fileName}${KIND_EXTENSION[kind]}`;
}

/**
 * "12,4" for a size in bytes, in Mo with one decimal. Given the limit it exceeds, never shows a
 * value at or under that limit ("pèse 10 Mo : 10 Mo au plus" would make no sense): rounds up then.
 */
function megabytes(bytes: number, over?: number): string {
  const value = bytes / MEGABYTE;
  let rounded = Math.round(value * 10) / 10;
  if (over !== undefined && rounded <= over) rounded = Math.ceil(value * 10) / 10;
  return new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(rounded);
}

const KIND_NAMES = { pdf: "un PDF", jpeg: "une image JPEG", png: "une image PNG" } as const;

/** « Ce fichier n'est ni un PDF, ni une image JPEG ou PNG : … », from the formats the field accepts. */
function wrongKindMessage(accept: readonly FileKind[]): string {
  const images = accept.filter((k) => k !== "pdf");
  const names = [
    ...(accept.includes("pdf") ? [KIND_NAMES.pdf] : []),
    ...(images.length === 2 ? ["une image JPEG ou PNG"] : images.map((k) => KIND_NAMES[k])),
  ];
  const what = names.length === 1 ? `n'est pas ${names[0]}` : `n'est ni ${names.join(", ni ")}`;
  const advice = accept.length === 1 ? "choisissez un fichier dans ce format" : "choisissez un fichier dans l'un de ces formats";
  return `Ce fichier ${what} : ${advice}${accept.includes("pdf") ? " (un document scanné peut s'enregistrer en PDF)" : ""}.`;
}
