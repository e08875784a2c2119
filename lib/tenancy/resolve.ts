import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseSettings, type TenantSettings } from "@/lib/tenancy/settings";

export type Tenant = {
  id: string;
  slug: string;
  name: string;
  officialName: string;
  code: string;
  contactEmail: string;
  contactPhone: string;
  contactAddress: string;
  openingHours: string;
  primaryColor: string;
  accentColor: string;
  logoUrl: string | null;
  welcomeText: string;
  canonicalHost: string;
  settings: TenantSettings;
};

export type HostResolution =
  | { kind: "platform" }
  | { kind: "tenant"; tenant: Tenant; canonical: boolean }
  | { kind: "unknown" };

/** A commune's canonical host (the first, should a commune wrongly have two). */
const canonicalHosts = { where: { canonical: true }, select: { hostname: true }, take: 1 } as const;

// In-memory cache with a short TTL: each instance may serve a stale branding for a few seconds,
// never another commune (a host is only ever mapped to what the database says).
// Unknown hosts are cached too, and the map is bounded so random Host headers cannot grow it.
const cache = new Map<string, { value: HostResolution; expires: number }>();
const MAX_ENTRIES = 1000;

export async function resolveHost(hostname: string): Promise<HostResolution> {
  if (env.platformHosts.includes(hostname)) return { kind: "platform" };
  const hit = cache.get(hostname);
  if (hit && hit.expires > Date.now()) return hit.value;
  const value = await loadHost(hostname);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(hostname, { value, expires: Date.now() + env.TENANT_CACHE_TTL_MS });
  return value;
}

/** Forget cached resolutions, after a commune's hosts or branding change. */
export function clearTenantCache() {
  cache.clear();
}

type HostRow = Omit<Tenant, "settings" | "canonicalHost"> & { settings: unknown; canonical: boolean; canonicalHost: string | null };

// One statement: the host, its commune and the commune's canonical host (a request resolves its
// commune before anything else, so this runs on every request whose host is not cached).
async function loadHost(hostname: string): Promise<HostResolution> {
  const [row] = await db.$queryRaw<HostRow[]>`
    SELECT t."id", t."slug", t."name", t."officialName", t."code", t."contactEmail", t."contactPhone", t."contactAddress",
           t."openingHours", t."primaryColor", t."accentColor", t."logoUrl", t."welcomeText", t."settings", h."canonical",
           (SELECT c."hostname" FROM "TenantHost" c WHERE c."tenantId" = t."id" AND c."canonical" ORDER BY c."hostname" LIMIT 1) AS "canonicalHost"
    FROM "TenantHost" h JOIN "Tenant" t ON t."id" = h."tenantId"
    WHERE h."hostname" = ${hostname}`;
  if (!row) return { kind: "unknown" };
  const { canonical, canonicalHost, settings, ...tenant } = row;
  return {
    kind: "tenant",
    canonical,
    tenant: {
      ...tenant,
      // Colours end up in a style attribute: only plain hex colours get there.
      primaryColor: hexColour(tenant.primaryColor, "#1d4ed8"),
      accentColor: hexColour(tenant.accentColor, "#1e3a8a"),
      settings: parseSettings(settings),
      canonicalHost: canonicalHost ?? hostname,
    },
  };
}

/** A commune by id, as its canonical host resolves it (system jobs, which have no request host). */
export async function tenantById(tenantId: string): Promise<Tenant | null> {
  const host = await db.tenantHost.findFirst({ where: { tenantId }, orderBy: { canonical: "desc" }, select: { hostname: true } });
  const resolution = host ? await resolveHost(host.hostname) : null;
  return resolution?.kind === "tenant" ? resolution.tenant : null;
}

/** The communes served by this deployment, for the platform host's list. */
export async function listTenants() {
  const rows = await db.tenant.findMany({
    orderBy: { name: "asc" },
    select: { slug: true, name: true, officialName: true, primaryColor: true, logoUrl: true, hosts: canonicalHosts },
  });
  return rows.map(({ hosts, ...t }) => ({ ...t, canonicalHost: hosts[0]?.hostname ?? null }));
}

function hexColour(value: string, fallback: string) {
  return /^#[0-9a-f]{6}$/i.test(value) ? value : fallback;
}
