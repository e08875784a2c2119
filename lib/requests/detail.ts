import "server-only";
import { isNumero } from "@/lib/requests/numbering";
import { jsonTimestamp } from "@/lib/sql-json";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ActorKind, RequestStatus } from "@/lib/generated/prisma/enums";
import { answerText, type AttachmentInfo } from "@/lib/procedures/answer-text";
import { hasValue, procedureDefinitionSchema } from "@/lib/procedures/definition";
import { visibleFields, type Answers } from "@/lib/procedures/form-schema";
import type { Person } from "@/lib/procedures/prefill";
import { attachmentsOfRequest, type AttachmentRow } from "@/lib/requests/request-sql";

// One sent request as its citizen reads it back: the page « Ma demande » and its PDF récapitulatif
// render the same DTO. The answers are read against the form version the request was filled with
// (a later publication of the démarche never changes what was asked), and only the questions that
// were shown given those answers appear.

export type PieceState = "en ligne" | "sur papier" | "reçue" | "manquante";
export type EventActor = "vous" | "la mairie" | "système";

export type RequestDetail = {
  id: string;
  numero: string;
  /** Bumped by every change: the version a later action (« Retirer ma demande ») was decided on. */
  version: number;
  status: RequestStatus;
  /** The démarche's title. */
  title: string;
  /** ISO 8601. */
  submittedAt: string;
  /** The démarche's announced processing time, in days. */
  processingDays: number;
  /** The household member concerned, when the démarche asks for one. */
  member: { firstNames: string; lastName: string } | null;
  /** One per step of the form that has a question shown, in order. */
  sections: { title: string; items: { label: string; text: string }[] }[];
  /** One per file field shown, in the form's order. */
  pieces: { field: string; label: string; state: PieceState; fileName?: string; attachmentId?: string; size?: number }[];
  /**
   * Oldest first; what agents wrote for themselves (internal notes) is never here. `from === to`
   * is a message of the town hall that changed nothing (lib/requests/transitions sendInformation).
   */
  events: { at: string; from: RequestStatus | null; to: RequestStatus; actor: EventActor; publicMessage: string | null }[];
  /** When the request is closed: the decision and the motif the town hall gave with it. */
  decision: { status: "ACCEPTEE" | "REFUSEE" | "SANS_SUITE"; motif: string | null } | null;
};

const ACTORS: Record<ActorKind, EventActor> = { CITOYEN: "vous", AGENT: "la mairie", SYSTEME: "système" };
const DECISIONS = ["ACCEPTEE", "REFUSEE", "SANS_SUITE"] as const;
type Decision = (typeof DECISIONS)[number];
const isDecision = (status: RequestStatus): status is Decision => (DECISIONS as readonly string[]).includes(status);

/**
 * The citizen's sent request with this number, or null: a draft, another citizen's or another
 * commune's request and an unknown number are all the same null (the page answers 404). One SQL
 * statement whatever the size of the request: the request with its démarche, form, timeline,
 * receipts, pieces and the household.
 */
