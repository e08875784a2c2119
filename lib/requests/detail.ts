import { isNumero } from "@/lib/requests/numbering";
import "server-only";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ActorKind, RequestStatus } from "@/lib/generated/prisma/enums";
import { answerText, type AttachmentInfo } from "@/lib/procedures/answer-text";
import { hasValue, procedureDefinitionSchema } from "@/lib/procedures/definition";
import { visibleFields, type Answers } from "@/lib/procedures/form-schema";
import type { Person } from "@/lib/procedures/prefill";

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
 * commune's request and an unknown number are all the same null (the page answers 404). The same
 * six SQL statements whatever the size of the request: the request with its démarche, form and
 * timeline, then its pieces and the household side by side.
 */
export async function getRequestDetail(citizen: Citizen, numero: string): Promise<RequestDetail | null> {
  // Numbers look like BCZ-2026-000123: anything long is not one, and never reaches the database.
  if (typeof numero !== "string" || !isNumero(numero)) return null;
  const row = await db.request.findFirst({
    where: { tenantId: citizen.tenantId, accountId: citizen.id, numero, status: { not: "BROUILLON" } },
    select: {
      id: true, numero: true, version: true, status: true, answers: true, memberId: true, submittedAt: true, createdAt: true,
      procedure: { select: { title: true, processingDays: true } },
      form: { select: { definition: true } },
      events: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        // Never internalNote: it is for agents only, and a DTO carries only what the citizen may read.
        select: { createdAt: true, fromStatus: true, toStatus: true, actorKind: true, publicMessage: true },
      },
      // Pieces promised on paper that the town hall has received.
      receipts: { select: { fieldName: true, receivedAt: true } },
    },
  });
  if (!row?.numero) return null;

  const [attachments, members] = await Promise.all([
    db.attachment.findMany({
      where: { tenantId: citizen.tenantId, accountId: citizen.id, requestId: row.id },
      select: { id: true, fieldName: true, fileName: true, kind: true, size: true },
    }),
    db.householdMember.findMany({
      where: { tenantId: citizen.tenantId, accountId: citizen.id },
      select: { id: true, relation: true, firstNames: true, lastName: true, birthDate: true },
    }),
  ]);
  const people: Person[] = members.map((m) => ({ ...m, birthDate: m.birthDate.toISOString().slice(0, 10) }));

  const { sections, pieces: pieceList } = describeAnswers(row.form.definition, row.answers, people, attachments, row.receipts);

  const member = row.memberId ? people.find((p) => p.id === row.memberId) : undefined;
  const events = row.events.map((e) => ({
    at: e.createdAt.toISOString(),
    from: e.fromStatus,
    to: e.toStatus,
    actor: ACTORS[e.actorKind],
    publicMessage: e.publicMessage,
  }));
  const status = row.status;
  // The change that closed the request; a message sent afterwards (from === to) is not its motif.
  const decided = isDecision(status) ? row.events.findLast((e) => e.toStatus === status && e.fromStatus !== status) : undefined;

  return {
    id: row.id,
    numero: row.numero,
    version: row.version,
    status,
    title: row.procedure.title,
    submittedAt: (row.submittedAt ?? row.createdAt).toISOString(),
    processingDays: row.procedure.processingDays,
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
