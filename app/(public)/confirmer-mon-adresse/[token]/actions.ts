"use server";

import { formOf } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { confirmEmail, type EmailConfirmation } from "@/lib/accounts/email-confirmation";
import { requireTenant } from "@/lib/tenancy/request";

export type ConfirmState = EmailConfirmation | { ok: false; reason: "error" } | null;

/** « Confirmer mon adresse »: the token comes from the page's URL, posted back by the button. */
export async function confirmAddress(_previous: ConfirmState, sent: unknown): Promise<ConfirmState> {
  const tenant = await requireTenant();
  const form = formOf(sent);
  const token = form.get("token");
  if (typeof token !== "string") return { ok: false, reason: "unknown" };
  return guarded<ConfirmState>("email confirmation", tenant, () => confirmEmail(tenant, token), { answer: { ok: false, reason: "error" } });
}
