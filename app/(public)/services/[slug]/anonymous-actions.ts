// eslint-disable-next-line no-restricted-syntax -- the wizard's account actions live in actions.ts; this file holds the one action of the démarches without an account
"use server";

import { headers } from "next/headers";
import { guarded } from "@/lib/actions";
import type { ActionResult } from "@/lib/forms";
import { submitAnonymous, type AnonymousReceipt } from "@/lib/requests/anonymous";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/**
 * « Envoyer » of a démarche without an account: { procedure, answers, altcha, website, submissionKey }.
 * The commune is the request's host, never the form's; nothing is read from a session.
 */
export async function sendAnonymousRequest(input: unknown): Promise<ActionResult<AnonymousReceipt>> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  return guarded(
    "anonymous request",
    tenant,
    () => submitAnonymous(tenant, input, address),
    "Votre demande n'a pas pu être envoyée à cause d'un incident technique. Vos réponses sont conservées : réessayez dans un instant, elle ne sera pas enregistrée deux fois.",
  );
}
