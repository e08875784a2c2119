import "server-only";
import { db } from "@/lib/db";
import { unsafeSweepAttachments } from "@/lib/attachments/attachments";

const DAY_MS = 24 * 3_600_000;

/**
 * Messages that carry a single-use secret (a link, a code), and how long after queuing it can still
 * work. Past that, only the subject stays in the outbox: a copy of the database holds no live link.
 */
const SECRET_TEMPLATES = { compteCree: 8 * DAY_MS, confirmationEmail: 8 * DAY_MS, reinitialisation: DAY_MS, codeSms: DAY_MS };
export const ERASED_TEXT = "Ce message contenait un lien ou un code à usage unique, effacé après son expiration.";

/**
 * Forgets what only mattered for a while: rate-limit windows, used captcha solutions once their
 * challenge expired, login failures older than the daily cap's 24 hours, spent or expired tokens.
 * Run by the worker every few minutes; any instance may run it, the deletes are idempotent.
 * Unscoped: a system job over every commune, run by the worker, never on behalf of a person.
 */
export async function unsafeHousekeeping(now = new Date()) {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const [rateLimits, captchas, failures, tokens, ...secrets] = await db.$transaction([
    db.rateLimit.deleteMany({ where: { windowStart: { lt: dayAgo } } }),
    db.captchaUse.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.loginFailure.deleteMany({ where: { createdAt: { lt: dayAgo } } }),
    db.accountToken.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } }),
    ...Object.entries(SECRET_TEMPLATES).map(([template, lifetime]) =>
      db.message.updateMany({
        where: { template, status: { not: "EN_ATTENTE" }, createdAt: { lt: new Date(now.getTime() - lifetime) }, text: { not: ERASED_TEXT } },
        data: { text: ERASED_TEXT, html: null },
      }),
    ),
  ]);
  // Outside the transaction: it removes files from storage, which no rollback could bring back.
  const attachments = await unsafeSweepAttachments(now);
  return {
    rateLimits: rateLimits.count, captchas: captchas.count, failures: failures.count, tokens: tokens.count,
    erasedMessages: secrets.reduce((sum, r) => sum + r.count, 0), attachments,
  };
}
