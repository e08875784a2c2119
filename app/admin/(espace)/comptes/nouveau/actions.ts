"use server";

import { headers } from "next/headers";
import { createAccountAtCounter, type Letter } from "@/lib/accounts/counter";
import { isoDate } from "@/lib/accounts/schema";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

export type CounterState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What was typed, given back so that a refusal loses nothing. */
  values: Record<string, string>;
  created?: { accountId: string; identifiant: string; letter: Letter | null };
} | null;

const FIELDS = ["civility", "firstNames", "birthName", "usageName", "birthDate", "birthPlace", "addressLine1", "addressLine2", "postalCode", "city", "email", "phone", "mobile", "channel", "via"] as const;

/** « Créer le compte »: the person's account, created at the counter. */
export async function createCounterAccount(_previous: CounterState, sent: unknown): Promise<CounterState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const values = Object.fromEntries(FIELDS.map((f) => [f, formText(formData, f, 300)]));
  const agent = await agentOfAction("comptes.creer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, values };
  // Optional fields left empty are absent, as the sign-up form sends them.
  const input: Record<string, string> = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  // Typed as on the papers (« 02/03/1941 »), read as the sign-up reads it.
  if (input.birthDate) input.birthDate = isoDate(input.birthDate);
  const ip = clientAddress(await headers());
  const result = await guarded("counter account", tenant, () => createAccountAtCounter(agent, tenant, input, ip));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, values };
  return { ok: true, message: result.message, values: {}, created: result.data };
}
