import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { identifiantKey } from "@/lib/accounts/identifiant";
import { guardedAttempt, findAccountForLogin } from "@/lib/accounts/login";
import { resetPasswordSchema, resetRequestSchema } from "@/lib/accounts/recovery-schema";
import { linkTokenSchema, passwordContext } from "@/lib/accounts/schema";
import { hashSecret, normalizeAnswer, verifySecret } from "@/lib/accounts/secret-hash";
import { hashToken, issueToken } from "@/lib/accounts/tokens";
import { invalid, minutesText, type ActionResult } from "@/lib/forms";
import { queueMessage } from "@/lib/notifications/outbox";
import { renderMessage } from "@/lib/notifications/render";
import { hitRateLimit } from "@/lib/security/rate-limit";
import type { Tenant } from "@/lib/tenancy/resolve";
import { tenantUrl } from "@/lib/tenancy/url";

// Password recovery: a single-use link by email, then the security question, then a new password.
// The question alone proves nothing (it is often guessable), the link alone is only as safe as the
// mailbox: both are required. Wrong answers count as login failures, so the same throttling applies.

/** How long a link works. */
export const RESET_TTL_MS = 30 * 60_000;
/** Wrong answers a link survives; the next request needs a new link. */
export const MAX_ANSWER_FAILURES = 5;
/** Emails one account (or one unknown identifiant) can trigger per hour: no flooding a mailbox. */
export const RESET_EMAILS_PER_HOUR = 5;

export const RESET_REQUESTED_MESSAGE =
  "Si un compte de la commune correspond à cet identifiant et que son adresse électronique est confirmée, un courriel vient d'y être envoyé avec un lien pour choisir un nouveau mot de passe. Ce lien est valable 30 minutes.";

/**
 * The least time a request takes. Writing a token and a message costs more than the work done for an
 * unknown identifiant (a commit that writes waits for the disk): answering no sooner than this hides it.
 */
export const RESET_REQUEST_MIN_MS = 300;

const HOUR_MS = 3_600_000;

/**
 * Sends the recovery link of the account the person means, if there is one. The answer, and the
 * work done, are the same whether or not an account matches: nobody learns which identifiants exist.
 */
export async function requestPasswordReset(tenant: Tenant, typed: string, now = new Date()): Promise<ActionResult> {
  const started = performance.now();
  const found = await findAccountForLogin(tenant, typed);
  // Until confirmed, the address serves only for its confirmation link and the identifiant.
  const account = found
    ? await db.account.findFirst({
        where: { id: found.id, tenantId: tenant.id, emailConfirmedAt: { not: null } },
        select: { id: true, identifiant: true, email: true },
      })
    : null;
  const subject = account ? `compte:${account.id}` : `inconnu:${tenant.id}:${identifiantKey(typed)}`;
  const limit = await hitRateLimit("reinitialisation", subject, RESET_EMAILS_PER_HOUR, HOUR_MS, now);

  if (account && limit.allowed) {
    await db.$transaction(async (tx) => {
      const token = await issueToken(tx, account.id, "MOT_DE_PASSE", RESET_TTL_MS, null, now);
      await queueMessage(tx, tenant, {
        channel: "EMAIL", to: account.email, accountId: account.id, template: "reinitialisation",
        data: { identifiant: account.identifiant, resetUrl: tenantUrl(tenant, `/mot-de-passe-oublie/${token}`) },
      });
    });
  } else {
    // The same steps without a trace: a token drawn, the email rendered, a transaction that voids nothing.
    const token = randomBytes(32).toString("base64url");
    await renderMessage("reinitialisation", { identifiant: typed.slice(0, 254), resetUrl: tenantUrl(tenant, `/mot-de-passe-oublie/${token}`) }, tenant, "EMAIL");
    await db.$transaction(async (tx) => {
      await tx.accountToken.updateMany({ where: { accountId: randomUUID(), kind: "MOT_DE_PASSE", usedAt: null }, data: { usedAt: now } });
      await tx.accountToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true } });
    });
  }
  const left = RESET_REQUEST_MIN_MS - (performance.now() - started);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  return { ok: true, message: RESET_REQUESTED_MESSAGE };
}

/** The link's token row, if it still works here: unknown, used, expired, worn out or another commune's → null. */
async function findUsableToken(tenant: Pick<Tenant, "id">, token: string, now: Date) {
  if (!linkTokenSchema.safeParse(token).success) return null;
  return db.accountToken.findFirst({
    where: {
      tokenHash: hashToken(token), kind: "MOT_DE_PASSE", usedAt: null, expiresAt: { gt: now },
      failures: { lt: MAX_ANSWER_FAILURES }, account: { tenantId: tenant.id },
    },
    select: {
      id: true,
      account: {
        select: {
          id: true, identifiant: true, email: true, securityQuestion: true, securityAnswerHash: true,
          firstNames: true, birthName: true, usageName: true, failedLogins: true, lastFailedLoginAt: true,
        },
      },
    },
  });
}

