import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { identifiantKey } from "@/lib/accounts/identifiant";
import { hashSecret, verifySecret } from "@/lib/accounts/secret-hash";
import { loginThrottle } from "@/lib/auth/throttle";
import { log } from "@/lib/log";
import { rateLimitKey } from "@/lib/security/rate-limit";
import type { Tenant } from "@/lib/tenancy/resolve";

export type LoginResult =
  | { ok: true; accountId: string; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "refused"; motif: string };

const DAY_MS = 24 * 3_600_000;
// Verifying against this hash when no account matches keeps the answer's timing the same.
let dummyHash: Promise<string> | null = null;

/**
 * Finds the account a person means: the exact identifiant (any case), else the accent-free
 * identifiant when exactly one account has it, else the email when exactly one account has it.
 */
export async function findAccountForLogin(tenant: Pick<Tenant, "id">, typed: string) {
  const value = typed.trim().normalize("NFC").toLowerCase().slice(0, 254);
  if (!value) return null;
  const select = {
    id: true, passwordHash: true, status: true, statusReason: true, sessionVersion: true,
    failedLogins: true, lastFailedLoginAt: true, email: true, identifiant: true, securityQuestion: true, securityAnswerHash: true,
  } as const;
  const key = identifiantKey(value);
  // One query for the three ways in; the order of preference is applied below.
  const candidates = await db.account.findMany({
    where: {
      tenantId: tenant.id,
      // A deleted account is nobody's any more: no way in by its old identifiant (which it no longer has) or address.
      status: { not: "SUPPRIME" },
      OR: [
        { identifiant: value },
        { identifiantKey: key },
        // A confirmed address only: anyone may type someone else's address at sign-up.
        ...(value.includes("@") ? [{ email: value, emailConfirmedAt: { not: null } }] : []),
      ],
    },
    select: { ...select, identifiantKey: true },
    take: 10,
  });
  const one = (list: typeof candidates) => (list.length === 1 ? list[0]! : null);
  const found =
    candidates.find((a) => a.identifiant === value) ??
    one(candidates.filter((a) => a.identifiantKey === key)) ??
    (value.includes("@") ? one(candidates.filter((a) => a.email === value)) : null);
  return found ?? null;
}

/**
 * Checks an identifiant and password, with the throttling of CNIL 2022-100. The answer does not
 * tell whether the identifiant exists: unknown identifiants are slowed down on the same schedule.
 */
export async function authenticate(tenant: Pick<Tenant, "id">, typed: string, password: string, now = new Date()): Promise<LoginResult> {
  const account = await findAccountForLogin(tenant, typed);
  if (!account) {
    await verifySecret(await (dummyHash ??= hashSecret("no account has this password")), password);
    const throttle = await unknownIdentifiantAttempt(tenant, typed, now);
    return throttle.allowed ? { ok: false, reason: "invalid" } : { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };
  }
  const attempt = await guardedAttempt(tenant, account.id, now, () => verifySecret(account.passwordHash, password));
  if (attempt.outcome === "throttled") return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  if (attempt.outcome === "wrong") return { ok: false, reason: "invalid" };
  if (account.status === "REFUSE") return { ok: false, reason: "refused", motif: account.statusReason ?? "" };
  if (account.status === "SUPPRIME") return { ok: false, reason: "invalid" };
  return { ok: true, accountId: account.id, sessionVersion: account.sessionVersion };
}

export type Attempt = { outcome: "right" } | { outcome: "wrong" } | { outcome: "throttled"; retryAfterSeconds: number };

/**
 * One try of a secret of this account (password, security answer, current password before a
 * change), under the login throttling. The account's row is locked for the try, so parallel tries
 * are counted one after the other: sending many at once gains nothing. A wrong secret is a failure;
 * a right one resets the consecutive count.
 */
export async function guardedAttempt(
  tenant: Pick<Tenant, "id">,
  accountId: string,
  now: Date,
  check: () => Promise<boolean>,
  /** What was tried, for the commune's audit log of security events. */
  secret: "mot de passe" | "réponse secrète" | "mot de passe actuel" | "code de la mairie" = "mot de passe",
): Promise<Attempt> {
  try {
    return await db.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<{ failedLogins: number; lastFailedLoginAt: Date | null }[]>`
          SELECT "failedLogins", "lastFailedLoginAt" FROM "Account" WHERE "id" = ${accountId} AND "tenantId" = ${tenant.id} FOR UPDATE`;
        if (!row) return { outcome: "wrong" as const };
        const since = new Date(now.getTime() - DAY_MS);
        const daily = await tx.loginFailure.aggregate({ where: { accountId, createdAt: { gt: since } }, _count: true, _min: { createdAt: true } });
        const throttle = loginThrottle({
          consecutiveFailures: row.failedLogins,
          lastFailureAt: row.lastFailedLoginAt,
          failuresLast24h: daily._count,
          oldestFailureLast24h: daily._min.createdAt,
          now,
        });
        if (!throttle.allowed) return { outcome: "throttled" as const, retryAfterSeconds: throttle.retryAfterSeconds };
        if (await check()) {
          if (row.failedLogins > 0) await tx.account.updateMany({ where: { id: accountId, tenantId: tenant.id }, data: { failedLogins: 0 } });
          return { outcome: "right" as const };
        }
        await tx.account.updateMany({ where: { id: accountId, tenantId: tenant.id }, data: { failedLogins: { increment: 1 }, lastFailedLoginAt: now } });
        await tx.loginFailure.create({ data: { accountId, createdAt: now } });
        await recordAudit(tx, { tenantId: tenant.id, actor: { kind: "CITOYEN", id: accountId }, action: "citoyen.echec", target: { type: "Compte", id: accountId }, details: { secret } });
        return { outcome: "wrong" as const };
      },
      { maxWait: 5_000, timeout: 15_000 },
    );
  } catch (error) {
    // Too many tries queued on one account: the ones that could not wait their turn are refused.
    log("warn", "login.attempt_not_run", { error: error instanceof Error ? error.message : String(error) });
    return { outcome: "throttled", retryAfterSeconds: 60 };
  }
}

/**
 * Unknown identifiants follow the accounts' schedule (5 free tries, then 1 min, 2 min…), so the
 * delays do not reveal which identifiants exist. The state is a RateLimit row keyed by a pseudonym:
 * count = consecutive failures, windowStart = the last one.
 */
async function unknownIdentifiantAttempt(tenant: Pick<Tenant, "id">, typed: string, now: Date) {
  const key = rateLimitKey("login-inconnu", `${tenant.id}:${identifiantKey(typed)}`);
  const row = await db.rateLimit.findUnique({ where: { key } });
  const recent = row && now.getTime() - row.windowStart.getTime() < DAY_MS ? row : null;
  const throttle = loginThrottle({
    consecutiveFailures: recent?.count ?? 0,
    lastFailureAt: recent?.windowStart ?? null,
    failuresLast24h: recent?.count ?? 0,
    oldestFailureLast24h: recent?.windowStart ?? null,
    now,
  });
  if (throttle.allowed) {
    await db.rateLimit.upsert({
      where: { key },
      create: { key, count: 1, windowStart: now },
      update: { count: (recent?.count ?? 0) + 1, windowStart: now },
    });
  }
  return throttle;
}
