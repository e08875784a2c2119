import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode, encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { ABSOLUTE_SECONDS, IDLE_SECONDS, SESSION_COOKIE, SESSION_COOKIE_OPTIONS, type CitizenToken } from "@/lib/auth/options";
import { getTenant } from "@/lib/tenancy/request";

/** The signed-in citizen, as every domain function receives it. */
export type Citizen = {
  kind: "citizen";
  id: string;
  tenantId: string;
  identifiant: string;
  status: "EN_ATTENTE" | "VALIDE" | "REFUSE";
  firstNames: string;
  lastName: string;
  emailConfirmed: boolean;
};

/**
 * The citizen of this request, or null. Once per request. The cookie must be for this host's
 * commune, younger than the absolute lifetime, and of the account's current session version
 * (logout and password changes bump it, which ends every other session at once).
 */
export const getCitizen = cache(async (): Promise<Citizen | null> => {
  const tenant = await getTenant();
  const raw = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!tenant || !raw) return null;
  const token = (await decode({ token: raw, secret: authSecret() }).catch(() => null)) as (Partial<CitizenToken> & { exp?: number }) | null;
  if (!token?.accountId || token.tenantId !== tenant.id || typeof token.sv !== "number") return null;
  if (!token.authTime || Date.now() / 1000 - token.authTime > ABSOLUTE_SECONDS) return null;
  const account = await db.account.findFirst({
    where: { id: token.accountId, tenantId: tenant.id, sessionVersion: token.sv },
    select: { id: true, tenantId: true, identifiant: true, status: true, firstNames: true, birthName: true, usageName: true, emailConfirmedAt: true },
  });
  if (!account || account.status === "REFUSE" || account.status === "SUPPRIME") return null;
  return {
    kind: "citizen",
    id: account.id,
    tenantId: account.tenantId,
    identifiant: account.identifiant,
    status: account.status,
    firstNames: account.firstNames,
    lastName: account.usageName || account.birthName,
    emailConfirmed: account.emailConfirmedAt !== null,
  };
});

/** The signed-in citizen; anyone else goes to the login page, and comes back here afterwards. */
export async function requireCitizen(returnTo: string): Promise<Citizen> {
  const citizen = await getCitizen();
  if (!citizen) redirect(`/connexion?retour=${encodeURIComponent(returnTo)}`);
  return citizen;
}

/**
 * Gives this browser a session of the account's new version, after a change that revoked all the
 * others (password change). Same cookie and format as a sign-in through next-auth.
 */
export async function renewSession(citizen: Pick<Citizen, "id" | "tenantId">, sessionVersion: number) {
  const token: CitizenToken = { accountId: citizen.id, tenantId: citizen.tenantId, sv: sessionVersion, authTime: Math.floor(Date.now() / 1000) };
  const value = await encode({ token, secret: authSecret(), maxAge: IDLE_SECONDS });
  (await cookies()).set(SESSION_COOKIE, value, { ...SESSION_COOKIE_OPTIONS, maxAge: IDLE_SECONDS });
}

/**
 * Signs in the account a sign-up form has just created, when that sign-up began inside a démarche:
 * the démarche goes on without a detour through the login page. Called only by the request that
 * created the account (never for the same form sent again), and only within minutes of it.
 */
export async function signInNewAccount(tenantId: string, signupKey: string) {
  const account = await db.account.findFirst({
    where: { tenantId, signupKey, createdAt: { gt: new Date(Date.now() - NEW_ACCOUNT_MS) }, status: { not: "REFUSE" } },
    select: { id: true, tenantId: true, sessionVersion: true },
  });
  if (account) await renewSession(account, account.sessionVersion);
  return account !== null;
}
const NEW_ACCOUNT_MS = 5 * 60_000;
