import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";
import type { Tx } from "@/lib/notifications/outbox";

// Single-use secrets sent to the citizen. Only a hash is stored: a database leak gives no usable link.
type Kind = "MOT_DE_PASSE" | "EMAIL" | "MOBILE";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new secret of this kind for this account; older unused ones of the same kind stop working.
 * Links get 32 random bytes; SMS codes six digits (their attempts are counted on the row).
 */
export async function issueToken(tx: Tx, accountId: string, kind: Kind, ttlMs: number, target: string | null = null, now = new Date()) {
  const token = kind === "MOBILE" ? String(randomInt(0, 1_000_000)).padStart(6, "0") : randomBytes(32).toString("base64url");
  await tx.accountToken.updateMany({ where: { accountId, kind, usedAt: null }, data: { usedAt: now } });
  // A six-digit code is not unique on its own: the hash covers the account too.
  const stored = kind === "MOBILE" ? hashToken(`${accountId}:${token}`) : hashToken(token);
  await tx.accountToken.create({ data: { accountId, kind, tokenHash: stored, target, expiresAt: new Date(now.getTime() + ttlMs) } });
  return token;
}
