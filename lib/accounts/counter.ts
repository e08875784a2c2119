import "server-only";
import { randomBytes } from "node:crypto";
import * as z from "zod";
import { noticeRoute, reachabilitySelect } from "@/lib/accounts/contact";
import { identifiantKey } from "@/lib/accounts/identifiant";
import { guardedAttempt } from "@/lib/accounts/login";
import { counterCodeSchema } from "@/lib/accounts/recovery-schema";
import { contactStep, holderStep, passwordContext, utcDate } from "@/lib/accounts/schema";
import { createAccount } from "@/lib/accounts/signup";
import { hashSecret } from "@/lib/accounts/secret-hash";
import type { AccountStatus } from "@/lib/generated/prisma/enums";
import { issueToken, secretHash } from "@/lib/accounts/tokens";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { invalid, minutesText, type ActionResult } from "@/lib/forms";
import { queueMessage, type Tx } from "@/lib/notifications/outbox";
import { frenchDay } from "@/lib/procedures/answer-text";
import { hitRateLimit } from "@/lib/security/rate-limit";
import type { Tenant } from "@/lib/tenancy/resolve";
import { tenantUrl } from "@/lib/tenancy/url";

/** The accounts the town hall's counter serves: all but those refused or deleted. */
export const SERVED_ACCOUNT: { notIn: AccountStatus[] } = { notIn: ["REFUSE", "SUPPRIME"] };

// The town hall's code: how a person who cannot use « Mot de passe oublié ? » (no access to their
// mailbox, security answer forgotten, or an account just created for them at the counter) chooses
// their own password. An agent has a code sent by email or printed on a letter; the person types
// their identifiant, the code and a password of their choice at /nouveau-mot-de-passe. The agent
// never sees nor chooses the password. The code works once, for a limited time, and its wrong
// tries count as login failures (same throttling). When a code goes on paper, the holder is told by
// their usual channel: a letter printed by someone else is never silent.

/** Where the code goes: by email to the account's address, or on a letter printed at the counter. */
export type CodeVia = "courriel" | "courrier";

/** How long a code works: a letter takes days to arrive by post. */
const CODE_TTL_MS = { courriel: 3 * 86_400_000, courrier: 30 * 86_400_000 } as const;
/** Tries per address per hour at /nouveau-mot-de-passe. */
const TRIES_PER_HOUR = 20;

/** What the agent prints and hands over (or posts): never a password, the person chooses it. */
export type Letter = { name: string; address: string[]; identifiant: string; code: string; url: string; validUntil: string };

/**
 * Issues a new code for an account (older ones stop working), sends it by email or returns the
 * letter to print, and audits the act. The email goes to the account's address even unconfirmed:
 * the agent has checked it with the person.
 */
export async function issueCounterCode(actor: StaffActor, tenant: Tenant, accountId: string, via: CodeVia, ip: string | null = null, now = new Date()): Promise<ActionResult<{ letter: Letter | null }>> {
  if (tenant.id !== actor.tenantId || !z.string().uuid().safeParse(accountId).success) return { ok: false, message: "Compte introuvable." };
  if (via !== "courriel" && via !== "courrier") return { ok: false, message: "Choisissez le courriel ou le courrier." };
  return db.$transaction(async (tx) => {
    const account = await tx.account.findFirst({ where: { id: accountId, tenantId: actor.tenantId, status: SERVED_ACCOUNT }, select: letterSelect });
    if (!account) return { ok: false, message: "Compte introuvable." };
    const letter = await sendCode(tx, tenant, account, via, false, now);
    const route = via === "courrier" ? noticeRoute(account, tenant) : null;
    if (route) {
      await queueMessage(tx, tenant, { ...route, accountId: account.id, template: "compteModifie", data: { what: "la mairie a préparé un courrier avec un code pour choisir un nouveau mot de passe" } });
    }
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "compte.code", target: { type: "Compte", id: account.id }, ip, details: { par: via } });
    return { ok: true, message: via === "courriel" ? `Code envoyé par courriel à ${account.email}.` : "Courrier prêt à imprimer.", data: { letter } };
  });
}

const letterSelect = {
  ...reachabilitySelect,
  id: true, identifiant: true, email: true, civility: true, firstNames: true, birthName: true, usageName: true,
  addressLine1: true, addressLine2: true, postalCode: true, city: true,
} as const;

/** Issues the code in the caller's transaction and sends it, or returns the letter. */
export async function sendCode(
  tx: Tx,
  tenant: Tenant,
  account: { id: string; identifiant: string; email: string; civility: string; firstNames: string; birthName: string; usageName: string | null; addressLine1: string; addressLine2: string | null; postalCode: string; city: string },
  via: CodeVia,
  created: boolean,
  now = new Date(),
): Promise<Letter | null> {
  const code = await issueToken(tx, account.id, "GUICHET", CODE_TTL_MS[via], null, now);
  const validUntil = frenchDay(new Date(now.getTime() + CODE_TTL_MS[via]));
  const url = tenantUrl(tenant, "/nouveau-mot-de-passe");
  if (via === "courriel") {
    await queueMessage(tx, tenant, { channel: "EMAIL", to: account.email, accountId: account.id, template: "codeMairie", data: { identifiant: account.identifiant, code, url, created, validUntil } });
    return null;
  }
  return {
    name: `${account.civility} ${account.firstNames} ${account.usageName || account.birthName}`,
    address: [account.addressLine1, account.addressLine2, `${account.postalCode} ${account.city}`].filter((l): l is string => Boolean(l)),
    identifiant: account.identifiant, code, url, validUntil,
  };
}

