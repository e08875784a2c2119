// Which host did the browser ask for? Pure functions, shared by proxy.ts and getTenant().

export type HeaderReader = { get(name: string): string | null };
export type RequestHost = { hostname: string; port: string | null; proto: "http" | "https" };

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** "Beaucouze.LOCALHOST:3000." → { hostname: "beaucouze.localhost", port: "3000" }; null when malformed. */
export function parseHost(raw: string | null | undefined): { hostname: string; port: string | null } | null {
  if (!raw) return null;
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(raw.trim().toLowerCase());
  if (!match) return null; // IPv6 literals and garbage: no commune is served on those
  const hostname = match[1]!.replace(/\.$/, "");
  if (!HOSTNAME.test(hostname)) return null;
  return { hostname, port: match[2] ?? null };
}

/**
 * The host of the request. X-Forwarded-Host/-Proto are honoured only when the deployment says a
 * trusted reverse proxy sets them (TRUST_PROXY); otherwise anyone could forge them.
 */
export function requestHost(headers: HeaderReader, trustProxy: boolean): RequestHost | null {
  const forwardedHost = trustProxy ? first(headers.get("x-forwarded-host")) : null;
  const parsed = parseHost(forwardedHost ?? headers.get("host"));
  if (!parsed) return null;
  const forwardedProto = trustProxy ? first(headers.get("x-forwarded-proto")) : null;
  return { ...parsed, proto: forwardedProto === "https" ? "https" : "http" };
}

/** The origin to send a browser to, keeping the port of the current request (useful in development). */
export function originFor(hostname: string, current: RequestHost): string {
  return `${current.proto}://${hostname}${current.port ? `:${current.port}` : ""}`;
}

function first(value: string | null): string | null {
  return value?.split(",")[0]?.trim() || null;
}
