import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { authSecret, env } from "@/lib/env";
import { requestHost } from "@/lib/tenancy/host";
import { resolveHost, type HostResolution, type Tenant } from "@/lib/tenancy/resolve";

/** What the host of the current request is: a commune, the platform itself, or nothing. Once per request. */
export const getHostResolution = cache(async (): Promise<HostResolution> => {
  const host = requestHost(await headers(), env.TRUST_PROXY, authSecret());
  if (!host) return { kind: "unknown" };
  return resolveHost(host.hostname);
});

/** The commune of the request host, or null (platform or unknown host). */
export async function getTenant(): Promise<Tenant | null> {
  const resolution = await getHostResolution();
  return resolution.kind === "tenant" ? resolution.tenant : null;
}

/** The commune of the request host; any other host is a 404. */
export async function requireTenant(): Promise<Tenant> {
  const tenant = await getTenant();
  if (!tenant) notFound();
  return tenant;
}

/** The commune of a route handler's request (testable without Next's request scope), or null. */
export async function tenantOfRequest(request: Request): Promise<Tenant | null> {
  const host = requestHost(request.headers, env.TRUST_PROXY, authSecret());
  if (!host) return null;
  const resolution = await resolveHost(host.hostname);
  return resolution.kind === "tenant" ? resolution.tenant : null;
}
