import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import * as z from "zod";
import { db } from "@/lib/db";
import type { AccountStatus, ContactChannel, MemberKind } from "@/lib/generated/prisma/enums";
import { contactStep, memberSchema, passwordContext, passwordFields, SECURITY_QUESTIONS, securityFields, utcDate } from "@/lib/accounts/schema";
import { hashSecret, normalizeAnswer, verifySecret } from "@/lib/accounts/secret-hash";
import { EMAIL_CONFIRMATION_TTL_MS } from "@/lib/accounts/signup";
import { noticeRoute, reachabilitySelect } from "@/lib/accounts/contact";
import { sendMobileCode, SMS_OFF_MESSAGE } from "@/lib/accounts/mobile-confirmation";
import { issueToken } from "@/lib/accounts/tokens";
import type { Citizen } from "@/lib/auth/session";
import { invalid, minutesText, type ActionResult } from "@/lib/forms";
import { guardedAttempt } from "@/lib/accounts/login";
import { queueMessage, type Tx } from "@/lib/notifications/outbox";
import type { Tenant } from "@/lib/tenancy/resolve";
import { tenantUrl } from "@/lib/tenancy/url";

// The citizen's own account. Every function takes the citizen first and scopes its queries by
// account and commune. While the account awaits validation, profile and household changes are
// refused (the town hall checks what it validates); password and security question stay open.

export const PENDING_MESSAGE =
  "Votre compte attend sa validation par la mairie : vous pourrez modifier vos informations et votre foyer une fois le compte validé. En cas d'erreur urgente, contactez la mairie.";
const WRONG_PASSWORD = "Mot de passe actuel incorrect.";

/**
 * The account and its household as the « Compte » pages show them: adults first, then children.
 * One statement, the household and a new address waiting for its confirmation included.
 */
export async function getAccount(citizen: Pick<Citizen, "id" | "tenantId">) {
  const [account] = await db.$queryRaw<(Omit<AccountRow, "members"> & { members: AccountRow["members"]; pendingTarget: string | null })[]>`
    SELECT a."identifiant", a."status"::text AS "status", a."statusReason", a."civility", a."firstNames", a."birthName", a."usageName",
      to_char(a."birthDate", 'YYYY-MM-DD') AS "birthDate", a."birthPlace", a."addressLine1", a."addressLine2", a."postalCode", a."city",
      a."email", a."emailConfirmedAt", a."phone", a."mobile", a."mobileConfirmedAt", a."channel"::text AS "channel", a."securityQuestion",
      (SELECT t."target" FROM "AccountToken" t
        WHERE t."accountId" = a."id" AND t."kind" = 'EMAIL' AND t."usedAt" IS NULL AND t."expiresAt" > ${new Date()}
        ORDER BY t."createdAt" DESC LIMIT 1) AS "pendingTarget",
      COALESCE((SELECT json_agg(json_build_object('id', m."id", 'kind', m."kind", 'relation', m."relation", 'firstNames', m."firstNames",
                  'lastName', m."lastName", 'birthDate', to_char(m."birthDate", 'YYYY-MM-DD'), 'sex', m."sex") ORDER BY m."kind", m."birthDate")
                FROM "HouseholdMember" m WHERE m."tenantId" = a."tenantId" AND m."accountId" = a."id"), '[]') AS "members"
    FROM "Account" a
    WHERE a."id" = ${citizen.id} AND a."tenantId" = ${citizen.tenantId}
    LIMIT 1`;
  if (!account) return null;
  const { pendingTarget: pending, ...rest } = account;
  return {
    ...rest,
    /** A new address waiting for its confirmation link; the current one is used until then. */
    pendingEmail: pending && pending !== account.email ? pending : null,
  };
}
type AccountRow = {
  identifiant: string; status: AccountStatus; statusReason: string | null; civility: string; firstNames: string; birthName: string; usageName: string | null;
  birthDate: string; birthPlace: string; addressLine1: string; addressLine2: string | null; postalCode: string; city: string;
  email: string; emailConfirmedAt: Date | null; phone: string | null; mobile: string | null; mobileConfirmedAt: Date | null; channel: ContactChannel; securityQuestion: string;
  members: { id: string; kind: MemberKind; relation: string; firstNames: string; lastName: string; birthDate: string; sex: string }[];
};
export type AccountView = NonNullable<Awaited<ReturnType<typeof getAccount>>>;

