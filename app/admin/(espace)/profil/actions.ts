"use server";

import { redirect } from "next/navigation";
import { formOf } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { chooseDigest } from "@/lib/agents/digest";
import { requireAgent } from "@/lib/agents/session";
import { requireTenant } from "@/lib/tenancy/request";

/** « Enregistrer »: how often the agent receives the digest of their services (a plain form). */
export async function saveDigest(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await requireAgent();
  const result = await guarded("digest choice", tenant, () => chooseDigest(agent, { digest: formData.get("digest") }));
  redirect(`/admin/profil?resultat=${result.ok ? "enregistre" : "erreur"}`);
}
