// What each role of the town hall's agents may do: a pure table, unit-tested, read by
// requireAgent(permission) on every /admin page, action and route handler.
import type { AgentRole } from "@/lib/generated/prisma/enums";

export const PERMISSIONS = [
  "demandes.voir",
  "demandes.instruire",
  "comptes.voir",
  "comptes.valider",
  "comptes.creer", // at the counter, for a person who comes to the town hall
  "messages.envoyer",
  "agents.gerer",
  "audit.voir",
  "commune.configurer",
  // Invoices: every agent of the town hall sees the invoices and payments (the counter answers
  // households about them) and marks an invoice « payée au guichet » when it is paid there; only
  // admins publish invoices (CSV import), as they hold the billing software's API keys.
  "factures.gerer",
  "factures.importer",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const AGENT_PERMISSIONS = [
  "demandes.voir",
  "demandes.instruire",
  "comptes.voir",
  "comptes.valider",
  "comptes.creer",
  "messages.envoyer",
  "factures.gerer",
] as const satisfies readonly Permission[];

export const PERMISSIONS_BY_ROLE: Record<AgentRole, readonly Permission[]> = {
  AGENT: AGENT_PERMISSIONS,
  ADMIN: [...AGENT_PERMISSIONS, "agents.gerer", "audit.voir", "commune.configurer", "factures.importer"],
};

export function can(role: AgentRole, permission: Permission): boolean {
  return PERMISSIONS_BY_ROLE[role]?.includes(permission) ?? false;
}

/**
 * Whether an agent sees the requests of a theme: admins see all; an agent sees the themes of their
 * services; a theme without a service (none instructs it yet) is for admins only.
 */
export function canSeeTheme(agent: { role: AgentRole; serviceIds: readonly string[] }, theme: { serviceId: string | null }): boolean {
  if (agent.role === "ADMIN") return true;
  return theme.serviceId !== null && agent.serviceIds.includes(theme.serviceId);
}