/** Address, phones, channel and email. A new email is confirmed by a link before it is used. */
export async function updateContact(citizen: Citizen, tenant: Tenant, input: unknown): Promise<ActionResult> {
  const parsed = z.intersection(contactStep, z.object({ currentPassword: z.string().max(200).optional() })).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  if (parsed.data.channel === "SMS" && !tenant.settings.smsEnabled) return { ok: false, fieldErrors: { channel: SMS_OFF_MESSAGE } };
  const account = await db.account.findFirst({
    where: { id: citizen.id, tenantId: citizen.tenantId },
    select: { status: true, email: true, mobile: true, mobileConfirmedAt: true, passwordHash: true },
  });
  if (!account) return { ok: false, message: "Compte introuvable." };
  if (account.status !== "VALIDE") return { ok: false, message: PENDING_MESSAGE };
  const { currentPassword, ...v } = parsed.data;
  const emailChanged = v.email !== account.email;
  if (emailChanged) {
    if (!currentPassword) return { ok: false, fieldErrors: { currentPassword: "Indiquez votre mot de passe actuel pour changer d'adresse électronique." } };
    const refused = await checkCurrentPassword(citizen, account.passwordHash, currentPassword);
    if (refused) return refused;
  }
  const mobileChanged = (v.mobile ?? null) !== account.mobile;
  const saved = await db.$transaction(async (tx) => {
    const updated = await tx.account.updateMany({
      where: { id: citizen.id, tenantId: citizen.tenantId, status: "VALIDE" },
      data: {
        addressLine1: v.addressLine1, addressLine2: v.addressLine2 ?? null, postalCode: v.postalCode, city: v.city,
        // A new email replaces the current one only once confirmed (confirmEmail): a typo never
        // cuts the citizen off from their messages or from password recovery.
        phone: v.phone ?? null, mobile: v.mobile ?? null, channel: v.channel,
        ...(mobileChanged ? { mobileConfirmedAt: null } : {}),
      },
    });
    if (updated.count === 0) return false; // no longer validated since the page was read
    if (emailChanged) {
      const token = await issueToken(tx, citizen.id, "EMAIL", EMAIL_CONFIRMATION_TTL_MS, v.email);
      await queueMessage(tx, tenant, {
        channel: "EMAIL", to: v.email, accountId: citizen.id, template: "confirmationEmail",
        data: { confirmUrl: tenantUrl(tenant, `/confirmer-mon-adresse/${token}`) },
      });
    }
    if (v.channel === "SMS" && v.mobile && (mobileChanged || !account.mobileConfirmedAt)) await sendMobileCode(tx, tenant, citizen.id, v.mobile);
    // The notice goes to the address the citizen had: someone who took over the account is seen.
    await notify(tx, tenant, citizen.id, emailChanged ? "adresse électronique modifiée" : "coordonnées modifiées");
    return true;
  });
  if (!saved) return { ok: false, message: PENDING_MESSAGE };
  return {
    ok: true,
    message: emailChanged
      ? "Modifications enregistrées. Un lien de confirmation est envoyé à votre nouvelle adresse ; l'ancienne reste utilisée jusque-là."
      : "Modifications enregistrées.",
  };
}

/** Adds a member (no id) or changes one of this household (id). The holder is changed with the account. */
export async function saveMember(citizen: Citizen, tenant: Tenant, input: unknown): Promise<ActionResult> {
  const parsed = memberSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const m = parsed.data;
  const data = {
    relation: m.relation, kind: m.relation === "ENFANT" ? ("ENFANT" as const) : ("ADULTE" as const),
    firstNames: m.firstNames, lastName: m.lastName, birthDate: utcDate(m.birthDate), sex: m.sex,
  };
  return gated(citizen, async (tx) => {
    if (m.id) {
      const updated = await tx.householdMember.updateMany({
        where: { id: m.id, accountId: citizen.id, tenantId: citizen.tenantId, relation: { not: "TITULAIRE" } },
        data,
      });
      if (updated.count === 0) return { ok: false, message: "Cette personne ne fait pas partie de votre foyer." };
    } else {
      const count = await tx.householdMember.count({ where: { accountId: citizen.id, tenantId: citizen.tenantId } });
      if (count >= 16) return { ok: false, message: "Un foyer compte seize personnes au plus." };
      await tx.householdMember.create({ data: { ...data, tenantId: citizen.tenantId, accountId: citizen.id } });
    }
    await notify(tx, tenant, citizen.id, m.id ? `foyer modifié (${m.firstNames})` : `${m.firstNames} ajouté(e) à votre foyer`);
    return { ok: true, message: m.id ? "Modifications enregistrées." : `${m.firstNames} fait maintenant partie de votre foyer.` };
  });
}

/** Removes a member of this household (never the holder). Members named in a request will be kept. */
export async function removeMember(citizen: Citizen, tenant: Tenant, memberId: unknown): Promise<ActionResult> {
  const id = z.string().uuid().safeParse(memberId);
  if (!id.success) return { ok: false, message: "Cette personne ne fait pas partie de votre foyer." };
  return gated(citizen, async (tx) => {
    const member = await tx.householdMember.findFirst({
      where: { id: id.data, accountId: citizen.id, tenantId: citizen.tenantId, relation: { not: "TITULAIRE" } },
      select: { firstNames: true },
    });
    if (!member) return { ok: false, message: "Cette personne ne fait pas partie de votre foyer." };
    await tx.householdMember.deleteMany({ where: { id: id.data, accountId: citizen.id } });
    await notify(tx, tenant, citizen.id, `${member.firstNames} retiré(e) de votre foyer`);
    return { ok: true, message: `${member.firstNames} ne fait plus partie de votre foyer.` };
  });
}

