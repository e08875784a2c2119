// Which host did the browser ask for? Pure functions, shared by proxy.ts and getTenant().
import { createHmac, timingSafeEqual } from "node:crypto";

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
export function requestHost(headers: HeaderReader, trustProxy: boolean, secret?: string): RequestHost | null {
  const vouched = secret ? readVouchedHost(headers.get(VOUCHED_HOST_HEADER), secret) : null;
  if (vouched) return vouched;
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

// Next renders the page a server action redirects to by fetching it from itself, and that fetch
// loses the browser's Host header. proxy.ts therefore vouches for the host it validated with a
// signed header, which survives that internal hop; a forged or altered value is ignored.
export const VOUCHED_HOST_HEADER = "x-compte-citoyen-host";

export function vouchForHost(host: RequestHost, secret: string): string {
  const value = `${host.proto}|${host.hostname}|${host.port ?? ""}`;
  return `${value}|${sign(value, secret)}`;
}

function readVouchedHost(raw: string | null, secret: string): RequestHost | null {
  const parts = raw?.split("|");
  if (!parts || parts.length !== 4) return null;
  const [proto, hostname, port, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(`${proto}|${hostname}|${port}`, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const parsed = parseHost(port ? `${hostname}:${port}` : hostname);
  return parsed && (proto === "http" || proto === "https") ? { ...parsed, proto } : null;
}

function sign(value: string, secret: string) {
  return createHmac("sha256", secret).update(`host:${value}`).digest("base64url");
}
