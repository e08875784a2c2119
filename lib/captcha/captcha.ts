import "server-only";
import { createHmac } from "node:crypto";
import { createChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import * as z from "zod";
import { db } from "@/lib/db";
import { authSecret, env } from "@/lib/env";

// ALTCHA: a proof of work the browser solves in a second or two; no image or sound to decipher,
// so nothing to make accessible beyond a checkbox. Challenges are signed, expire, and serve once.
const ALGORITHM = "PBKDF2/SHA-256";
const LIFETIME_MS = 10 * 60_000;
// A genuine payload is well under 1 kB: anything much longer is not worth decoding.
const MAX_PAYLOAD_LENGTH = 4_000;

/** A fresh challenge for the widget (GET /api/captcha). `cost` and `now` are for tests. */
export async function createCaptchaChallenge(
  options: { cost?: number; now?: Date } = {},
): Promise<Challenge> {
  const now = options.now ?? new Date();
  return createChallenge({
    algorithm: ALGORITHM,
    cost: options.cost ?? env.CAPTCHA_COST,
    deriveKey,
    expiresAt: new Date(now.getTime() + LIFETIME_MS),
    hmacSignatureSecret: signingKey(),
  });
}

const hex = z.string().regex(/^[0-9a-f]+$/).max(256);
const payloadSchema = z.object({
  challenge: z.object({
    // Loose: every parameter is covered by the signature, so none may be dropped before checking it.
    parameters: z.looseObject({
      algorithm: z.literal(ALGORITHM),
      nonce: hex,
      salt: hex,
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: hex,
      expiresAt: z.number(),
    }),
    signature: hex,
  }),
  solution: z.object({ counter: z.number().int().nonnegative(), derivedKey: hex }),
});

/**
 * True once for a genuine, unexpired solution (the `altcha` form field); false for anything else,
 * a replay included. Never throws on what a client sent.
 */
export async function verifyCaptcha(payload: unknown, now = new Date()): Promise<boolean> {
  const parsed = decode(payload);
  if (!parsed) return false;
  const { challenge, solution } = parsed;
  const expiresAt = new Date(challenge.parameters.expiresAt * 1000);
  if (expiresAt <= now) return false;
  try {
    const result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: signingKey() });
    if (!result.verified) return false;
  } catch {
    return false; // a malformed but well-typed value that altcha-lib refuses to handle
  }
  // Spent challenges are kept until they expire, after which the expiry check refuses them anyway.
  await db.captchaUse.deleteMany({ where: { expiresAt: { lt: now } } });
  const { count } = await db.captchaUse.createMany({
    data: { signature: challenge.signature, expiresAt },
    skipDuplicates: true, // ON CONFLICT DO NOTHING: of two concurrent submissions, one wins
  });
  return count === 1;
}

/** The hidden « website » field is left empty by people and filled by many robots. */
export function isHoneypotFilled(value: unknown): boolean {
  return typeof value === "string" ? value.trim() !== "" : value != null;
}

// The widget posts base64(JSON({ challenge, solution })).
function decode(payload: unknown) {
  if (typeof payload !== "string" || payload.length > MAX_PAYLOAD_LENGTH) return null;
  try {
    const result = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, "base64").toString("utf8")));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

// Derived, so the captcha never signs with the very key that signs sessions.
function signingKey(): string {
  return createHmac("sha256", authSecret()).update("captcha-challenge").digest("hex");
}