export async function getRequestDetail(citizen: Citizen, numero: string): Promise<RequestDetail | null> {
  // Numbers look like BCZ-2026-000123: anything long is not one, and never reaches the database.
  if (typeof numero !== "string" || !isNumero(numero)) return null;
  const [row] = await db.$queryRaw<{
    id: string; numero: string | null; version: number; status: RequestStatus; answers: unknown; memberId: string | null; submittedAt: Date | null; createdAt: Date;
    title: string; processingDays: number; definition: unknown;
    events: { createdAt: string; fromStatus: RequestStatus | null; toStatus: RequestStatus; actorKind: ActorKind; publicMessage: string | null }[];
    receipts: { fieldName: string }[];
    attachments: AttachmentRow[];
    members: { id: string; relation: string; firstNames: string; lastName: string; birthDate: string }[];
  }[]>`
    SELECT r."id", r."numero", r."version", r."status"::text AS "status", r."answers", r."memberId", r."submittedAt", r."createdAt",
      p."title", p."processingDays", v."definition",
      -- Never internalNote: it is for agents only, and a DTO carries only what the citizen may read.
      COALESCE((SELECT json_agg(json_build_object('createdAt', e."createdAt", 'fromStatus', e."fromStatus", 'toStatus', e."toStatus", 'actorKind', e."actorKind", 'publicMessage', e."publicMessage") ORDER BY e."createdAt", e."id")
                FROM "RequestEvent" e WHERE e."requestId" = r."id"), '[]') AS "events",
      -- Pieces promised on paper that the town hall has received.
      COALESCE((SELECT json_agg(json_build_object('fieldName', pr."fieldName"))
                FROM "PieceReceipt" pr WHERE pr."tenantId" = r."tenantId" AND pr."requestId" = r."id"), '[]') AS "receipts",
      ${attachmentsOfRequest} AS "attachments",
      COALESCE((SELECT json_agg(json_build_object('id', m."id", 'relation', m."relation", 'firstNames', m."firstNames", 'lastName', m."lastName", 'birthDate', m."birthDate"))
                FROM "HouseholdMember" m WHERE m."tenantId" = r."tenantId" AND m."accountId" = r."accountId"), '[]') AS "members"
    FROM "Request" r
    JOIN "Procedure" p ON p."id" = r."procedureId" AND p."tenantId" = r."tenantId"
    JOIN "ProcedureVersion" v ON v."id" = r."versionId"
    WHERE r."tenantId" = ${citizen.tenantId} AND r."accountId" = ${citizen.id} AND r."numero" = ${numero} AND r."status" <> 'BROUILLON'
    LIMIT 1`;
  if (!row?.numero) return null;
  // A date column comes out of json_build_object as "AAAA-MM-JJ", as Person has it.
  const { attachments, members: people } = row;

  const { sections, pieces: pieceList } = describeAnswers(row.definition, row.answers, people, attachments, row.receipts);

  const member = row.memberId ? people.find((p) => p.id === row.memberId) : undefined;
  const events = row.events.map((e) => ({
    at: jsonTimestamp(e.createdAt).toISOString(),
    from: e.fromStatus,
    to: e.toStatus,
    actor: ACTORS[e.actorKind],
    publicMessage: e.publicMessage,
  }));
  const status = row.status;
  // The change that closed the request; a message sent afterwards (from === to) is not its motif.
  const decided = isDecision(status) ? events.findLast((e) => e.to === status && e.from !== status) : undefined;

  return {
    id: row.id,
    numero: row.numero,
    version: row.version,
    status,
    title: row.title,
    submittedAt: (row.submittedAt ?? row.createdAt).toISOString(),
    processingDays: row.processingDays,
    member: member ? { firstNames: member.firstNames, lastName: member.lastName } : null,
    sections,
    pieces: pieceList,
    events,
    decision: isDecision(status) ? { status, motif: decided?.publicMessage ?? null } : null,
  };
}

/**
 * A sent request's answers as people read them, against the form version it was filled with: one
 * section per step with a question shown (given those answers), and one piece per file field shown
 * with its state. Shared by the citizen's page and the agents' one.
 */
export function describeAnswers(
  storedDefinition: unknown,
  storedAnswers: unknown,
  people: Person[],
  attachments: (AttachmentInfo & { fieldName: string })[],
  receipts: { fieldName: string }[],
): Pick<RequestDetail, "sections" | "pieces"> {
  const definition = procedureDefinitionSchema.parse(storedDefinition);
  const answers = (storedAnswers ?? {}) as Answers;
  const shown = new Set(visibleFields(definition, answers).map((field) => field.name));
  const valueOf = (name: string) => (Object.hasOwn(answers, name) ? answers[name] : undefined);

  const sections = definition.steps
    .map((step) => ({
      title: step.title,
      items: step.fields
        .filter((field) => shown.has(field.name))
        .filter(hasValue)
        .map((field) => ({ label: field.label, text: answerText(field, valueOf(field.name), { people, attachments }) })),
    }))
    .filter((section) => section.items.length > 0);

  const fileFields = definition.steps.flatMap((step) => step.fields).filter((field) => field.type === "file" && shown.has(field.name));
  const pieces = fileFields.map((field): RequestDetail["pieces"][number] => {
    const answer = valueOf(field.name) as { kind?: unknown; attachmentId?: unknown } | undefined;
    if (answer?.kind === "paper") {
      return { field: field.name, label: field.label, state: receipts.some((r) => r.fieldName === field.name) ? "reçue" : "sur papier" };
    }
    // The piece must be this request's, for this very field (as checked when it was sent).
    const piece = answer?.kind === "upload" ? attachments.find((a) => a.id === answer.attachmentId && a.fieldName === field.name) : undefined;
    return piece
      ? { field: field.name, label: field.label, state: "en ligne", fileName: piece.fileName, attachmentId: piece.id, size: piece.size }
      : { field: field.name, label: field.label, state: "manquante" };
  });
  return { sections, pieces };
}