export const WRONG_CODE_MESSAGE = "Cet identifiant et ce code ne vont pas ensemble, ou le code ne fonctionne plus (déjà utilisé, expiré ou remplacé par un plus récent). Vérifiez-les, ou demandez un nouveau code à la mairie.";

/**
 * /nouveau-mot-de-passe: the identifiant, the town hall's code and a new password. The same answer
 * for an unknown identifiant and a wrong code. On success every session ends, the code is spent,
 * and the person is told by email.
 */
export async function redeemCounterCode(tenant: Tenant, address: string, input: unknown, now = new Date()): Promise<ActionResult> {
  const limit = await hitRateLimit("code-mairie", `${tenant.id}:${address}`, TRIES_PER_HOUR, 3_600_000, now);
  if (!limit.allowed) return { ok: false, message: `Trop d'essais depuis votre connexion. Réessayez dans ${minutesText(limit.retryAfterSeconds)}.` };
  const shape = counterCodeSchema([tenant.name]).safeParse(input);
  if (!shape.success) return invalid(shape.error);
  const account = await db.account.findFirst({
    where: { tenantId: tenant.id, identifiantKey: identifiantKey(shape.data.identifiant), status: SERVED_ACCOUNT },
    select: { id: true, identifiant: true, email: true, firstNames: true, birthName: true, usageName: true },
  });
  const wrong = { ok: false as const, message: WRONG_CODE_MESSAGE, fieldErrors: { code: WRONG_CODE_MESSAGE } };
  if (!account) return wrong;
  // Now that the person is known, the password must not be built on their names either.
  const context = [...passwordContext(tenant.name, { ...account, usageName: account.usageName ?? undefined }), account.identifiant];
  const parsed = counterCodeSchema(context).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);

  const tokenHash = secretHash("GUICHET", account.id, parsed.data.code);
  // No cap of wrong tries per code: anyone knowing an identifiant could then void a letter in the
  // post. The guesses are bounded by the account's login throttling (25 a day at most) and the
  // per-address limit, against 59 bits.
  const usable = { accountId: account.id, kind: "GUICHET" as const, usedAt: null, expiresAt: { gt: now } };
  const attempt = await guardedAttempt(tenant, account.id, now, async () => (await db.accountToken.count({ where: { ...usable, tokenHash } })) === 1, "code de la mairie");
  if (attempt.outcome === "throttled") return { ok: false, message: `Trop d'essais sur ce compte. Par sécurité, réessayez dans ${minutesText(attempt.retryAfterSeconds)}.` };
  if (attempt.outcome === "wrong") return wrong;

  const passwordHash = await hashSecret(parsed.data.password);
  const done = await db.$transaction(async (tx) => {
    const spent = await tx.accountToken.updateMany({ where: { ...usable, tokenHash }, data: { usedAt: now } });
    if (spent.count !== 1) return false; // the same code sent twice at once: one wins
    await tx.account.updateMany({ where: { id: account.id, tenantId: tenant.id }, data: { passwordHash, sessionVersion: { increment: 1 }, failedLogins: 0, lastFailedLoginAt: null } });
    await recordAudit(tx, { tenantId: tenant.id, actor: { kind: "CITOYEN", id: account.id }, action: "citoyen.mot-de-passe", target: { type: "Compte", id: account.id }, details: { par: "code de la mairie" } });
    await queueMessage(tx, tenant, { channel: "EMAIL", to: account.email, accountId: account.id, template: "motDePasseModifie", data: {} });
    return true;
  });
  return done ? { ok: true, message: "Votre mot de passe est enregistré. Vous pouvez vous connecter avec votre identifiant." } : wrong;
}

const counterAccountSchema = z.intersection(z.intersection(holderStep, contactStep), z.object({ via: z.enum(["courriel", "courrier"], { error: "Choisissez comment la personne reçoit son code." }) }));
export type CounterAccountInput = z.input<typeof counterAccountSchema>;

/**
 * « Créer un compte au guichet »: an agent creates the account of a person at the town hall, with
 * the identity and contact details the person gives (checked on their papers: the account is
 * validated at once). The person then chooses their password with the town hall's code (by email,
 * or on the letter printed here) and confirms their email by its link. No household yet: the
 * person declares it from « Compte ». A person who already has an account here is pointed to it.
 */
export async function createAccountAtCounter(actor: StaffActor, tenant: Tenant, input: unknown, ip: string | null = null): Promise<ActionResult<{ accountId: string; identifiant: string; letter: Letter | null }>> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: "Commune introuvable." };
  const parsed = counterAccountSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { via, ...person } = parsed.data;
  const twin = await db.account.findFirst({
    where: { tenantId: actor.tenantId, status: SERVED_ACCOUNT, birthDate: utcDate(person.birthDate), birthName: { equals: person.birthName, mode: "insensitive" }, firstNames: { equals: person.firstNames, mode: "insensitive" } },
    select: { id: true, identifiant: true },
  });
  if (twin) return { ok: false, message: `Cette personne a déjà un compte : ${twin.identifiant}. Ouvrez-le pour lui envoyer un code si elle a perdu son mot de passe.` };
  // Nobody ever knows this password: the person replaces it with the code. No question either: the
  // person chooses one in « Compte »; until then, the town hall's code is their way back in.
  const unknowable = randomBytes(32).toString("base64url");
  const created = await createAccount(
    tenant,
    { ...person, acceptTerms: true, members: [], securityQuestion: "", securityAnswer: randomBytes(16).toString("base64url"), password: unknowable, passwordConfirm: unknowable },
    null,
    { agentId: actor.id, via, ip },
  );
  return {
    ok: true,
    message: `Compte ${created.identifiant} créé.`,
    data: { accountId: created.accountId!, identifiant: created.identifiant, letter: created.letter ?? null },
  };
}
