"use server";

import { headers } from "next/headers";
import { registerAccount, type SignupOutcome } from "@/lib/accounts/registration";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Envoyer » of the sign-up form: the commune is the request's, never the form's. */
export async function signUp(input: unknown): Promise<SignupOutcome> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  try {
    return await registerAccount(tenant, input, address);
  } catch (error) {
    log("error", "signup failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return {
      ok: false,
      message: "Votre compte n'a pas pu être créé à cause d'un incident technique. Vos informations sont conservées : réessayez dans un instant.",
    };
  }
}
