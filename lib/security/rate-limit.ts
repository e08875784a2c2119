import "server-only";
import { createHmac } from "node:crypto";
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import type { HeaderReader } from "@/lib/tenancy/host";

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts one hit of `subject` (an IP address, an identifiant…) against the limit `name`:
 * at most `limit` hits per fixed window of `windowMs`. The count and the window reset happen in one
 * INSERT … ON CONFLICT DO UPDATE, so concurrent hits on any number of app instances count exactly.
 */
export async function hitRateLimit(
  name: string,
  subject: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const key = rateLimitKey(name, subject);
  const nowMs = now.getTime();
  // Times cross as epoch milliseconds: the column holds UTC and the session time zone never matters.
  const [row] = await db.$queryRaw<{ count: number; startMs: number }[]>`
    WITH input AS (
      SELECT to_timestamp(${nowMs}::float8 / 1000) AT TIME ZONE 'UTC' AS now,
             to_timestamp(${nowMs - windowMs}::float8 / 1000) AT TIME ZONE 'UTC' AS expired
    )
    INSERT INTO "RateLimit" ("key", "count", "windowStart")
    SELECT ${key}, 1, now FROM input
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= (SELECT expired FROM input) THEN 1
                     ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= (SELECT expired FROM input) THEN (SELECT now FROM input)
                           ELSE "RateLimit"."windowStart" END
    RETURNING "count", (extract(epoch FROM "windowStart") * 1000)::float8 AS "startMs"`;
  if (!row) throw new Error("Compteur de limite introuvable après son écriture.");
  const allowed = row.count <= limit;
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((row.startMs + windowMs - nowMs) / 1000));
  return { allowed, retryAfterSeconds };
}

/**
 * The address the request came from, for per-IP limits only (never stored raw, never shown).
 * Route handlers get no socket address from Next, so we read X-Forwarded-For and take its LAST entry:
 * the one written by the nearest hop, which the client cannot choose. Behind a reverse proxy
 * (TRUST_PROXY) that is the client as the proxy saw it, whether the proxy appends to the header (nginx's
 * $proxy_add_x_forwarded_for, cloud load balancers) or replaces it. The first entry is whatever the
 * client sent: never use it.
 * Without a proxy, Next fills the header with the socket address only when the request has none,
 * so the HTTP server in front of Next (scripts/server.mjs) replaces a client-sent value with the
 * socket address.
 */
export function clientAddress(headers: HeaderReader): string {
  const last = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 64) : "inconnue";
}

/** The stored key of a counter: the limit's name and a pseudonym of its subject. */
export function rateLimitKey(name: string, subject: string): string {
  return `${name}:${pseudonym(subject)}`;
}

// Keyed with the server secret: a plain hash of an IPv4 address is reversed in minutes.
function pseudonym(subject: string): string {
  return createHmac("sha256", authSecret()).update(`rate-limit:${subject}`).digest("hex");
}