/**
 * The current password, then the new one twice. Every session is revoked (the session version is
 * bumped); the caller gives this browser a fresh session with the returned version.
 */
export async function changePassword(citizen: Citizen, tenant: Tenant, input: unknown): Promise<ActionResult<{ sessionVersion: number }>> {
  const account = await db.account.findFirst({
    where: { id: citizen.id, tenantId: citizen.tenantId },
    select: { passwordHash: true, email: true, firstNames: true, birthName: true, usageName: true, identifiant: true },
  });
  if (!account) return { ok: false, message: "Compte introuvable." };
  const context = [...passwordContext(tenant.name, { ...account, usageName: account.usageName ?? undefined }), account.identifiant];
  const parsed = z.intersection(passwordFields(context), z.object({ currentPassword: z.string().max(200) })).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const refused = await checkCurrentPassword(citizen, account.passwordHash, parsed.data.currentPassword);
  if (refused) return refused;
  const passwordHash = await hashSecret(parsed.data.password);
  const sessionVersion = await db.$transaction(async (tx) => {
    await tx.account.updateMany({ where: { id: citizen.id, tenantId: citizen.tenantId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { tenantId: citizen.tenantId, actor: { kind: "CITOYEN", id: citizen.id }, action: "citoyen.mot-de-passe", target: { type: "Compte", id: citizen.id }, details: { par: "compte" } });
    const updated = await tx.account.findFirstOrThrow({ where: { id: citizen.id, tenantId: citizen.tenantId }, select: { sessionVersion: true } });
    const route = noticeRoute(await tx.account.findFirstOrThrow({ where: { id: citizen.id, tenantId: citizen.tenantId }, select: reachabilitySelect }), tenant);
    if (route) await queueMessage(tx, tenant, { ...route, accountId: citizen.id, template: "motDePasseModifie", data: {} });
    return updated.sessionVersion;
  });
  return { ok: true, message: "Votre mot de passe est modifié. Vos autres sessions ont été fermées.", data: { sessionVersion } };
}

/** A new security question and answer, with the current password. */
export async function changeSecurityQuestion(citizen: Citizen, tenant: Tenant, input: unknown): Promise<ActionResult> {
  const parsed = z.object({ ...securityFields.shape, currentPassword: z.string().max(200) }).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const account = await db.account.findFirst({ where: { id: citizen.id, tenantId: citizen.tenantId }, select: { passwordHash: true, email: true } });
  if (!account) return { ok: false, message: "Compte introuvable." };
  const refused = await checkCurrentPassword(citizen, account.passwordHash, parsed.data.currentPassword);
  if (refused) return refused;
  const securityAnswerHash = await hashSecret(normalizeAnswer(parsed.data.securityAnswer));
  await db.$transaction(async (tx) => {
    await tx.account.updateMany({ where: { id: citizen.id, tenantId: citizen.tenantId }, data: { securityQuestion: parsed.data.securityQuestion, securityAnswerHash } });
    await notify(tx, tenant, citizen.id, "question de sécurité modifiée");
  });
  return { ok: true, message: "Votre question et sa réponse sont enregistrées." };
}

export { SECURITY_QUESTIONS };

/**
 * The current password, asked before a sensitive change: tried under the login throttling, so a
 * borrowed session cannot be used to guess it.
 */
async function checkCurrentPassword(citizen: Citizen, passwordHash: string, typed: string): Promise<ActionResult<never> | null> {
  const attempt = await guardedAttempt({ id: citizen.tenantId }, citizen.id, new Date(), () => verifySecret(passwordHash, typed), "mot de passe actuel");
  if (attempt.outcome === "right") return null;
  if (attempt.outcome === "throttled") {
    return { ok: false, fieldErrors: { currentPassword: `Trop d'essais du mot de passe. Par sécurité, réessayez dans ${minutesText(attempt.retryAfterSeconds)}.` } };
  }
  return { ok: false, fieldErrors: { currentPassword: WRONG_PASSWORD } };
}

/** Runs a household change only on a validated account of this citizen, in one transaction. */
async function gated(citizen: Citizen, change: (tx: Tx) => Promise<ActionResult>): Promise<ActionResult> {
  return db.$transaction(async (tx) => {
    const account = await tx.account.findFirst({ where: { id: citizen.id, tenantId: citizen.tenantId }, select: { status: true } });
    if (!account) return { ok: false, message: "Compte introuvable." };
    if (account.status !== "VALIDE") return { ok: false, message: PENDING_MESSAGE };
    return change(tx);
  });
}

/** « Modification enregistrée », by the citizen's confirmed channel, in the change's transaction. */
async function notify(tx: Tx, tenant: Tenant, accountId: string, what: string) {
  const account = await tx.account.findFirstOrThrow({ where: { id: accountId, tenantId: tenant.id }, select: reachabilitySelect });
  const route = noticeRoute(account, tenant);
  if (route) await queueMessage(tx, tenant, { ...route, accountId, template: "compteModifie", data: { what } });
}
