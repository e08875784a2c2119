import "server-only";
import * as z from "zod";
import { attachmentProblems } from "@/lib/attachments/attachments";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Citizen } from "@/lib/auth/session";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import { allFields, mayBeChosen, procedureDefinitionSchema, type ProcedureDefinition } from "@/lib/procedures/definition";
import { getProcedureForm } from "@/lib/procedures/catalogue";
import { buildAnswersSchema, type Answers } from "@/lib/procedures/form-schema";
import { attachmentsOfRequest, type AttachmentRow } from "@/lib/requests/request-sql";

// Drafts (« mode brouillon »): what a citizen typed in a démarche's form, kept as it is typed.
// A draft is checked leniently (missing answers are fine, wrong types are not: a draft never
// stores garbage); the strict check comes with « Envoyer ».

export const CONFLICT_MESSAGE = "Ce brouillon a changé depuis votre lecture (dans un autre onglet ?). Rechargez la page pour reprendre la dernière version.";
const NOT_FOUND = "Ce brouillon n'existe pas ou n'existe plus.";
const ONE_PER_PERSON = "Vous avez déjà un brouillon de cette démarche pour cette personne : reprenez-le depuis votre page Accueil (ou supprimez-le) plutôt que d'en commencer un second.";

const input = z.object({
  procedure: z.string().max(100),
  draftId: z.string().uuid().optional(),
  /** The version the browser last saw: an older one is a conflict, never a silent overwrite. */
  version: z.number().int().min(0).optional(),
  answers: z.unknown(),
});

/**
 * Saves a draft: creates it the first time, then updates it with the version it was read at.
 * Answers are checked against the form version the draft was started with.
 */
export async function saveDraft(citizen: Citizen, raw: unknown): Promise<ActionResult<{ draftId: string; version: number }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success || (parsed.data.draftId && parsed.data.version === undefined)) {
    return { ok: false, message: "Brouillon illisible : rechargez la page." };
  }
  const { procedure: slug, draftId, version, answers } = parsed.data;

  const existing = draftId
    ? await db.request.findFirst({
        where: { id: draftId, tenantId: citizen.tenantId, accountId: citizen.id, status: "BROUILLON" },
        select: { versionId: true, procedureId: true, form: { select: { definition: true } } },
      })
    : null;
  if (draftId && !existing) return { ok: false, message: NOT_FOUND };
  const form = existing
    ? { versionId: existing.versionId, definition: procedureDefinitionSchema.parse(existing.form.definition), procedureId: existing.procedureId }
    : await getProcedureForm({ id: citizen.tenantId }, slug);
  if (!form) return { ok: false, message: "Cette démarche n'existe pas ou n'est plus proposée." };

  const checked = buildAnswersSchema(form.definition, "draft").safeParse(answers ?? {});
  if (!checked.success) return { ok: false, message: "Certaines réponses ne peuvent pas être enregistrées.", fieldErrors: fieldErrorsOf(checked.error) };
  const member = await memberOfAnswers(citizen, form.definition, checked.data);
  if (!member.ok) return { ok: false, message: "Certaines réponses ne peuvent pas être enregistrées.", fieldErrors: member.fieldErrors };
  // One draft per démarche and person: a second one for the same person would split their answers.
  if (member.memberId) {
    const twin = await db.request.findFirst({
      where: {
        tenantId: citizen.tenantId, accountId: citizen.id, status: "BROUILLON", procedureId: form.procedureId,
        memberId: member.memberId, ...(draftId ? { id: { not: draftId } } : {}),
      },
      select: { id: true },
    });
    const memberField = allFields(form.definition).find((f) => f.type === "member")!;
    if (twin) return { ok: false, message: "Certaines réponses ne peuvent pas être enregistrées.", fieldErrors: { [memberField.name]: ONE_PER_PERSON } };
  }
  // A piece is named by its id: only one uploaded to this very draft, for that very field.
  const pieces = await attachmentProblems(db, citizen, draftId ?? "", checked.data, form.definition);
  if (Object.keys(pieces).length) return { ok: false, message: "Certaines pièces sont introuvables.", fieldErrors: pieces };
  // Saving again cancels a pending removal reminder (lib/requests/retention).
  const data = { answers: checked.data as Prisma.InputJsonValue, memberId: member.memberId, reminderSentAt: null };

  if (!draftId) {
    const created = await db.request.create({
      data: { ...data, tenantId: citizen.tenantId, accountId: citizen.id, procedureId: form.procedureId, versionId: form.versionId },
      select: { id: true, version: true },
    });
    return { ok: true, data: { draftId: created.id, version: created.version } };
  }
  const updated = await db.request.updateMany({
    where: { id: draftId, tenantId: citizen.tenantId, accountId: citizen.id, status: "BROUILLON", version },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count === 0) return { ok: false, message: CONFLICT_MESSAGE };
  return { ok: true, data: { draftId, version: version! + 1 } };
}

