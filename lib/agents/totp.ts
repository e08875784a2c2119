import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import QRCode from "qrcode";
import { loginThrottle } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { log } from "@/lib/log";

// The agents' second factor: TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps, what every
// authenticator app reads) and single-use recovery codes for a lost phone.
//
// - The secret is stored encrypted (AES-256-GCM, key derived from AUTH_SECRET): a copy of the
//   database alone does not give the codes.
// - A code works once: a step is accepted only if it is after the last accepted one (totpLastStep).
// - Tries are throttled on the agent's failedLogins/lastFailedLoginAt, the same counters and
//   schedule as the password (5 free failures, then 1 min doubling), under a row lock so that
//   parallel tries are counted one after the other.
// - Recovery codes are kept as HMAC-SHA-256 with a key derived from AUTH_SECRET, not Argon2: they
//   are 12 characters drawn at random from 31 (59 bits), so a slow hash would add nothing that their
//   entropy does not already give, and the key makes a stolen table useless on its own. A
//   deterministic hash also lets one indexed query find the code instead of ten Argon2 checks.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

// ---------------------------------------------------------------------------------------------
// Base32 (RFC 4648, no padding): the form authenticator apps expect for the secret.

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Null for anything that is not base32 (spaces, case and padding are forgiven). */
export function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// Secret, enrolment URI and QR code

/** A new secret: 20 random bytes (the HMAC-SHA1 block RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The otpauth:// URI that authenticator apps read from the QR code. */
export function otpauthUri({ secret, account, issuer }: { secret: string; account: string; issuer: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: "SHA1", digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** The QR code of the URI as an SVG document, to inline in the setup page. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

// ---------------------------------------------------------------------------------------------
// Encryption of the stored secret: "v1.<iv>.<tag>.<ciphertext>", base64url parts.

function derivedKey(info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), Buffer.alloc(0), info, 32));
}

export function encryptSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("agent-totp"), iv);
  const ciphertext = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Throws when the value was altered, was encrypted under another AUTH_SECRET or is not ours. */
