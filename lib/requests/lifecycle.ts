import { RequestStatus } from "@/lib/generated/prisma/enums";

// The lifecycle of a request (ARCHITECTURE §4) as data, and nothing else: no database, no
// server-only import. The data layer puts `allowedFrom` in the `where` of its updates; pages ask
// `transitionsFor` which buttons to show. Changing who may do what is a change of this table only.

/** Who moves a request: the citizen who made it, or an agent of the commune. */
export type LifecycleActor = "citizen" | "agent";

/**
 * What the person must give with the transition:
 * - "valid-answers": the form's answers, checked strictly (« Envoyer »);
 * - "message": a message to the citizen (what is expected of them);
 * - "motif": the reason, shown to the citizen;
 * - "optional-message": a message to the citizen if the agent wants one;
 * - "answer": the citizen's answer to a request for more (a message, and pieces if asked);
 * - null: nothing.
 */
export type Need = "valid-answers" | "message" | "motif" | "optional-message" | "answer" | null;

export type Transition = {
  from: readonly RequestStatus[];
  to: RequestStatus;
  by: LifecycleActor;
  /** The button's label, as the person reads it. */
  action: string;
  needs: Need;
  /** A motif fixed by the product, written on the timeline instead of one typed by someone. */
  fixedMotif?: string;
};

/** The motif of a request its own requester withdrew. */
export const WITHDRAW_MOTIF = "Retirée par le demandeur";

export const ALL_STATUSES: readonly RequestStatus[] = Object.values(RequestStatus);

export const TRANSITIONS: readonly Transition[] = [
  { from: ["BROUILLON"], to: "DEPOSEE", by: "citizen", action: "Envoyer", needs: "valid-answers" },
  { from: ["DEPOSEE"], to: "EN_COURS", by: "agent", action: "Prendre en charge", needs: null },
  { from: ["DEPOSEE", "EN_COURS", "COMPLETE"], to: "INCOMPLETE", by: "agent", action: "Demander un complément", needs: "message" },
  { from: ["INCOMPLETE"], to: "EN_COURS", by: "citizen", action: "Compléter ma demande", needs: "answer" },
  // The citizen brought the missing piece to the counter, or sent it by post.
  { from: ["INCOMPLETE"], to: "EN_COURS", by: "agent", action: "Complément reçu", needs: "optional-message" },
  { from: ["EN_COURS"], to: "COMPLETE", by: "agent", action: "Marquer complète", needs: null },
  { from: ["EN_COURS", "COMPLETE"], to: "ACCEPTEE", by: "agent", action: "Accepter", needs: "optional-message" },
  { from: ["EN_COURS", "COMPLETE"], to: "REFUSEE", by: "agent", action: "Refuser", needs: "motif" },
  { from: ["DEPOSEE", "EN_COURS", "INCOMPLETE", "COMPLETE"], to: "SANS_SUITE", by: "agent", action: "Classer sans suite", needs: "motif" },
  { from: ["DEPOSEE", "EN_COURS", "INCOMPLETE"], to: "SANS_SUITE", by: "citizen", action: "Retirer ma demande", needs: null, fixedMotif: WITHDRAW_MOTIF },
  { from: ["ACCEPTEE", "REFUSEE", "SANS_SUITE"], to: "EN_COURS", by: "agent", action: "Rouvrir", needs: "motif" },
];

/** The transitions this person may start from this status: the buttons to show, in table order. */
export function transitionsFor(status: RequestStatus, by: LifecycleActor): Transition[] {
  return TRANSITIONS.filter((t) => t.by === by && t.from.includes(status));
}

/**
 * The statuses from which this person may move a request to `to` (with that action, when given):
 * what goes in the `where` of the update. Empty when there is none.
 */
export function allowedFrom(to: RequestStatus, by: LifecycleActor, action?: string): RequestStatus[] {
  const from = new Set<RequestStatus>();
  for (const t of TRANSITIONS) {
    if (t.to === to && t.by === by && (action === undefined || t.action === action)) t.from.forEach((s) => from.add(s));
  }
  return ALL_STATUSES.filter((s) => from.has(s));
}

/**
 * The transition that moves a request from `from` to `to` by this person, or null when the table
 * has none. At most one matches (the unit test checks it), so its needs are known from the three.
 */
export function checkTransition(from: RequestStatus, to: RequestStatus, by: LifecycleActor): Transition | null {
  return TRANSITIONS.find((t) => t.to === to && t.by === by && t.from.includes(from)) ?? null;
}

/** The statuses that close a request (the fourth square): its retention runs from then (closedAt). */
export const FINAL_STATUSES = ["ACCEPTEE", "REFUSEE", "SANS_SUITE"] as const satisfies readonly RequestStatus[];
export const isFinal = (status: RequestStatus): boolean => (FINAL_STATUSES as readonly RequestStatus[]).includes(status);
