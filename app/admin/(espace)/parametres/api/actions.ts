"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { createApiKey, revokeApiKey } from "@/lib/billing/api-keys";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** `key` is the new key in clear, in this answer only; `at` tells each answer apart (the form is drawn anew). */
export type ApiKeyState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: { name: string }; key?: string; at: number } | null;

/** « Créer la clé »: the key comes back once, to be copied into the billing software. */
export async function createKey(_previous: ApiKeyState, sent: unknown): Promise<ApiKeyState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = { name: formText(formData, "name", 200) };
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values, at: Date.now() };
  const ip = clientAddress(await headers());
  const result = await guarded("api key create", tenant, () => createApiKey(agent, tenant, values, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values, at: Date.now() };
  return { ok: true, message: result.message, values: { name: "" }, key: result.data.key, at: Date.now() };
}

/** « Révoquer » a key (plain form; the outcome comes back in the address). */
export async function revokeKey(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  if (!agent) redirect("/admin/connexion?expiree=1");
  const ip = clientAddress(await headers());
  const result = await guarded("api key revoke", tenant, () => revokeApiKey(agent, tenant, formText(formData, "id", 40), ip));
  redirect(`/admin/parametres/api?fait=${result.ok ? "cle-revoquee" : "introuvable"}`);
}
