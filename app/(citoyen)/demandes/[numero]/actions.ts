"use server";

import { guarded } from "@/lib/actions";
import { requireCitizen } from "@/lib/auth/session";
import { formOf, formText, textOf } from "@/lib/form-input";
import { type ActionResult } from "@/lib/forms";
import { notFound, redirect } from "next/navigation";
import { completeRequest, REQUEST_CONFLICT, REQUEST_NOT_FOUND, withdrawRequest } from "@/lib/requests/transitions";
import { requireTenant } from "@/lib/tenancy/request";

// The citizen's two moves on a sent request: « Compléter ma demande » and « Retirer ma demande ».

export async function sendComplement(sentNumero: unknown, input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const numero = textOf(sentNumero, 40);
  const citizen = await requireCitizen(`/demandes/${encodeURIComponent(numero)}/completer`);
  return guarded("complement", tenant, () => completeRequest(citizen, tenant, numero, input));
}

const FAILED = "incident";

/** « Retirer ma demande », from the confirmation form of the request's page (works without JavaScript). */
export async function withdraw(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const numero = formText(formData, "numero", 30);
  const here = `/demandes/${encodeURIComponent(numero)}`;
  const citizen = await requireCitizen(here);
  const result = await guarded("withdrawal", tenant, () => withdrawRequest(citizen, tenant, numero, { version: Number(formData.get("version")) }), FAILED);
  if (!result.ok && result.message === REQUEST_NOT_FOUND) notFound();
  // Only a code goes in the address: the page says it in its own words (no text injected by a link).
  const code = result.ok ? "fait" : result.message === REQUEST_CONFLICT ? "conflit" : result.message === FAILED ? "erreur" : "impossible";
  redirect(`${here}?retrait=${code}`);
}
