import "server-only";
import { db } from "@/lib/db";
import { isNumero } from "@/lib/requests/numbering";
import { changeStatus, REQUEST_NOT_FOUND, type ChangeResult } from "@/lib/requests/transitions";
import type { Tenant } from "@/lib/tenancy/resolve";

// Demo mode only (the route that calls this answers 404 otherwise): until the agents' back office
// exists, a demo visitor (and the end-to-end tests) can move a request of the commune as an agent
// would, to see what the citizen then sees. The change goes through changeStatus like any other.

const DEMO_AGENT_ID = "agent-de-demonstration";

/** changeStatus as a demo agent of the commune, at the request's current version. */
export async function demoChangeStatus(tenant: Tenant, numero: string, input: Record<string, unknown>): Promise<ChangeResult> {
  if (!isNumero(numero)) return { ok: false, message: REQUEST_NOT_FOUND };
  const request = await db.request.findFirst({ where: { tenantId: tenant.id, numero }, select: { version: true } });
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  return changeStatus({ kind: "agent", id: DEMO_AGENT_ID, tenantId: tenant.id, role: "ADMIN", serviceIds: [] }, tenant, numero, { ...input, version: request.version });
}
