"use server";
import { headers } from "next/headers";
import { submitNewPassword } from "@/lib/accounts/recovery";
import type { ActionResult } from "@/lib/forms";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Confirmer » on the emailed link's page: the answer and the new password for this link. */
export async function resetPasswordAction(token: unknown, input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  return submitNewPassword(tenant, clientAddress(await headers()), token, input);
}
