"use server";

import { headers } from "next/headers";
import * as z from "zod";
import { guarded } from "@/lib/actions";
import { signInNewAccount } from "@/lib/auth/session";
import { registerAccount, type SignupOutcome } from "@/lib/accounts/registration";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/**
 * « Envoyer » of the sign-up form: the commune is the request's, never the form's. A sign-up begun
 * inside a démarche (`continueInDemarche`) signs the new account in, so the démarche goes on.
 */
export async function signUp(input: unknown): Promise<SignupOutcome> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  const record = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
  const { continueInDemarche, ...form } = record ?? {};
  return guarded(
    "signup",
    tenant,
    async () => {
      const result = await registerAccount(tenant, record ? form : input, address);
      const key = z.string().uuid().safeParse(form.submissionKey);
      // Only the call that created the account signs in: the same form sent again never mints a session.
      if (result.ok && result.data.created && continueInDemarche === true && key.success) await signInNewAccount(tenant.id, key.data);
      return result;
    },
    "Votre compte n'a pas pu être créé à cause d'un incident technique. Vos informations sont conservées : réessayez dans un instant.",
  );
}
