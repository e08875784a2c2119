import "server-only";
import { db } from "@/lib/db";

const DAY_MS = 24 * 3_600_000;

/**
 * Forgets what only mattered for a while: rate-limit windows, used captcha solutions once their
 * challenge expired, login failures older than the daily cap's 24 hours, spent or expired tokens.
 * Run by the worker every few minutes; any instance may run it, the deletes are idempotent.
 */
export async function housekeeping(now = new Date()) {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const [rateLimits, captchas, failures, tokens] = await db.$transaction([
    db.rateLimit.deleteMany({ where: { windowStart: { lt: dayAgo } } }),
    db.captchaUse.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.loginFailure.deleteMany({ where: { createdAt: { lt: dayAgo } } }),
    db.accountToken.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } }),
  ]);
  return { rateLimits: rateLimits.count, captchas: captchas.count, failures: failures.count, tokens: tokens.count };
}
