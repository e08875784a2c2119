"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { LOGO_MAX_BYTES, removeLogo, uploadLogo } from "@/lib/commune/logo";
import { updateIdentity, updateTexts } from "@/lib/commune/settings";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";
import * as z from "zod";

const A_FILE = z.instanceof(File);

export type SettingsState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: Record<string, string> } | null;

const IDENTITY = ["name", "officialName", "contactEmail", "contactPhone", "contactAddress", "openingHours", "welcomeText", "primaryColor", "accentColor"] as const;
const TEXTS = ["legalNotice", "privacyPolicy", "accessibilityText", "termsOfUse"] as const;

/** « Enregistrer » of one part of the settings (`part`: identite or textes); a refusal keeps what was typed. */
export async function saveSettings(_previous: SettingsState, sent: unknown): Promise<SettingsState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const part = formData.get("part") === "textes" ? "textes" : "identite";
  const values = Object.fromEntries((part === "textes" ? TEXTS : IDENTITY).map((f) => [f, formText(formData, f, 60_000)]));
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values };
  const ip = clientAddress(await headers());
  const result = await guarded("commune settings", tenant, () => (part === "textes" ? updateTexts(agent, tenant, values, ip) : updateIdentity(agent, tenant, values, ip)));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  return { ok: true, message: result.message, values };
}

/** « Envoyer le logo » or « Retirer le logo »; the page then shows the new one in its header. */
export async function saveLogo(_previous: SettingsState, sent: unknown): Promise<SettingsState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values: {} };
  const ip = clientAddress(await headers());
  const remove = formData.get("acte") === "retirer";
  const upload = A_FILE.safeParse(formData.get("logo"));
  const file = upload.success ? upload.data : null;
  // A file over the limit is not even read: the answer is the same as for one read and refused.
  const bytes = file && file.size <= LOGO_MAX_BYTES ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(file && file.size > 0 ? LOGO_MAX_BYTES + 1 : 0);
  const result = await guarded("commune logo", tenant, () => (remove ? removeLogo(agent, tenant, ip) : uploadLogo(agent, tenant, bytes, ip)));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values: {} };
  redirect(`/admin/parametres?fait=${remove ? "logo-retire" : "logo"}#logo`);
}
