"use server";
import { headers } from "next/headers";
import { redeemCounterCode } from "@/lib/accounts/counter";
import { RECOVERY_UNAVAILABLE } from "@/lib/accounts/recovery-schema";
import { guarded } from "@/lib/actions";
import type { ActionResult } from "@/lib/forms";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Confirmer »: the identifiant, the town hall's code and the new password. */
export async function redeemCodeAction(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  return guarded("counter code", tenant, () => redeemCounterCode(tenant, address, input), RECOVERY_UNAVAILABLE);
}
