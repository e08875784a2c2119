import { env } from "@/lib/env";
import type { Tenant } from "@/lib/tenancy/resolve";

/**
 * An absolute link to a page of the commune, for messages and emails. Built from the commune's
 * canonical host and the deployment's public protocol and port, never from the request's headers.
 */
export function tenantUrl(tenant: Pick<Tenant, "canonicalHost">, path = "/"): string {
  const port = env.PUBLIC_PORT ? `:${env.PUBLIC_PORT}` : "";
  return `${env.publicProtocol}://${tenant.canonicalHost}${port}${path}`;
}
