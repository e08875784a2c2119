import "server-only";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { procedureDefinitionSchema, type FieldOf } from "@/lib/procedures/definition";
import { visibleFields, type Answers } from "@/lib/procedures/form-schema";
import { isNumero } from "@/lib/requests/numbering";
import { attachmentsOfRequest, complementAsked, type AttachmentRow } from "@/lib/requests/request-sql";

/**
 * What « Compléter ma demande » needs: one of the citizen's requests awaiting a complement, what the
 * town hall asked, and the form's pieces (with those already given), so any can be added or replaced.
 * Null when the request is not theirs, or does not await a complement.
 */
export async function openComplement(citizen: Citizen, numero: string) {
  if (!isNumero(numero)) return null;
  // One statement: the request with its démarche, form, the town hall's request for a complement
  // (not a later message of it, INCOMPLETE → INCOMPLETE) and its pieces.
  const [request] = await db.$queryRaw<{
    id: string; numero: string; version: number; answers: unknown; title: string; definition: unknown; expected: string | null;
    attachments: AttachmentRow[];
  }[]>`
    SELECT r."id", r."numero", r."version", r."answers", p."title", v."definition",
      ${complementAsked} AS "expected",
      ${attachmentsOfRequest} AS "attachments"
    FROM "Request" r
    JOIN "Procedure" p ON p."id" = r."procedureId" AND p."tenantId" = r."tenantId"
    JOIN "ProcedureVersion" v ON v."id" = r."versionId"
    WHERE r."tenantId" = ${citizen.tenantId} AND r."accountId" = ${citizen.id} AND r."numero" = ${numero} AND r."status" = 'INCOMPLETE'
    LIMIT 1`;
  if (!request) return null;
  const definition = procedureDefinitionSchema.parse(request.definition);
  const answers = request.answers as Answers;
  const pieces = visibleFields(definition, answers).filter((f): f is FieldOf<"file"> => f.type === "file");
  return {
    id: request.id, numero: request.numero, version: request.version, title: request.title,
    expected: request.expected ?? null,
    pieces, answers: Object.fromEntries(pieces.map((f) => [f.name, answers[f.name] ?? null])),
    attachments: request.attachments,
  };
}
