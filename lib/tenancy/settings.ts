import * as z from "zod";

// A commune's settings are stored as JSON; every key has a safe default so an empty object works.
// Reading is lenient key by key: a stored value that no longer fits (a range narrowed since) falls
// back to its default without resetting the others. What an admin types is checked, with French
// messages, by lib/commune/preferences.

/** The bounds of what an admin may choose (« Réglages du portail »). */
export const DRAFT_LIFETIME_DAYS = { min: 7, max: 365 } as const;
export const INVOICE_WINDOW_MONTHS = { min: 1, max: 24, default: 3 } as const;
export const SENDER_NAME_MAX = 60;

export const tenantSettingsSchema = z.object({
  timezone: z.string().catch("Europe/Paris"),
  /** Days a draft is kept untouched before it is removed; absent: the deployment's DRAFT_RETENTION_DAYS. */
  draftLifetimeDays: z.number().int().min(DRAFT_LIFETIME_DAYS.min).max(DRAFT_LIFETIME_DAYS.max).optional().catch(undefined),
  /** How many months of invoices citizens see (read by the invoices and payments). */
  invoiceWindowMonths: z.number().int().min(INVOICE_WINDOW_MONTHS.min).max(INVOICE_WINDOW_MONTHS.max).catch(INVOICE_WINDOW_MONTHS.default),
  /** Off: nothing goes by SMS, notices go by email and citizens are not offered SMS. */
  smsEnabled: z.boolean().catch(true),
  /** The name messages are sent under; empty: the commune's official name. */
  senderName: z.string().max(SENDER_NAME_MAX).catch(""),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export function parseSettings(value: unknown): TenantSettings {
  const parsed = tenantSettingsSchema.safeParse(value !== null && typeof value === "object" && !Array.isArray(value) ? value : {});
  return parsed.success ? parsed.data : tenantSettingsSchema.parse({});
}
