import "server-only";
import type { Agent } from "@/lib/agents/session";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The requests an agent may see: their commune's, of the themes of their services (admins: all).
 * A theme without a service is for admins only. Every back-office read starts from this `where`.
 */
export function visibleRequests(agent: Agent): Prisma.RequestWhereInput {
  return {
    tenantId: agent.tenantId,
    status: { not: "BROUILLON" },
    ...(agent.role === "ADMIN" ? {} : { procedure: { theme: { serviceId: { in: agent.serviceIds } } } }),
  };
}

/** The counts of the dashboard, each a link to its queue. */
export async function dashboardCounts(agent: Agent, now = new Date()) {
  const mine = visibleRequests(agent);
  const [accounts, nouvelles, enAttente, ouvertes] = await Promise.all([
    db.account.count({ where: { tenantId: agent.tenantId, status: "EN_ATTENTE" } }),
    db.request.count({ where: { ...mine, status: "DEPOSEE" } }),
    db.request.count({ where: { ...mine, status: "INCOMPLETE" } }),
    // Overdue: still open past the démarche's announced time. Few open requests per commune: read
    // their dates and compare here rather than in SQL.
    db.request.findMany({
      where: { ...mine, status: { in: ["DEPOSEE", "EN_COURS", "INCOMPLETE", "COMPLETE"] } },
      select: { submittedAt: true, procedure: { select: { processingDays: true } } },
    }),
  ]);
  const overdue = ouvertes.filter((r) => r.submittedAt && r.submittedAt.getTime() + r.procedure.processingDays * 86_400_000 < now.getTime()).length;
  return { accounts, nouvelles, enAttente, overdue };
}
