"use server";
import { headers } from "next/headers";
import { guarded } from "@/lib/actions";
import { submitNewPassword } from "@/lib/accounts/recovery";
import { RECOVERY_UNAVAILABLE } from "@/lib/accounts/recovery-schema";
import type { ActionResult } from "@/lib/forms";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Confirmer » on the emailed link's page: the answer and the new password for this link. */
export async function resetPasswordAction(token: unknown, input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  return guarded("password reset", tenant, () => submitNewPassword(tenant, address, token, input), RECOVERY_UNAVAILABLE);
}
