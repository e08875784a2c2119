import "server-only";
import { sendCode, type CodeVia, type Letter } from "@/lib/accounts/counter";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { identifiantBase, identifiantKey, withNumber } from "@/lib/accounts/identifiant";
import { utcDate, type SignupInput } from "@/lib/accounts/schema";
import { hashSecret, normalizeAnswer } from "@/lib/accounts/secret-hash";
import { sendMobileCode } from "@/lib/accounts/mobile-confirmation";
import { issueToken } from "@/lib/accounts/tokens";
import { queueMessage, type Tx } from "@/lib/notifications/outbox";
import type { Tenant } from "@/lib/tenancy/resolve";
import { tenantUrl } from "@/lib/tenancy/url";

export const EMAIL_CONFIRMATION_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Creates a pending account with its household, and sends the identifiant with the link that
 * confirms the email, in one transaction. Homonyms get the next free number; two sign-ups racing
 * for the same identifiant both succeed (the unique constraint decides, the loser takes the next).
 */
export async function createAccount(
  tenant: Tenant,
  input: SignupInput,
  signupKey: string | null = null,
  /** Created by an agent at the counter: validated at once; the person gets a code to choose their password. */
  counter: { agentId: string; via: CodeVia; ip: string | null } | null = null,
): Promise<{ identifiant: string; created: boolean; accountId?: string; letter?: Letter | null }> {
  const [passwordHash, securityAnswerHash] = await Promise.all([
    hashSecret(input.password),
    hashSecret(normalizeAnswer(input.securityAnswer)),
  ]);
  const base = identifiantBase(input.firstNames, input.usageName || input.birthName);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const identifiant = withNumber(base, await nextNumber(tx, tenant.id, base));
        const account = await tx.account.create({
          data: {
            tenantId: tenant.id,
            identifiant,
            identifiantKey: identifiantKey(identifiant),
            signupKey,
            civility: input.civility,
            firstNames: input.firstNames,
            birthName: input.birthName,
            usageName: input.usageName ?? null,
            birthDate: utcDate(input.birthDate),
            birthPlace: input.birthPlace,
            addressLine1: input.addressLine1,
            addressLine2: input.addressLine2 ?? null,
            postalCode: input.postalCode,
            city: input.city,
            email: input.email,
            phone: input.phone ?? null,
            mobile: input.mobile ?? null,
            channel: input.channel,
            passwordHash,
            ...(counter ? { status: "VALIDE" as const, statusChangedAt: new Date() } : {}),
            securityQuestion: input.securityQuestion,
            securityAnswerHash,
            members: {
              create: [
                {
                  tenantId: tenant.id, kind: "ADULTE", relation: "TITULAIRE", firstNames: input.firstNames,
                  lastName: input.usageName || input.birthName, birthDate: utcDate(input.birthDate), sex: input.civility === "Madame" ? "F" : "M",
                },
                ...input.members.map((m) => ({
                  tenantId: tenant.id, kind: m.relation === "ENFANT" ? ("ENFANT" as const) : ("ADULTE" as const), relation: m.relation,
                  firstNames: m.firstNames, lastName: m.lastName, birthDate: utcDate(m.birthDate), sex: m.sex,
                })),
              ],
            },
          },
          select: { id: true },
        });
        const token = await issueToken(tx, account.id, "EMAIL", EMAIL_CONFIRMATION_TTL_MS, input.email);
        if (counter) {
          const confirmUrl = tenantUrl(tenant, `/confirmer-mon-adresse/${token}`);
          await queueMessage(tx, tenant, { channel: "EMAIL", to: input.email, accountId: account.id, template: "confirmationEmail", data: { confirmUrl } });
          const letter = await sendCode(tx, tenant, { ...input, id: account.id, identifiant, usageName: input.usageName ?? null, addressLine2: input.addressLine2 ?? null }, counter.via, true);
          await recordAudit(tx, { tenantId: tenant.id, actor: { kind: "AGENT", id: counter.agentId }, action: "compte.creer", target: { type: "Compte", id: account.id }, ip: counter.ip, details: { code: counter.via } });
          return { identifiant, created: true, accountId: account.id, letter };
        }
        // The identifiant and the confirmation link go by email whatever the channel chosen:
        // the address is not confirmed yet, and it is the one way to prove it.
        await queueMessage(tx, tenant, {
          channel: "EMAIL", to: input.email, accountId: account.id, template: "compteCree",
          data: { identifiant, confirmUrl: tenantUrl(tenant, `/confirmer-mon-adresse/${token}`) },
        });
        // A mobile chosen for SMS is confirmed by a code before messages go there.
        if (input.channel === "SMS" && input.mobile) await sendMobileCode(tx, tenant, account.id, input.mobile);
        return { identifiant, created: true };
      });
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!clash || attempt >= 20) throw error;
      // The same form sent twice at once: the other request created the account.
      const twin = signupKey ? await accountOfSignup(tenant, signupKey) : null;
      if (twin) return { ...twin, created: false };
    }
  }
}

/** 1 when the base is free, otherwise one more than the highest number taken in this commune. */
async function nextNumber(tx: Tx, tenantId: string, base: string): Promise<number> {
  const taken = await tx.account.findMany({
    where: { tenantId, identifiant: { startsWith: base } },
    select: { identifiant: true },
  });
  let highest = 0;
  for (const { identifiant } of taken) {
    if (identifiant === base) highest = Math.max(highest, 1);
    const suffix = identifiant.slice(base.length);
    if (/^[1-9]\d{0,5}$/.test(suffix)) highest = Math.max(highest, Number(suffix));
  }
  return highest + 1;
}

/** The account a sign-up form already created in this commune, if any. */
export async function accountOfSignup(tenant: Pick<Tenant, "id">, signupKey: string): Promise<{ identifiant: string } | null> {
  return db.account.findFirst({ where: { tenantId: tenant.id, signupKey }, select: { identifiant: true } });
}
