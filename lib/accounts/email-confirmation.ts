import "server-only";
import { db } from "@/lib/db";
import { linkTokenSchema } from "@/lib/accounts/schema";
import { hashToken } from "@/lib/accounts/tokens";
import type { Tenant } from "@/lib/tenancy/resolve";

// The link of the welcome email (and of an email change) proves the citizen reads that mailbox.
// Opening the link changes nothing (mail scanners open links): the page asks for a click, and the
// click (a POST) confirms. The token serves once, in this commune only.

export type EmailTokenState = "valid" | "used" | "expired" | "unknown";
export type EmailConfirmation = { ok: true; email: string } | { ok: false; reason: Exclude<EmailTokenState, "valid"> };

function tokenWhere(tenant: Pick<Tenant, "id">, token: string) {
  return { tokenHash: hashToken(token), kind: "EMAIL" as const, account: { tenantId: tenant.id } };
}

/** What a link is worth, without using it (for the page shown before the click). */
export async function checkEmailToken(tenant: Pick<Tenant, "id">, token: string, now = new Date()): Promise<EmailTokenState> {
  if (!linkTokenSchema.safeParse(token).success) return "unknown";
  const row = await db.accountToken.findFirst({ where: tokenWhere(tenant, token), select: { usedAt: true, expiresAt: true } });
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  return row.expiresAt <= now ? "expired" : "valid";
}

/**
 * Confirms the address the link was sent to. Single use: the token is spent by one guarded
 * `updateMany`, so of two simultaneous clicks one confirms and the other reads « used ».
 * Another commune's token is unknown here.
 */
export async function confirmEmail(tenant: Pick<Tenant, "id">, token: string, now = new Date()): Promise<EmailConfirmation> {
  if (!linkTokenSchema.safeParse(token).success) return { ok: false, reason: "unknown" };
  const where = tokenWhere(tenant, token);
  const confirmed = await db.$transaction(async (tx) => {
    const spent = await tx.accountToken.updateMany({
      where: { ...where, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count === 0) return null;
    const row = await tx.accountToken.findFirstOrThrow({ where, select: { accountId: true, target: true } });
    if (!row.target) return null;
    // The address the link was sent to becomes the account's (a new address replaces the old one
    // only now). A newer link voids this one (issueToken), so an older address never comes back.
    const account = await tx.account.updateMany({
      where: { id: row.accountId, tenantId: tenant.id },
      data: { email: row.target, emailConfirmedAt: now },
    });
    if (account.count === 0) throw new StaleLink();
    return row.target;
  }).catch((error: unknown) => {
    if (error instanceof StaleLink) return null;
    throw error;
  });
  if (confirmed) return { ok: true, email: confirmed };
  const state = await checkEmailToken(tenant, token, now);
  return { ok: false, reason: state === "valid" ? "used" : state };
}

class StaleLink extends Error {}