export function decryptSecret(stored: string): string {
  const [version, iv, tag, ciphertext, ...rest] = stored.split(".");
  if (version !== "v1" || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new Error("Secret TOTP illisible : format inconnu.");
  }
  const decipher = createDecipheriv("aes-256-gcm", derivedKey("agent-totp"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

// ---------------------------------------------------------------------------------------------
// RFC 6238

/** The time step of an instant: 30-second periods since the Unix epoch. */
export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The 6-digit code of a step. The secret is base32 text (as stored) or its raw bytes. */
export function totpCode(secret: string | Uint8Array, step: number): string {
  const key = typeof secret === "string" ? base32Decode(secret) : Buffer.from(secret);
  if (!key || key.length === 0) throw new Error("Secret TOTP invalide.");
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, "0");
}

/**
 * The step whose code this is, among the previous, current and next steps (phones' clocks drift a
 * little), or null. Spaces in the typed code are ignored.
 */
export function matchingStep(secret: string | Uint8Array, code: string, now: Date): number | null {
  const typed = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(typed)) return null;
  const current = stepAt(now);
  let found: number | null = null;
  // Every candidate is compared, in constant time, so the timing says nothing about which matched.
  for (const step of [current - 1, current, current + 1]) {
    if (timingSafeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(typed)) && found === null) found = step;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Recovery codes: "abcd-efgh-jkmn", from letters and digits that cannot be mistaken for one another.

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function newRecoveryCode(): string {
  const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

/** The hash kept for a code; null for what cannot be a code (any case, spaces and hyphens forgiven). */
export function recoveryCodeHash(code: string): string | null {
  const clean = code.toLowerCase().replace(/[\s-]/g, "");
  if (clean.length !== 12 || [...clean].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return createHmac("sha256", derivedKey("agent-recovery-code")).update(clean).digest("base64url");
}

// ---------------------------------------------------------------------------------------------
// Database: checks under the agent's row lock, with throttling

export type SecondFactorResult =
  | { ok: true }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

type LockedAgent = {
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  failedLogins: number;
  lastFailedLoginAt: Date | null;
};

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Runs one try on the locked row of an active agent of this commune. The check answers "right"
 * (failures are reset), "wrong" (one more failure) or "refused" (nothing is counted: a setup that
 * cannot apply). Unknown agent or another commune's: "wrong", and nothing is written.
 */
async function guardedTry<T>(
  agentId: string,
  tenantId: string,
  now: Date,
  check: (agent: LockedAgent, tx: Tx) => Promise<{ outcome: "right"; value: T } | { outcome: "wrong" } | { outcome: "refused" }>,
): Promise<{ ok: true; value: T } | { ok: false; reason: "wrong" | "refused" } | { ok: false; reason: "throttled"; retryAfterSeconds: number }> {
  try {
    return await db.$transaction(
      async (tx) => {
        const [agent] = await tx.$queryRaw<LockedAgent[]>`
          SELECT "totpSecret", "totpEnabledAt", "totpLastStep", "failedLogins", "lastFailedLoginAt"
          FROM "Agent" WHERE "id" = ${agentId} AND "tenantId" = ${tenantId} AND "active" FOR UPDATE`;
        if (!agent) return { ok: false as const, reason: "wrong" as const };
        // No daily table for agents: the doubling delay (capped at a day) is the whole schedule.
        const throttle = loginThrottle({
          consecutiveFailures: agent.failedLogins,
          lastFailureAt: agent.lastFailedLoginAt,
          failuresLast24h: 0,
          oldestFailureLast24h: null,
          now,
        });
        if (!throttle.allowed) return { ok: false as const, reason: "throttled" as const, retryAfterSeconds: throttle.retryAfterSeconds };
        const result = await check(agent, tx);
        if (result.outcome === "refused") return { ok: false as const, reason: "refused" as const };
        if (result.outcome === "wrong") {
          await tx.agent.updateMany({ where: { id: agentId, tenantId }, data: { failedLogins: { increment: 1 }, lastFailedLoginAt: now } });
          return { ok: false as const, reason: "wrong" as const };
        }
        await tx.agent.updateMany({ where: { id: agentId, tenantId }, data: { failedLogins: 0, lastFailedLoginAt: null } });
        return { ok: true as const, value: result.value };
      },
      { maxWait: 5_000, timeout: 15_000 },
    );
  } catch (error) {
    // Too many tries queued on one agent: the ones that could not wait their turn are refused.
    log("warn", "agent.second_factor_not_run", { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, reason: "throttled", retryAfterSeconds: 60 };
  }
}

function readSecret(stored: string | null): string | null {
  if (!stored) return null;
  try {
    return decryptSecret(stored);
  } catch {
    // AUTH_SECRET changed or the row was altered: only the recovery codes (or an admin's reset) help.
    log("error", "agent.totp_secret_unreadable", {});
    return null;
  }
}

export type SecondFactorFailure = Exclude<SecondFactorResult, { ok: true }>;

function failure(result: { ok: false; reason: "wrong" | "refused" } | { ok: false; reason: "throttled"; retryAfterSeconds: number }): SecondFactorFailure {
  return result.reason === "throttled" ? result : { ok: false, reason: "wrong" };
}

/**
 * Checks the TOTP code of an agent whose second factor is set up. A code is accepted once: its
 * step must come after the last accepted one, so replaying it (even within its 90 s) fails.
 */
export async function verifyAgentTotp(agentId: string, tenantId: string, code: string, now = new Date()): Promise<SecondFactorResult> {
  const result = await guardedTry<null>(agentId, tenantId, now, async (agent, tx) => {
    const secret = agent.totpEnabledAt ? readSecret(agent.totpSecret) : null;
    const step = secret ? matchingStep(secret, code, now) : null;
    if (step === null || (agent.totpLastStep !== null && step <= agent.totpLastStep)) return { outcome: "wrong" };
    await tx.agent.updateMany({ where: { id: agentId, tenantId }, data: { totpLastStep: step } });
    return { outcome: "right", value: null };
  });
  return result.ok ? { ok: true } : failure(result);
}

export type EnableTotpResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: "wrong" | "already-enabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * The end of the setup: the first valid code for the secret shown in the QR code confirms it. The
 * secret is stored encrypted, the second factor is on, and 10 new recovery codes replace any older
 * ones; they are returned here only, to be shown once. Refused (nothing written) when the code is
 * wrong, and when the second factor is already on: changing the phone goes through an admin's reset
 * (totpSecret and totpEnabledAt set to null), so a stolen password cannot re-enrol another phone.
 */
export async function enableTotp(agentId: string, tenantId: string, base32: string, code: string, now = new Date()): Promise<EnableTotpResult> {
  const key = base32Decode(base32);
  if (!key || key.length < 16) throw new Error("Secret TOTP invalide : utilisez newTotpSecret().");
  const secret = base32Encode(key);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const result = await guardedTry<string[]>(agentId, tenantId, now, async (agent, tx) => {
    if (agent.totpEnabledAt) return { outcome: "refused" };
    const step = matchingStep(secret, code, now);
    if (step === null) return { outcome: "wrong" };
    await tx.agent.updateMany({
      where: { id: agentId, tenantId },
      data: { totpSecret: encryptSecret(secret), totpEnabledAt: now, totpLastStep: step },
    });
    await tx.agentRecoveryCode.deleteMany({ where: { agentId } });
    await tx.agentRecoveryCode.createMany({ data: recoveryCodes.map((c) => ({ agentId, codeHash: recoveryCodeHash(c)! })) });
    return { outcome: "right", value: recoveryCodes };
  });
  if (result.ok) return { ok: true, recoveryCodes: result.value };
  if (result.reason === "refused") return { ok: false, reason: "already-enabled" };
  return failure(result);
}

/**
 * Uses a recovery code instead of a TOTP code: each works once, under the same throttling.
 * `remaining` tells how many unused codes are left, so the page can suggest making new ones.
 * (Not named use…: ESLint's React rules would take it for a hook.)
 */
export async function redeemRecoveryCode(
  agentId: string,
  tenantId: string,
  code: string,
  now = new Date(),
): Promise<{ ok: true; remaining: number } | SecondFactorFailure> {
  const codeHash = recoveryCodeHash(code);
  const result = await guardedTry<number>(agentId, tenantId, now, async (agent, tx) => {
    if (!agent.totpEnabledAt || !codeHash) return { outcome: "wrong" };
    const used = await tx.agentRecoveryCode.updateMany({ where: { agentId, codeHash, usedAt: null }, data: { usedAt: now } });
    if (used.count === 0) return { outcome: "wrong" };
    return { outcome: "right", value: await tx.agentRecoveryCode.count({ where: { agentId, usedAt: null } }) };
  });
  if (result.ok) return { ok: true, remaining: result.value };
  return failure(result);
}

