"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { deleteFaqEntry, moveFaqEntry, saveFaqEntry } from "@/lib/commune/faq";
import { formText } from "@/lib/forms";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

export type FaqFormState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: Record<string, string> } | null;

/** « Ajouter » or « Enregistrer » an entry; a refusal keeps what was typed. */
export async function saveFaq(_previous: FaqFormState, formData: FormData): Promise<FaqFormState> {
  const tenant = await requireTenant();
  const values = { section: String(formData.get("section") ?? "").slice(0, 200), question: String(formData.get("question") ?? "").slice(0, 400), answer: String(formData.get("answer") ?? "").slice(0, 12_000) };
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values };
  const id = formText(formData, "id", 40) || null;
  const ip = clientAddress(await headers());
  const result = await guarded("faq entry", tenant, () => saveFaqEntry(agent, tenant, id, values, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  redirect(`/admin/parametres/faq?resultat=${id ? "enregistree" : "ajoutee"}`);
}

/** « Monter », « Descendre » or « Supprimer » an entry (plain forms). */
export async function arrangeFaq(formData: FormData): Promise<void> {
  const tenant = await requireTenant();
  const agent = await agentOfAction("commune.configurer");
  if (!agent) redirect("/admin/connexion?expiree=1");
  const id = String(formData.get("id") ?? "").slice(0, 40);
  const act = String(formData.get("acte") ?? "");
  const ip = clientAddress(await headers());
  const result = await guarded("faq order", tenant, () =>
    act === "supprimer" ? deleteFaqEntry(agent, tenant, id, ip) : moveFaqEntry(agent, tenant, id, act === "haut" ? "haut" : "bas", ip),
  );
  redirect(`/admin/parametres/faq?resultat=${result.ok ? (act === "supprimer" ? "supprimee" : "deplacee") : "introuvable"}#${act === "supprimer" ? "questions" : `q-${id}`}`);
}
