import type { RequestStatus } from "@/lib/generated/prisma/enums";
export type { RequestStatus };

// The statuses of a request as people read them, in the citizen's pages, the follow-up without an
// account and the agents' queue alike. No server-only import: client components show them too.

export const STATUS_LABELS: Record<RequestStatus, string> = {
  BROUILLON: "Brouillon",
  DEPOSEE: "Déposée",
  EN_COURS: "En cours d'instruction",
  INCOMPLETE: "Incomplète",
  COMPLETE: "Complète",
  ACCEPTEE: "Acceptée",
  REFUSEE: "Refusée",
  SANS_SUITE: "Classée sans suite",
};

export const statusLabel = (status: RequestStatus): string => STATUS_LABELS[status];

// The four squares of a request's progress (ARCHITECTURE §4): 1 reçue, 2 en cours (INCOMPLETE
// included: it waits for the citizen), 3 complète, 4 traitée. A draft is not progress (0).
const SQUARE_OF: Record<RequestStatus, 0 | 1 | 2 | 3 | 4> = {
  BROUILLON: 0, DEPOSEE: 1, EN_COURS: 2, INCOMPLETE: 2, COMPLETE: 3, ACCEPTEE: 4, REFUSEE: 4, SANS_SUITE: 4,
};
export const SQUARE_LABELS = ["reçue", "en cours de traitement", "complète", "traitée"] as const;

export const squareOf = (status: RequestStatus) => SQUARE_OF[status];

/** The squares said in words, for screen readers: « Étape 2 sur 4 : en cours de traitement ». */
export function progressText(status: RequestStatus): string {
  const square = SQUARE_OF[status];
  if (square === 0) return "Brouillon, pas encore envoyé";
  const detail = status === "INCOMPLETE" ? " (en attente de votre complément)" : square === 4 ? ` (${STATUS_LABELS[status].toLowerCase()})` : "";
  return `Étape ${square} sur 4 : ${SQUARE_LABELS[square - 1]}${detail}`;
}

/** Statuses grouped as the filters of « Mes demandes » offer them. */
export const STATUS_FILTERS = {
  recues: { label: "Reçues", statuses: ["DEPOSEE"] },
  "en-cours": { label: "En cours", statuses: ["EN_COURS", "COMPLETE"] },
  "a-completer": { label: "À compléter", statuses: ["INCOMPLETE"] },
  traitees: { label: "Traitées", statuses: ["ACCEPTEE", "REFUSEE", "SANS_SUITE"] },
} as const satisfies Record<string, { label: string; statuses: readonly RequestStatus[] }>;
export type StatusFilter = keyof typeof STATUS_FILTERS;

/** The statuses of a request the town hall still has to settle. */
export const OPEN_STATUSES = ["DEPOSEE", "EN_COURS", "INCOMPLETE", "COMPLETE"] as const satisfies readonly RequestStatus[];

/** When a request sent at `sentAt` is due: the démarche's announced time later (late past it). */
export const dueDate = (sentAt: Date, processingDays: number) => new Date(sentAt.getTime() + processingDays * 86_400_000);
