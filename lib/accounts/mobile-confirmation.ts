import "server-only";
import { timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { db } from "@/lib/db";
import { hashToken, issueToken } from "@/lib/accounts/tokens";
import type { Citizen } from "@/lib/auth/session";
import { minutesText, type ActionResult } from "@/lib/forms";
import { queueMessage, type Tx } from "@/lib/notifications/outbox";
import { hitRateLimit } from "@/lib/security/rate-limit";
import type { Tenant } from "@/lib/tenancy/resolve";

// A mobile chosen for SMS is confirmed by a six-digit code sent to it. Five wrong codes void it.
const CODE_TTL_MS = 15 * 60_000;
const MAX_WRONG_CODES = 5;

/** What a citizen is told when their commune sends no SMS (« Réglages du portail »). */
export const SMS_OFF_MESSAGE = "Votre mairie n'envoie pas de SMS : ses messages vous parviennent par courriel.";

/**
 * Sends a new code to the account's mobile, in the caller's transaction (older codes stop working).
 * At most 5 an hour per account, whatever asks for it: nobody uses an account to text a stranger.
 */
export async function sendMobileCode(tx: Tx, tenant: Tenant, accountId: string, mobile: string): Promise<ActionResult> {
  if (!tenant.settings.smsEnabled) return { ok: false, message: SMS_OFF_MESSAGE };
  const limit = await hitRateLimit("code-sms", accountId, 5, 3_600_000);
  if (!limit.allowed) return { ok: false, message: `Trop de codes demandés. Réessayez dans ${minutesText(limit.retryAfterSeconds)}.` };
  const code = await issueToken(tx, accountId, "MOBILE", CODE_TTL_MS, mobile);
  await queueMessage(tx, tenant, { channel: "SMS", to: mobile, accountId, template: "codeSms", data: { code } });
  return { ok: true, message: "Un nouveau code vient de vous être envoyé par SMS." };
}

/** « Recevoir un nouveau code »: at most 5 an hour per account. */
export async function resendMobileCode(citizen: Citizen, tenant: Tenant): Promise<ActionResult> {
  const account = await db.account.findFirst({ where: { id: citizen.id, tenantId: citizen.tenantId }, select: { mobile: true, mobileConfirmedAt: true } });
  if (!account?.mobile) return { ok: false, message: "Indiquez d'abord un numéro de mobile dans votre compte." };
  if (account.mobileConfirmedAt) return { ok: true, message: "Votre mobile est déjà confirmé." };
  return db.$transaction((tx) => sendMobileCode(tx, tenant, citizen.id, account.mobile!));
}

/** Checks the code typed by the citizen against the latest one sent to their current mobile. */
export async function confirmMobile(citizen: Citizen, input: unknown, now = new Date()): Promise<ActionResult> {
  const parsed = z.object({ code: z.string().trim().regex(/^\d{6}$/, "Le code compte six chiffres.") }).safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: { code: parsed.error.issues[0]!.message } };
  const token = await db.accountToken.findFirst({
    where: { accountId: citizen.id, kind: "MOBILE", usedAt: null, expiresAt: { gt: now }, failures: { lt: MAX_WRONG_CODES }, account: { tenantId: citizen.tenantId } },
    orderBy: { createdAt: "desc" },
    select: { id: true, tokenHash: true, target: true, account: { select: { mobile: true } } },
  });
  if (!token || token.target !== token.account.mobile) {
    return { ok: false, fieldErrors: { code: "Ce code n'est plus valable. Demandez-en un nouveau." } };
  }
  // Each try uses one of the code's five before it is compared: parallel tries gain nothing.
  const reserved = await db.accountToken.updateMany({
    where: { id: token.id, usedAt: null, failures: { lt: MAX_WRONG_CODES } },
    data: { failures: { increment: 1 } },
  });
  if (reserved.count !== 1) return { ok: false, fieldErrors: { code: "Ce code n'est plus valable. Demandez-en un nouveau." } };
  const expected = Buffer.from(token.tokenHash);
  const given = Buffer.from(hashToken(`${citizen.id}:${parsed.data.code}`));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, fieldErrors: { code: "Code incorrect. Vérifiez le SMS reçu." } };
  }
  await db.$transaction([
    db.accountToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: now } }),
    db.account.updateMany({ where: { id: citizen.id, tenantId: citizen.tenantId, mobile: token.target }, data: { mobileConfirmedAt: now } }),
  ]);
  return { ok: true, message: "Votre numéro de mobile est confirmé : vous recevrez nos messages par SMS." };
}
