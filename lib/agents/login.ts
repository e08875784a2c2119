import "server-only";
import * as z from "zod";
import { hashSecret, verifySecret } from "@/lib/accounts/secret-hash";
import { db } from "@/lib/db";
import { minutesText, type ActionResult } from "@/lib/forms";
import type { Tenant } from "@/lib/tenancy/resolve";

// The first factor of an agent's login: email and password, in the commune of the host. After 5
// failures in a row each try waits 1 min, then 2, 4… (as for citizens). The answer never says
// whether the email exists.

const input = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

export const AGENT_LOGIN_REFUSED = "Adresse électronique ou mot de passe incorrect.";
const FREE_FAILURES = 5;

// Verifying against a fixed hash when the email is unknown takes the same time as a real check.
let dummyHash: Promise<string> | null = null;

export type PasswordStep = ActionResult<{ agentId: string; tenantId: string; sessionVersion: number; totpEnabled: boolean }>;

export async function checkAgentPassword(tenant: Pick<Tenant, "id">, raw: unknown, now = new Date()): Promise<PasswordStep> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, message: AGENT_LOGIN_REFUSED };
  const { email, password } = parsed.data;
  const agent = await db.agent.findFirst({
    where: { tenantId: tenant.id, email, active: true },
    select: { id: true, tenantId: true, passwordHash: true, sessionVersion: true, totpEnabledAt: true, failedLogins: true, lastFailedLoginAt: true },
  });
  if (!agent) {
    dummyHash ??= hashSecret("mot de passe de comparaison");
    await verifySecret(await dummyHash, password);
    return { ok: false, message: AGENT_LOGIN_REFUSED };
  }
  const wait = waitSeconds(agent.failedLogins, agent.lastFailedLoginAt, now);
  if (wait > 0) return { ok: false, message: `Trop d'essais infructueux : réessayez dans ${minutesText(wait)}.` };

  if (!(await verifySecret(agent.passwordHash, password))) {
    await db.agent.updateMany({ where: { id: agent.id, tenantId: tenant.id }, data: { failedLogins: { increment: 1 }, lastFailedLoginAt: now } });
    return { ok: false, message: AGENT_LOGIN_REFUSED };
  }
  // Failures are forgiven only once the second factor passes (lib/agents/totp): a right password
  // alone must not reset the count the TOTP attempts share.
  return { ok: true, data: { agentId: agent.id, tenantId: agent.tenantId, sessionVersion: agent.sessionVersion, totpEnabled: agent.totpEnabledAt !== null } };
}

/** Seconds before the next try is allowed: none for the first 5 failures, then 1 min doubling. */
export function waitSeconds(failures: number, last: Date | null, now: Date): number {
  if (failures < FREE_FAILURES || !last) return 0;
  const delay = 60 * 2 ** Math.min(failures - FREE_FAILURES, 10);
  return Math.max(0, Math.ceil((last.getTime() + delay * 1000 - now.getTime()) / 1000));
}