/**
 * The household member a request concerns, from the form's first « member » field (the holder is a
 * member too): it must be a person of the citizen's own household. No such field or answer: null.
 */
export async function memberOfAnswers(
  citizen: Pick<Citizen, "id" | "tenantId">,
  definition: ProcedureDefinition,
  answers: Answers,
): Promise<{ ok: true; memberId: string | null } | { ok: false; fieldErrors: Record<string, string> }> {
  const field = allFields(definition).find((f) => f.type === "member");
  const chosen = field ? answers[field.name] : undefined;
  if (!field || chosen === undefined) return { ok: true, memberId: null };
  const member = await db.householdMember.findFirst({
    where: { id: String(chosen), accountId: citizen.id, tenantId: citizen.tenantId },
    select: { id: true, relation: true },
  });
  return member && field.type === "member" && mayBeChosen(field, member.relation)
    ? { ok: true, memberId: member.id }
    : { ok: false, fieldErrors: { [field.name]: "Choisissez une personne de votre foyer dans la liste." } };
}

/**
 * The citizen's drafts, most recently touched first (all of them, or one démarche's), for « Accueil »
 * and the form: one statement, the démarche and the person concerned joined.
 */
export async function listDrafts(citizen: Citizen, procedureSlug?: string) {
  const rows = await db.$queryRaw<{ id: string; updatedAt: Date; slug: string; title: string; memberName: string | null }[]>`
    SELECT r."id", r."updatedAt", p."slug", p."title", m."firstNames" AS "memberName"
    FROM "Request" r
    JOIN "Procedure" p ON p."id" = r."procedureId" AND p."tenantId" = r."tenantId"
    LEFT JOIN "HouseholdMember" m ON m."id" = r."memberId" AND m."tenantId" = r."tenantId" AND m."accountId" = r."accountId"
    WHERE r."tenantId" = ${citizen.tenantId} AND r."accountId" = ${citizen.id} AND r."status" = 'BROUILLON'
      ${procedureSlug === undefined ? Prisma.empty : Prisma.sql`AND p."slug" = ${procedureSlug}`}
    ORDER BY r."updatedAt" DESC
    LIMIT 100`;
  return rows.map(({ slug, title, ...draft }) => ({ ...draft, procedure: { slug, title } }));
}

/**
 * One of the citizen's drafts with the form version it was started with, for the wizard; null if
 * not theirs. One statement, its pieces included.
 */
export async function openDraft(citizen: Citizen, draftId: string) {
  if (!z.string().uuid().safeParse(draftId).success) return null;
  const [draft] = await db.$queryRaw<{
    id: string; version: number; answers: unknown; updatedAt: Date; slug: string; title: string; processingDays: number; definition: unknown;
    attachments: AttachmentRow[];
  }[]>`
    SELECT r."id", r."version", r."answers", r."updatedAt", p."slug", p."title", p."processingDays", v."definition",
      ${attachmentsOfRequest} AS "attachments"
    FROM "Request" r
    JOIN "Procedure" p ON p."id" = r."procedureId" AND p."tenantId" = r."tenantId"
    JOIN "ProcedureVersion" v ON v."id" = r."versionId"
    WHERE r."id" = ${draftId} AND r."tenantId" = ${citizen.tenantId} AND r."accountId" = ${citizen.id} AND r."status" = 'BROUILLON'`;
  if (!draft) return null;
  return {
    id: draft.id, version: draft.version, answers: draft.answers as Answers, updatedAt: draft.updatedAt, slug: draft.slug,
    // The démarche as the draft knows it: a démarche withdrawn from the catalogue keeps its drafts.
    procedure: { slug: draft.slug, title: draft.title, processingDays: draft.processingDays, captcha: false },
    definition: procedureDefinitionSchema.parse(draft.definition), attachments: draft.attachments,
  };
}

/** Deletes one of the citizen's drafts; anyone else's is not found. */
export async function deleteDraft(citizen: Citizen, draftId: unknown): Promise<ActionResult> {
  const id = z.string().uuid().safeParse(draftId);
  if (!id.success) return { ok: false, message: NOT_FOUND };
  const deleted = await db.request.deleteMany({ where: { id: id.data, tenantId: citizen.tenantId, accountId: citizen.id, status: "BROUILLON" } });
  return deleted.count === 1 ? { ok: true, message: "Brouillon supprimé." } : { ok: false, message: NOT_FOUND };
}

