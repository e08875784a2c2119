import "server-only";
import { dueDate } from "@/lib/requests/status";
import * as z from "zod";
import { noticeRoute, reachabilitySelect } from "@/lib/accounts/contact";
import type { Citizen } from "@/lib/auth/session";
import { attachmentProblems, detachUnused, uploadedIds } from "@/lib/attachments/attachments";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import { queueMessage } from "@/lib/notifications/outbox";
import { procedureDefinitionSchema } from "@/lib/procedures/definition";
import { buildAnswersSchema } from "@/lib/procedures/form-schema";
import { CONFLICT_MESSAGE, memberOfAnswers } from "@/lib/requests/drafts";
import { nextNumero } from "@/lib/requests/numbering";
import type { Tenant } from "@/lib/tenancy/resolve";

const input = z.object({ draftId: z.string().uuid(), version: z.number().int().min(0) });
const NOT_FOUND = "Ce brouillon n'existe pas ou n'existe plus.";
const INCOMPLETE = "Certaines réponses sont à compléter avant l'envoi.";

/**
 * « Envoyer »: the draft's answers are checked strictly against its form version; then, in one
 * transaction, the request gets its number, becomes DEPOSEE, starts its timeline and queues the
 * acknowledgement by the citizen's channel. Sending twice (double click, two tabs) gives the same
 * request and number, never a second one. Allowed while the account awaits validation.
 */
export async function submitDraft(citizen: Citizen, tenant: Tenant, raw: unknown): Promise<ActionResult<{ numero: string }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success || tenant.id !== citizen.tenantId) return { ok: false, message: NOT_FOUND };
  const { draftId, version } = parsed.data;
  const draft = await db.request.findFirst({
    where: { id: draftId, tenantId: citizen.tenantId, accountId: citizen.id },
    select: {
      status: true, numero: true, answers: true,
      form: { select: { definition: true } },
      procedure: { select: { title: true, processingDays: true } },
    },
  });
  if (!draft) return { ok: false, message: NOT_FOUND };
  if (draft.status !== "BROUILLON") return draft.numero ? { ok: true, data: { numero: draft.numero } } : { ok: false, message: NOT_FOUND };

  const definition = procedureDefinitionSchema.parse(draft.form.definition);
  const checked = buildAnswersSchema(definition, "submit").safeParse(draft.answers);
  if (!checked.success) return { ok: false, message: INCOMPLETE, fieldErrors: fieldErrorsOf(checked.error) };
  // Checked again: the member may have left the household since the draft was saved.
  const member = await memberOfAnswers(citizen, definition, checked.data);
  if (!member.ok) return { ok: false, message: INCOMPLETE, fieldErrors: member.fieldErrors };
  const pieces = await attachmentProblems(db, citizen, draftId, checked.data, definition);
  if (Object.keys(pieces).length) return { ok: false, message: INCOMPLETE, fieldErrors: pieces };

  try {
    const now = new Date();
    const numero = await db.$transaction(async (tx) => {
      const numero = await nextNumero(tx, tenant);
      const sent = await tx.request.updateMany({
        where: { id: draftId, tenantId: citizen.tenantId, accountId: citizen.id, status: "BROUILLON", version },
        data: { status: "DEPOSEE", numero, submittedAt: now, dueAt: dueDate(now, draft.procedure.processingDays), answers: checked.data as Prisma.InputJsonValue, memberId: member.memberId, version: { increment: 1 } },
      });
      if (sent.count === 0) throw new LostRace(); // gives the number back
      // Pieces replaced or removed before sending are left for the sweep.
      await detachUnused(tx, citizen, draftId, uploadedIds(checked.data));
      await tx.requestEvent.create({ data: { requestId: draftId, actorKind: "CITOYEN", actorId: citizen.id, fromStatus: "BROUILLON", toStatus: "DEPOSEE" } });
      const route = noticeRoute(await tx.account.findFirstOrThrow({ where: { id: citizen.id, tenantId: citizen.tenantId }, select: reachabilitySelect }), tenant);
      if (route) {
        await queueMessage(tx, tenant, {
          ...route, accountId: citizen.id, requestId: draftId, template: "demandeRecue", key: `demande-recue:${draftId}`,
          data: { numero, title: draft.procedure.title, processingDays: draft.procedure.processingDays },
        });
      }
      return numero;
    });
    return { ok: true, message: `Votre demande est envoyée sous le numéro ${numero}.`, data: { numero } };
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    // Another tab or click sent it first: the same request, the same number.
    const now = await db.request.findFirst({ where: { id: draftId, tenantId: citizen.tenantId, accountId: citizen.id }, select: { numero: true } });
    return now?.numero ? { ok: true, data: { numero: now.numero } } : { ok: false, message: CONFLICT_MESSAGE };
  }
}

class LostRace extends Error {}

