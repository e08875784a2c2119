"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { createProcedure, duplicateProcedure, moveTheme, saveTheme } from "@/lib/procedures/builder";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** `at` tells each answer apart: the form is drawn anew with it, its choices as they were typed. */
export type BuilderFormState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: Record<string, string>; at: number } | null;

const text = (formData: FormData, key: string, max = 300) => formText(formData, key, max);

/** « Ajouter le thème » or « Renommer »; a refusal keeps what was typed. */
export async function saveThemeAction(_previous: BuilderFormState, sent: unknown): Promise<BuilderFormState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = { title: text(formData, "title") };
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values, at: Date.now() };
  const id = text(formData, "id", 40) || null;
  const ip = clientAddress(await headers());
  const result = await guarded("theme", tenant, () => saveTheme(agent, tenant, id, values, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values, at: Date.now() };
  redirect(`/admin/demarches?fait=${id ? "theme-renomme" : "theme-ajoute"}#themes`);
}

/** « Monter » / « Descendre » a theme (plain forms). */
export async function moveThemeAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  if (!agent) redirect("/admin/connexion?expiree=1");
  const id = text(formData, "id", 40);
  const ip = clientAddress(await headers());
  const result = await guarded("theme order", tenant, () => moveTheme(agent, tenant, id, text(formData, "acte") === "haut" ? "haut" : "bas", ip));
  // The anchor only for a real id: what the form posted never shapes the address otherwise.
  redirect(`/admin/demarches?fait=${result.ok ? "theme-deplace" : "introuvable"}${result.ok ? `#theme-${id}` : "#themes"}`);
}

/** « Créer la démarche »: then straight to its page in the builder. */
export async function createProcedureAction(_previous: BuilderFormState, sent: unknown): Promise<BuilderFormState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = { title: text(formData, "title"), themeId: text(formData, "themeId", 40) };
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values, at: Date.now() };
  const ip = clientAddress(await headers());
  const result = await guarded("procedure create", tenant, () => createProcedure(agent, tenant, values, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values, at: Date.now() };
  redirect(`/admin/demarches/${result.data.id}?fait=creee`);
}

/** « Dupliquer »: the copy opens in the builder. */
export async function duplicateProcedureAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  if (!agent) redirect("/admin/connexion?expiree=1");
  const ip = clientAddress(await headers());
  const result = await guarded("procedure duplicate", tenant, () => duplicateProcedure(agent, tenant, text(formData, "id", 40), ip));
  redirect(result.ok ? `/admin/demarches/${result.data.id}?fait=dupliquee` : "/admin/demarches?fait=introuvable");
}
