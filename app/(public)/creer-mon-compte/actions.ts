"use server";

import { headers } from "next/headers";
import { guarded } from "@/lib/actions";
import { registerAccount, type SignupOutcome } from "@/lib/accounts/registration";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Envoyer » of the sign-up form: the commune is the request's, never the form's. */
export async function signUp(input: unknown): Promise<SignupOutcome> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  return guarded(
    "signup",
    tenant,
    () => registerAccount(tenant, input, address),
    "Votre compte n'a pas pu être créé à cause d'un incident technique. Vos informations sont conservées : réessayez dans un instant.",
  );
}
