"use server";

import { guarded } from "@/lib/actions";
import { changePassword } from "@/lib/accounts/profile";
import { renewSession, requireCitizen } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/forms";
import { requireTenant } from "@/lib/tenancy/request";

/**
 * « Modifier mon mot de passe »: every session of the account ends; this browser gets a new one
 * so the citizen stays signed in here.
 */
export async function savePassword(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/mot-de-passe");
  return guarded(
    "password change",
    tenant,
    async () => {
      const result = await changePassword(citizen, tenant, input);
      if (!result.ok) return result;
      await renewSession(citizen, result.data.sessionVersion);
      return { ok: true, message: result.message };
    },
    "Votre mot de passe n'a pas pu être modifié à cause d'un incident technique. Réessayez dans un instant.",
  );
}