/** What the link's page shows: the account's question and identifiant, or null when the link does not work. */
export async function readResetToken(tenant: Pick<Tenant, "id">, token: string, now = new Date()): Promise<{ question: string; identifiant: string } | null> {
  const row = await findUsableToken(tenant, token, now);
  return row ? { question: row.account.securityQuestion, identifiant: row.account.identifiant } : null;
}

export const INVALID_LINK_MESSAGE = "Ce lien ne permet plus de changer le mot de passe. Demandez-en un nouveau.";
export const WRONG_ANSWER_MESSAGE = "Cette réponse ne correspond pas à celle enregistrée pour votre compte.";

/**
 * Sets a new password with the link and the right answer to the security question. Every session
 * of the account ends, the link is spent, and a confirmation email is queued, all at once.
 */
export async function resetPassword(tenant: Tenant, token: string, input: unknown, now = new Date()): Promise<ActionResult> {
  const row = await findUsableToken(tenant, token, now);
  if (!row) return { ok: false, message: INVALID_LINK_MESSAGE };
  const { account } = row;

  // The password first: a refused password costs no attempt at the answer.
  const context = [...passwordContext(tenant.name, { ...account, usageName: account.usageName ?? undefined }), account.identifiant];
  const parsed = resetPasswordSchema(context).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);

  // Each answer uses one of the link's tries before it is checked: parallel answers gain nothing.
  const reserved = await db.accountToken.updateMany({
    where: { id: row.id, usedAt: null, failures: { lt: MAX_ANSWER_FAILURES } },
    data: { failures: { increment: 1 } },
  });
  if (reserved.count !== 1) return { ok: false, message: INVALID_LINK_MESSAGE };
  const attempt = await guardedAttempt(tenant, account.id, now, () =>
    verifySecret(account.securityAnswerHash, normalizeAnswer(parsed.data.answer)), "réponse secrète",
  );
  if (attempt.outcome === "throttled") {
    await db.accountToken.updateMany({ where: { id: row.id }, data: { failures: { decrement: 1 } } }); // not tried
    return { ok: false, message: `Trop de tentatives sur ce compte. Par sécurité, réessayez dans ${minutesText(attempt.retryAfterSeconds)}.` };
  }
  if (attempt.outcome === "wrong") {
    return { ok: false, message: "Certaines informations sont à corriger.", fieldErrors: { answer: WRONG_ANSWER_MESSAGE } };
  }

  const passwordHash = await hashSecret(parsed.data.password);
  const done = await db.$transaction(async (tx) => {
    // Single use: of two submissions racing with the same link, only one finds it unused.
    const spent = await tx.accountToken.updateMany({
      where: { id: row.id, kind: "MOT_DE_PASSE", usedAt: null, expiresAt: { gt: now }, failures: { lte: MAX_ANSWER_FAILURES }, account: { tenantId: tenant.id } },
      data: { usedAt: now },
    });
    if (spent.count !== 1) return false;
    await tx.account.updateMany({
      where: { id: account.id, tenantId: tenant.id },
      data: { passwordHash, sessionVersion: { increment: 1 }, failedLogins: 0, lastFailedLoginAt: null },
    });
    await recordAudit(tx, { tenantId: tenant.id, actor: { kind: "CITOYEN", id: account.id }, action: "citoyen.mot-de-passe", target: { type: "Compte", id: account.id }, details: { par: "lien de réinitialisation" } });
    await queueMessage(tx, tenant, { channel: "EMAIL", to: account.email, accountId: account.id, template: "motDePasseModifie", data: {} });
    return true;
  });
  if (!done) return { ok: false, message: INVALID_LINK_MESSAGE };
  return { ok: true, message: "Votre mot de passe est changé. Vous pouvez vous connecter avec le nouveau." };
}

/** The French sentence of a per-address limit reached on the recovery forms. */
export function tooManyRequests(retryAfterSeconds: number): string {
  return `Trop de demandes depuis votre connexion. Par sécurité, réessayez dans ${minutesText(retryAfterSeconds)}.`;
}

// The two forms as their server actions receive them: the sender's address (for the per-address
// limit, which recovery shares with the login: it is the other way into an account) and unknown input.

const perAddress = (address: string, now: Date) => hitRateLimit("reinitialisation-ip", address, env.LOGIN_IP_LIMIT_PER_MINUTE, 60_000, now);

/** « Envoyer » on the request form. */
export async function submitResetRequest(tenant: Tenant, address: string, input: unknown, now = new Date()): Promise<ActionResult> {
  const limit = await perAddress(address, now);
  if (!limit.allowed) return { ok: false, message: tooManyRequests(limit.retryAfterSeconds) };
  const parsed = resetRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return requestPasswordReset(tenant, parsed.data.identifiant, now);
}

/** « Confirmer » on the link's page. */
export async function submitNewPassword(tenant: Tenant, address: string, token: unknown, input: unknown, now = new Date()): Promise<ActionResult> {
  const limit = await perAddress(address, now);
  if (!limit.allowed) return { ok: false, message: tooManyRequests(limit.retryAfterSeconds) };
  const parsed = linkTokenSchema.safeParse(token);
  if (!parsed.success) return { ok: false, message: INVALID_LINK_MESSAGE };
  return resetPassword(tenant, parsed.data, input, now);
}
