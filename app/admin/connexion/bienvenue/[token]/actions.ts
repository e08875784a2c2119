"use server";

import { setAgentPassword } from "@/lib/agents/manage";
import { guarded } from "@/lib/actions";
import { textOf } from "@/lib/form-input";
import { type ActionResult } from "@/lib/forms";
import { requireTenant } from "@/lib/tenancy/request";

/** « Enregistrer »: the agent's password, with the invitation link. */
export async function welcomeAction(token: unknown, input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  return guarded("agent password", tenant, () => setAgentPassword(tenant, textOf(token, 100), input));
}
