"use server";

import { guarded } from "@/lib/actions";
import { requireCitizen } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/forms";
import { completeRequest, withdrawRequest } from "@/lib/requests/transitions";
import { requireTenant } from "@/lib/tenancy/request";

// The citizen's two moves on a sent request: « Compléter ma demande » and « Retirer ma demande ».

export async function sendComplement(numero: string, input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen(`/demandes/${encodeURIComponent(numero)}/completer`);
  return guarded("complement", tenant, () => completeRequest(citizen, tenant, String(numero), input));
}

export async function withdraw(numero: string, input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen(`/demandes/${encodeURIComponent(numero)}`);
  return guarded("withdrawal", tenant, () => withdrawRequest(citizen, tenant, String(numero), input));
}
