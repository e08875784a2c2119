import type { Prisma } from "@/lib/generated/prisma/client";
import type { AgentRole } from "@/lib/generated/prisma/enums";

/**
 * The town-hall agent every back-office function receives: who, of which commune, with which role
 * and services. Built by requireAgent from the session (lib/agents/session), never from a form.
 */
export type StaffActor = { kind: "agent"; id: string; tenantId: string; role: AgentRole; serviceIds: readonly string[] };

/**
 * The requests an agent may see: their commune's, sent, of the themes of their services (admins:
 * all; a theme without a service is for admins only, as canSeeTheme says). Every back-office read
 * and change of a request starts from this `where`, so another service's request is not found.
 */
export function visibleRequests(actor: StaffActor): Prisma.RequestWhereInput {
  return {
    tenantId: actor.tenantId,
    status: { not: "BROUILLON" },
    ...(actor.role === "ADMIN" ? {} : { procedure: { theme: { serviceId: { in: [...actor.serviceIds] } } } }),
  };
}
