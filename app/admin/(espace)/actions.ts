"use server";

import { redirect } from "next/navigation";
import { endAgentSession, getAgentSession } from "@/lib/agents/session";
import { requireTenant } from "@/lib/tenancy/request";

/** Ends the agent's session here and everywhere else. */
export async function agentSignOut(): Promise<void> {
  await requireTenant();
  const session = await getAgentSession();
  if (session) await endAgentSession(session.agent);
  redirect("/admin/connexion");
}
