"use server";

import { headers } from "next/headers";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { updatePreferences } from "@/lib/commune/preferences";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

export type PreferencesState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; values: Record<string, string> } | null;

/** « Enregistrer les réglages »; a refusal keeps what was typed. */
export async function savePreferences(_previous: PreferencesState, sent: unknown): Promise<PreferencesState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = {
    draftLifetimeDays: formText(formData, "draftLifetimeDays", 20),
    invoiceWindowMonths: formText(formData, "invoiceWindowMonths", 20),
    smsEnabled: formData.get("smsEnabled") === "on" ? "on" : "",
    senderName: formText(formData, "senderName", 200),
  };
  const agent = await agentOfAction("commune.configurer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values };
  const ip = clientAddress(await headers());
  const result = await guarded("commune preferences", tenant, () => updatePreferences(agent, tenant, { ...values, smsEnabled: values.smsEnabled === "on" }, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  return { ok: true, message: result.message, values };
}
