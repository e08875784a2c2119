"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { createAgentAccount, resetAgentAccess, updateAgentAccount } from "@/lib/agents/manage";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

// The admins' acts on the commune's agents. A refusal comes back with what was typed.

export type AgentFormState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: Record<string, string | string[]> } | null;

function read(formData: FormData) {
  const text = (name: string) => formText(formData, name, 300);
  return {
    email: text("email"), firstNames: text("firstNames"), lastName: text("lastName"), role: text("role"),
    services: formData.getAll("services").map((s) => String(s).slice(0, 40)),
    active: formData.get("active") !== null,
  };
}

/** « Ajouter l'agent » (new) or « Enregistrer » (an agent's page, with `agentId`). */
export async function saveAgent(_previous: AgentFormState, sent: unknown): Promise<AgentFormState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const input = read(formData);
  const values = { ...input, active: input.active ? "on" : "" };
  const agent = await agentOfAction("agents.gerer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values };
  const agentId = formText(formData, "agentId", 40);
  const ip = clientAddress(await headers());
  const result = agentId
    ? await guarded("agent update", tenant, () => updateAgentAccount(agent, tenant, agentId, input, ip))
    : await guarded("agent creation", tenant, () => createAgentAccount(agent, tenant, { ...input, active: true }, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  redirect(agentId ? `/admin/agents/${agentId}?resultat=enregistre` : "/admin/agents?resultat=invite");
}

/** « Réinitialiser l'accès »: after the page's confirmation. */
export async function resetAgent(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("agents.gerer");
  const agentId = formText(formData, "agentId", 40);
  if (!agent) redirect("/admin/connexion");
  const ip = clientAddress(await headers());
  const result = await guarded("agent reset", tenant, () => resetAgentAccess(agent, tenant, agentId, ip));
  redirect(`/admin/agents/${encodeURIComponent(agentId)}?resultat=${result.ok ? "reinitialise" : "erreur"}`);
}
