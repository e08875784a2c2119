"use server";

import { revalidatePath } from "next/cache";
import { guarded } from "@/lib/actions";
import { changeSecurityQuestion } from "@/lib/accounts/profile";
import { requireCitizen } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/forms";
import { requireTenant } from "@/lib/tenancy/request";

/** « Modifier ma question/réponse », with the current password; open while the account is pending. */
export async function saveSecurityQuestion(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/question");
  return guarded(
    "security question change",
    tenant,
    async () => {
      const result = await changeSecurityQuestion(citizen, tenant, input);
      if (result.ok) revalidatePath("/compte/question");
      return result;
    },
    "Votre question n'a pas pu être modifiée à cause d'un incident technique. Réessayez dans un instant.",
  );
}
