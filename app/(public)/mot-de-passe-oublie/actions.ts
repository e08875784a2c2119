"use server";
import { headers } from "next/headers";
import { guarded } from "@/lib/actions";
import { submitResetRequest } from "@/lib/accounts/recovery";
import { RECOVERY_UNAVAILABLE } from "@/lib/accounts/recovery-schema";
import type { ActionResult } from "@/lib/forms";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Envoyer »: the same neutral answer whether or not the identifiant exists. */
export async function requestResetAction(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  return guarded("password reset request", tenant, () => submitResetRequest(tenant, address, input), RECOVERY_UNAVAILABLE);
}
