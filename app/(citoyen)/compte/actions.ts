"use server";

import { guarded } from "@/lib/actions";
import { confirmMobile, resendMobileCode } from "@/lib/accounts/mobile-confirmation";
import { requireCitizen } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/forms";
import { requireTenant } from "@/lib/tenancy/request";

export async function confirmMobileAction(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte");
  return guarded("mobile confirmation", tenant, () => confirmMobile(citizen, input));
}

export async function resendMobileCodeAction(): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte");
  return guarded("mobile code resend", tenant, () => resendMobileCode(citizen, tenant));
}
