"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { deleteFaqEntry, moveFaqEntry, saveFaqEntry } from "@/lib/commune/faq";
import { formOf, formText } from "@/lib/form-input";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

export type FaqFormState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: Record<string, string> } | null;

/** « Ajouter » or « Enregistrer » an entry; a refusal keeps what was typed. */
export async function saveFaq(_previous: FaqFormState, sent: unknown): Promise<FaqFormState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = { section: formText(formData, "section", 200), question: formText(formData, "question", 400), answer: formText(formData, "answer", 12_000) };
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values };
  const id = formText(formData, "id", 40) || null;
  const ip = clientAddress(await headers());
  const result = await guarded("faq entry", tenant, () => saveFaqEntry(agent, tenant, id, values, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  redirect(`/admin/parametres/faq?resultat=${id ? "enregistree" : "ajoutee"}`);
}

/** « Monter », « Descendre » or « Supprimer » an entry (plain forms). */
export async function arrangeFaq(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  if (!agent) redirect("/admin/connexion?expiree=1");
  const id = formText(formData, "id", 40);
  const act = String(formData.get("acte") ?? "");
  const ip = clientAddress(await headers());
  const result = await guarded("faq order", tenant, () =>
    act === "supprimer" ? deleteFaqEntry(agent, tenant, id, ip) : moveFaqEntry(agent, tenant, id, act === "haut" ? "haut" : "bas", ip),
  );
  redirect(`/admin/parametres/faq?resultat=${result.ok ? (act === "supprimer" ? "supprimee" : "deplacee") : "introuvable"}#${act === "supprimer" ? "questions" : `q-${id}`}`);
}
