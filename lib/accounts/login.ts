import "server-only";
import { db } from "@/lib/db";
import { identifiantKey } from "@/lib/accounts/identifiant";
import { hashSecret, verifySecret } from "@/lib/accounts/secret-hash";
import { loginThrottle } from "@/lib/auth/throttle";
import { hitRateLimit } from "@/lib/security/rate-limit";
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
  const exact = await db.account.findUnique({ where: { tenantId_identifiant: { tenantId: tenant.id, identifiant: value } }, select });
  if (exact) return exact;
  const byKey = await db.account.findMany({ where: { tenantId: tenant.id, identifiantKey: identifiantKey(value) }, select, take: 2 });
  if (byKey.length === 1) return byKey[0]!;
  if (value.includes("@")) {
    const byEmail = await db.account.findMany({ where: { tenantId: tenant.id, email: value }, select, take: 2 });
    if (byEmail.length === 1) return byEmail[0]!;
  }
  return null;
}

/**
 * Checks an identifiant and password, with the throttling of CNIL 2022-100. The answer does not
 * tell whether the identifiant exists: unknown identifiants are slowed down the same way.
 */
export async function authenticate(tenant: Pick<Tenant, "id">, typed: string, password: string, now = new Date()): Promise<LoginResult> {
  const account = await findAccountForLogin(tenant, typed);
  if (!account) {
    await verifySecret(await (dummyHash ??= hashSecret("no account has this password")), password);
    const limit = await hitRateLimit("login-inconnu", `${tenant.id}:${identifiantKey(typed)}`, 5, 60_000, now);
    return limit.allowed ? { ok: false, reason: "invalid" } : { ok: false, reason: "throttled", retryAfterSeconds: limit.retryAfterSeconds };
  }

  const throttle = await checkThrottle(account, now);
  if (!throttle.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  if (!(await verifySecret(account.passwordHash, password))) {
    await recordFailure(account.id, now);
    return { ok: false, reason: "invalid" };
  }
  await db.account.updateMany({ where: { id: account.id, tenantId: tenant.id }, data: { failedLogins: 0 } });
  if (account.status === "REFUSE") return { ok: false, reason: "refused", motif: account.statusReason ?? "" };
  return { ok: true, accountId: account.id, sessionVersion: account.sessionVersion };
}

/** Where this account stands against the throttling rules at `now`. */
export async function checkThrottle(account: { id: string; failedLogins: number; lastFailedLoginAt: Date | null }, now: Date) {
  const since = new Date(now.getTime() - DAY_MS);
  const daily = await db.loginFailure.aggregate({
    where: { accountId: account.id, createdAt: { gt: since } },
    _count: true,
    _min: { createdAt: true },
  });
  return loginThrottle({
    consecutiveFailures: account.failedLogins,
    lastFailureAt: account.lastFailedLoginAt,
    failuresLast24h: daily._count,
    oldestFailureLast24h: daily._min.createdAt,
    now,
  });
}

/** A failed password or security answer: counted for the delays and the daily cap. */
export async function recordFailure(accountId: string, now: Date) {
  await db.$transaction([
    db.account.update({ where: { id: accountId }, data: { failedLogins: { increment: 1 }, lastFailedLoginAt: now } }),
    db.loginFailure.create({ data: { accountId, createdAt: now } }),
    db.loginFailure.deleteMany({ where: { accountId, createdAt: { lt: new Date(now.getTime() - DAY_MS) } } }),
  ]);
}
