"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { createRegie, moveRegie, NOT_FOUND, updateRegie } from "@/lib/billing/regies";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

export type RegieFormState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: Record<string, string> } | null;

/** « Ajouter la régie » or « Enregistrer » a régie (`id`); a refusal keeps what was typed. */
export async function saveRegie(_previous: RegieFormState, sent: unknown): Promise<RegieFormState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = {
    name: formText(formData, "name", 200),
    description: formText(formData, "description", 600),
    provider: formText(formData, "provider", 20),
    stripeAccountId: formText(formData, "stripeAccountId", 300),
  };
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values };
  const id = formText(formData, "id", 40) || null;
  const ip = clientAddress(await headers());
  if (id) {
    const result = await guarded("regie", tenant, () => updateRegie(agent, tenant, id, values, ip));
    if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
    redirect(`/admin/regies?resultat=enregistree#regie-${id}`);
  }
  const result = await guarded("regie", tenant, () => createRegie(agent, tenant, values, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  redirect(`/admin/regies?resultat=ajoutee#regie-${result.data.id}`);
}

/** « Monter » or « Descendre » a régie (plain forms; the outcome comes back in the address). */
export async function arrangeRegie(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  if (!agent) redirect("/admin/connexion?expiree=1");
  const id = formText(formData, "id", 40);
  const direction = formData.get("acte") === "haut" ? "haut" : "bas";
  const ip = clientAddress(await headers());
  const result = await guarded("regie order", tenant, () => moveRegie(agent, tenant, id, direction, ip));
  redirect(`/admin/regies?resultat=${result.ok ? "deplacee" : result.message === NOT_FOUND ? "introuvable" : "erreur"}#regie-${id}`);
}
