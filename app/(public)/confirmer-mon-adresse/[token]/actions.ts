"use server";

import { confirmEmail, type EmailConfirmation } from "@/lib/accounts/email-confirmation";
import { log } from "@/lib/log";
import { requireTenant } from "@/lib/tenancy/request";

export type ConfirmState = EmailConfirmation | { ok: false; reason: "error" } | null;

/** « Confirmer mon adresse »: the token comes from the page's URL, posted back by the button. */
export async function confirmAddress(_previous: ConfirmState, form: FormData): Promise<ConfirmState> {
  const tenant = await requireTenant();
  const token = form.get("token");
  if (typeof token !== "string") return { ok: false, reason: "unknown" };
  try {
    return await confirmEmail(tenant, token);
  } catch (error) {
    log("error", "email confirmation failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, reason: "error" };
  }
}
