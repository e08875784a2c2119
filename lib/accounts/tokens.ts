import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";
import type { Tx } from "@/lib/notifications/outbox";

// Single-use secrets sent to the citizen. Only a hash is stored: a database leak gives no usable link.
type Kind = "MOT_DE_PASSE" | "EMAIL" | "MOBILE" | "GUICHET";

/** The letters of a code typed from a letter: no 0, O, 1, I or L, which read alike on paper. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** « K7PM-3QXD-9TRA »: 12 letters (59 bits), grouped by four to copy from paper. */
function letterCode(): string {
  const letters = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)]);
  return [0, 4, 8].map((i) => letters.slice(i, i + 4).join("")).join("-");
}

/** A typed code as stored: upper case, without the spaces and dashes people add or leave out. */
export function normalizeLetterCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "").slice(0, 40);
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * How each kind of secret is drawn, and how its hash is bound: links get 32 random bytes, unique on
 * their own; short codes (SMS, the town hall's letter) are not, so their hash covers the account too.
 */
const SECRETS: Record<Kind, { draw: () => string; hash: (accountId: string, token: string) => string }> = {
  MOT_DE_PASSE: { draw: () => randomBytes(32).toString("base64url"), hash: (_id, token) => hashToken(token) },
  EMAIL: { draw: () => randomBytes(32).toString("base64url"), hash: (_id, token) => hashToken(token) },
  MOBILE: { draw: () => String(randomInt(0, 1_000_000)).padStart(6, "0"), hash: (id, token) => hashToken(`${id}:${token}`) },
  GUICHET: { draw: letterCode, hash: (id, token) => hashToken(`${id}:${normalizeLetterCode(token)}`) },
};

/** The stored hash of a secret of this kind, as typed or followed (the lookup side of issueToken). */
export const secretHash = (kind: Kind, accountId: string, token: string) => SECRETS[kind].hash(accountId, token);

/** A new secret of this kind for this account; older unused ones of the same kind stop working. */
export async function issueToken(tx: Tx, accountId: string, kind: Kind, ttlMs: number, target: string | null = null, now = new Date()) {
  const token = SECRETS[kind].draw();
  await tx.accountToken.updateMany({ where: { accountId, kind, usedAt: null }, data: { usedAt: now } });
  await tx.accountToken.create({ data: { accountId, kind, tokenHash: secretHash(kind, accountId, token), target, expiresAt: new Date(now.getTime() + ttlMs) } });
  return token;
}
