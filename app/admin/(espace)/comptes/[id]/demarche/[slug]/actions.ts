"use server";

import { headers } from "next/headers";
import { guarded } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { textOf } from "@/lib/form-input";
import { type ActionResult } from "@/lib/forms";
import { submitAtCounter } from "@/lib/requests/counter";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

/** « Enregistrer la demande »: the démarche entered at the counter for this account. */
export async function sendAtCounter(accountId: unknown, slug: unknown, answers: unknown, submissionKey?: unknown): Promise<ActionResult<{ numero: string }>> {
  const tenant = await requireTenant();
  const agent = await agentOfAction("comptes.creer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED };
  const ip = clientAddress(await headers());
  return guarded("counter request", tenant, () => submitAtCounter(agent, tenant, textOf(accountId, 40), textOf(slug, 100), answers, ip, textOf(submissionKey, 36) || null));
}
