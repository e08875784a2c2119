"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requireAgent } from "@/lib/agents/session";
import { decideAccount } from "@/lib/accounts/validation";
import { guarded } from "@/lib/actions";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/**
 * « Valider » or « Refuser » (with a motif) an account awaiting validation, from the account's page
 * (a plain form: works without JavaScript). The outcome comes back as a code in the address.
 */
export async function decide(formData: FormData): Promise<void> {
  const tenant = await requireTenant();
  const agent = await requireAgent("comptes.valider");
  const accountId = String(formData.get("accountId") ?? "").slice(0, 40);
  const status = formData.get("status") === "VALIDE" ? "VALIDE" : "REFUSE";
  const input = status === "VALIDE" ? { status } : { status, motif: String(formData.get("motif") ?? "") };
  const ip = clientAddress(await headers());
  const result = await guarded("account decision", tenant, () => decideAccount(agent, tenant, accountId, input, ip));
  const code = result.ok ? (status === "VALIDE" ? "valide" : "refuse") : result.fieldErrors?.motif ? "motif" : "deja";
  redirect(`/admin/comptes/${encodeURIComponent(accountId)}?resultat=${code}`);
}
