import "server-only";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { procedureDefinitionSchema, type FieldOf } from "@/lib/procedures/definition";
import { visibleFields, type Answers } from "@/lib/procedures/form-schema";
import { isNumero } from "@/lib/requests/numbering";

/**
 * What « Compléter ma demande » needs: one of the citizen's requests awaiting a complement, what the
 * town hall asked, and the form's pieces (with those already given), so any can be added or replaced.
 * Null when the request is not theirs, or does not await a complement.
 */
export async function openComplement(citizen: Citizen, numero: string) {
  if (!isNumero(numero)) return null;
  const request = await db.request.findFirst({
    where: { tenantId: citizen.tenantId, accountId: citizen.id, numero, status: "INCOMPLETE" },
    select: {
      id: true, numero: true, version: true, answers: true,
      procedure: { select: { title: true } },
      form: { select: { definition: true } },
      // The request for a complement itself, not a later message of the town hall (INCOMPLETE → INCOMPLETE).
      events: { where: { toStatus: "INCOMPLETE", fromStatus: { not: "INCOMPLETE" } }, orderBy: { createdAt: "desc" }, take: 1, select: { publicMessage: true } },
      attachments: { select: { id: true, fieldName: true, fileName: true, kind: true, size: true } },
    },
  });
  if (!request) return null;
  const definition = procedureDefinitionSchema.parse(request.form.definition);
  const answers = request.answers as Answers;
  const pieces = visibleFields(definition, answers).filter((f): f is FieldOf<"file"> => f.type === "file");
  return {
    id: request.id, numero: request.numero!, version: request.version, title: request.procedure.title,
    expected: request.events[0]?.publicMessage ?? null,
    pieces, answers: Object.fromEntries(pieces.map((f) => [f.name, answers[f.name] ?? null])),
    attachments: request.attachments,
  };
}
