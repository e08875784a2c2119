"use server";
import { headers } from "next/headers";
import { submitResetRequest } from "@/lib/accounts/recovery";
import type { ActionResult } from "@/lib/forms";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Envoyer »: the same neutral answer whether or not the identifiant exists. */
export async function requestResetAction(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  return submitResetRequest(tenant, clientAddress(await headers()), input);
}
