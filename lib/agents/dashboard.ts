import "server-only";
import type { Agent } from "@/lib/agents/session";
import { db } from "@/lib/db";
import { overdueWhere } from "@/lib/agents/queue";
import { visibleRequests } from "@/lib/agents/scope";

/** The counts of the dashboard, each a link to its queue. */
export async function dashboardCounts(agent: Agent, now = new Date()) {
  const mine = visibleRequests(agent);
  const [accounts, deletions, nouvelles, enAttente, overdue] = await Promise.all([
    db.account.count({ where: { tenantId: agent.tenantId, status: "EN_ATTENTE" } }),
    // Holders who asked for their account's deletion (lib/accounts/deletion), not yet answered.
    db.account.count({ where: { tenantId: agent.tenantId, status: { not: "SUPPRIME" }, deletionRequestedAt: { not: null } } }),
    db.request.count({ where: { ...mine, status: "DEPOSEE" } }),
    db.request.count({ where: { ...mine, status: "INCOMPLETE" } }),
    db.request.count({ where: { ...mine, ...overdueWhere(now) } }),
  ]);
  return { accounts, deletions, nouvelles, enAttente, overdue };
}
