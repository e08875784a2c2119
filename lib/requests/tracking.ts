import "server-only";
import { randomInt } from "node:crypto";
import { hashSecret, verifySecret } from "@/lib/accounts/secret-hash";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fieldErrorsOf, minutesText, type ActionResult } from "@/lib/forms";
import {
  TRACKING_ALPHABET,
  TRACKING_CODE_LENGTH,
  formatTrackingCode,
  normalizeNumero,
  normalizeTrackingCode,
  trackingFormSchema,
  type TrackedRequest,
} from "@/lib/requests/tracking-schema";
import { hitRateLimit, rateLimitKey } from "@/lib/security/rate-limit";
import type { Tenant } from "@/lib/tenancy/resolve";

export type { TrackedRequest };

// Following a request without an account (/suivi): its number and the tracking code sent with the
// acknowledgement. The code is stored only as an Argon2id hash (lib/accounts/secret-hash): a copy
// of the database gives no code, and 50 bits behind Argon2 cannot be searched offline. Argon2's
// verification compares in constant time, and its hash does not depend on AUTH_SECRET, so
// changing that secret never invalidates the codes of requests still being processed.

export const TRACKING_RATE_LIMIT = "suivi";
const HOUR_MS = 3_600_000;

export const TRACKING_NOT_FOUND =
  "Aucune demande ne correspond à ce numéro et à ce code de suivi. Vérifiez-les dans le courriel reçu à l'envoi de votre demande : les lettres I et O n'y figurent jamais.";

/** A new tracking code, "K7QFM-Z3PXA": each symbol drawn by the CSPRNG, without modulo bias. */
export function newTrackingCode(): string {
  let code = "";
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return formatTrackingCode(code);
}

/** What Request.trackingHash stores for a code, whatever the way it is written. */
export function hashTrackingCode(code: string): Promise<string> {
  return hashSecret(normalizeTrackingCode(code));
}

// Verified against when the number is unknown, so an unknown number costs the same time as a wrong code.
let decoy: Promise<string> | null = null;

/**
 * The anonymous request of this commune with this number, if the code is its own; null otherwise
 * (unknown number, wrong code, another commune's request, a request made with an account).
 * Number and code are normalised (case, spaces and dashes do not matter).
 */
export async function findTrackedRequest(tenant: Pick<Tenant, "id">, numero: string, code: string): Promise<TrackedRequest | null> {
  const row = await db.request.findFirst({
    where: { tenantId: tenant.id, numero: normalizeNumero(numero.trim().slice(0, 40)), accountId: null, trackingHash: { not: null } },
    select: {
      numero: true, status: true, submittedAt: true, trackingHash: true,
      procedure: { select: { title: true } },
      events: { orderBy: { createdAt: "asc" }, select: { createdAt: true, fromStatus: true, toStatus: true, publicMessage: true } },
    },
  });
  const typed = normalizeTrackingCode(code.slice(0, 40));
  if (!row?.trackingHash || !row.numero || !row.submittedAt) {
    decoy ??= hashSecret(newTrackingCode());
    await verifySecret(await decoy, typed);
    return null;
  }
  if (!(await verifySecret(row.trackingHash, typed))) return null;
  return {
    numero: row.numero,
    title: row.procedure.title,
    status: row.status,
    submittedAt: row.submittedAt,
    // A message of the town hall changes nothing (from = to): shown as a message, not as a step.
    events: row.events.map((e) => ({ date: e.createdAt, status: e.toStatus, message: e.publicMessage, isMessage: e.fromStatus === e.toStatus })),
  };
}

/**
 * The /suivi form: number and code checked, then looked up. Wrong guesses are limited per IP
 * address (TRACKING_FAILURES_PER_HOUR): every lookup is counted before it runs (atomically, so
 * parallel guesses cannot slip past the limit) and a successful one is given back, so a person who
 * reopens their own follow-up again and again is never blocked.
 */
export async function trackRequest(tenant: Pick<Tenant, "id">, raw: unknown, address: string, now = new Date()): Promise<ActionResult<TrackedRequest>> {
  const parsed = trackingFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: "Certaines informations sont à corriger.", fieldErrors: fieldErrorsOf(parsed.error) };

  const limit = await hitRateLimit(TRACKING_RATE_LIMIT, address, env.TRACKING_FAILURES_PER_HOUR, HOUR_MS, now);
  if (!limit.allowed) {
    return {
      ok: false,
      message: `Trop de numéros ou de codes erronés ont été saisis depuis votre connexion internet. Réessayez dans ${minutesText(limit.retryAfterSeconds)}, ou contactez la mairie.`,
    };
  }
  const found = await findTrackedRequest(tenant, parsed.data.numero, parsed.data.code);
  if (!found) return { ok: false, message: TRACKING_NOT_FOUND };
  await db.rateLimit.updateMany({ where: { key: rateLimitKey(TRACKING_RATE_LIMIT, address), count: { gt: 0 } }, data: { count: { decrement: 1 } } });
  return { ok: true, data: found };
}
