"use server";

import { changeSecurityQuestion } from "@/lib/accounts/profile";
import { requireCitizen } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/forms";
import { log } from "@/lib/log";
import { requireTenant } from "@/lib/tenancy/request";
import { revalidatePath } from "next/cache";

/** « Modifier ma question/réponse », with the current password; open while the account is pending. */
export async function saveSecurityQuestion(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/question");
  try {
    const result = await changeSecurityQuestion(citizen, tenant, input);
    if (result.ok) revalidatePath("/compte/question");
    return result;
  } catch (error) {
    log("error", "security question change failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, message: "Votre question n'a pas pu être modifiée à cause d'un incident technique. Réessayez dans un instant." };
  }
}
