"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { guarded } from "@/lib/actions";
import { agentOfAction } from "@/lib/agents/session";
import { addHost, makeCanonical, removeHost } from "@/lib/commune/hosts";
import { authSecret, env } from "@/lib/env";
import { formOf, formText } from "@/lib/form-input";
import { clientAddress } from "@/lib/security/rate-limit";
import { requestHost } from "@/lib/tenancy/host";
import { requireTenant } from "@/lib/tenancy/request";

/** « Ajouter », « Rendre principale » or « Retirer » an address (plain forms; the outcome comes back in the address). */
export async function changeHost(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("commune.configurer");
  if (!agent) redirect("/admin/connexion?expiree=1");
  const requestHeaders = await headers();
  const ip = clientAddress(requestHeaders);
  const act = String(formData.get("acte") ?? "");
  const host = formText(formData, "hostname", 300);
  const current = requestHost(requestHeaders, env.TRUST_PROXY, authSecret())?.hostname ?? null;
  const result = await guarded("commune host", tenant, () =>
    act === "ajouter" ? addHost(agent, tenant, { hostname: host }, ip)
    : act === "principale" ? makeCanonical(agent, tenant, host, ip)
    : removeHost(agent, tenant, host, current, ip),
  );
  const query = new URLSearchParams(result.ok ? { fait: act } : { erreur: (result.fieldErrors?.hostname ?? result.message ?? "").slice(0, 300), saisie: act === "ajouter" ? host : "" });
  redirect(`/admin/parametres/adresses?${query}`);
}
