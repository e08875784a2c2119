"use server";

import { redirect } from "next/navigation";
import { requireCitizen } from "@/lib/auth/session";
import { deleteDraft } from "@/lib/requests/drafts";
import { requireTenant } from "@/lib/tenancy/request";
import { formOf } from "@/lib/form-input";

/** « Supprimer » of a draft on Accueil, after its confirmation. */
export async function removeDraft(sent: unknown): Promise<void> {
  await requireTenant();
  const formData = formOf(sent);
  const citizen = await requireCitizen("/accueil");
  const result = await deleteDraft(citizen, formData.get("draftId"));
  redirect(result.ok ? "/accueil?brouillon=supprime" : "/accueil");
}
