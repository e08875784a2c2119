"use server";

import { headers } from "next/headers";
import { guarded } from "@/lib/actions";
import type { ActionResult } from "@/lib/forms";
import { trackRequest, type TrackedRequest } from "@/lib/requests/tracking";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Suivre ma demande »: the request of the host's commune with this number and code, or one neutral refusal. */
export async function trackRequestAction(input: unknown): Promise<ActionResult<TrackedRequest>> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  return guarded(
    "request tracking",
    tenant,
    () => trackRequest(tenant, input, address),
    "Le suivi des demandes ne répond pas pour le moment à cause d'un incident technique. Réessayez dans un instant.",
  );
}
