import type { TenantSettings } from "@/lib/tenancy/settings";

/** What an account says about how to reach its holder. */
export type Reachability = {
  email: string;
  emailConfirmedAt: Date | null;
  mobile: string | null;
  mobileConfirmedAt: Date | null;
  channel: "EMAIL" | "SMS" | "TELEPHONE";
};

/**
 * Where a notice to this citizen goes: SMS when they chose it and confirmed their mobile, and their
 * commune sends SMS; otherwise their email once confirmed (« téléphone » means email plus a call from
 * the town hall). An unconfirmed address receives nothing but its confirmation link and the
 * identifiant: anyone can type someone else's address at sign-up. Null: nowhere yet.
 */
export function noticeRoute(account: Reachability, commune: { settings: Pick<TenantSettings, "smsEnabled"> }): { channel: "EMAIL" | "SMS"; to: string } | null {
  if (commune.settings.smsEnabled && account.channel === "SMS" && account.mobile && account.mobileConfirmedAt) return { channel: "SMS", to: account.mobile };
  if (account.emailConfirmedAt) return { channel: "EMAIL", to: account.email };
  return null;
}

/**
 * Where a message kept as proof goes (the confirmation that an account was deleted): by email
 * whenever the address is confirmed, whatever the channel chosen; otherwise as any notice.
 */
export function proofRoute(account: Reachability, commune: { settings: Pick<TenantSettings, "smsEnabled"> }): { channel: "EMAIL" | "SMS"; to: string } | null {
  return account.emailConfirmedAt ? { channel: "EMAIL", to: account.email } : noticeRoute(account, commune);
}

export const reachabilitySelect = { email: true, emailConfirmedAt: true, mobile: true, mobileConfirmedAt: true, channel: true } as const;
