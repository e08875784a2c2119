import type { RequestStatus } from "@/lib/generated/prisma/enums";

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
