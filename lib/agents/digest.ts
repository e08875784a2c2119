import "server-only";
import * as z from "zod";
import { visibleRequests, type StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { queueMessage } from "@/lib/notifications/outbox";
import { tenantById, type Tenant } from "@/lib/tenancy/resolve";

// Agents' email digests: what came into their services since the last one (new requests, and
// requests the citizens completed), daily or weekly as each agent chose in « Mon profil ». Run by
// the worker; any instance may run it: each digest moves the agent's lastDigestAt in the same
// transaction as it is queued, from the value read, so two workers never send it twice.

export const DIGEST_CHOICES = { JOUR: "Chaque jour", SEMAINE: "Chaque semaine", AUCUNE: "Jamais" } as const;
type Choice = keyof typeof DIGEST_CHOICES;
const PERIOD_MS = { JOUR: 86_400_000, SEMAINE: 7 * 86_400_000 } as const;
const BATCH = 200;

/**
 * Sends the digests that are due. An agent's first digest covers the period just ended; one with
 * nothing to tell sends nothing but still starts the next period. Unscoped: a system job over every
 * commune. Returns how many were queued.
 */
export async function unsafeSendDigests(now = new Date()): Promise<{ sent: number }> {
  const due = await db.agent.findMany({
    where: {
      // An agent invited but never signed in has not chosen anything yet.
      active: true,
      totpEnabledAt: { not: null },
      OR: [
        { digest: "JOUR", OR: [{ lastDigestAt: null }, { lastDigestAt: { lte: new Date(now.getTime() - PERIOD_MS.JOUR) } }] },
        { digest: "SEMAINE", OR: [{ lastDigestAt: null }, { lastDigestAt: { lte: new Date(now.getTime() - PERIOD_MS.SEMAINE) } }] },
      ],
    },
    take: BATCH,
    select: { id: true, tenantId: true, role: true, email: true, digest: true, lastDigestAt: true, services: { select: { serviceId: true } } },
  });
  const tenants = new Map<string, Promise<Tenant | null>>();
  let sent = 0;
  for (const agent of due) {
    const period = agent.digest as "JOUR" | "SEMAINE";
    const since = agent.lastDigestAt ?? new Date(now.getTime() - PERIOD_MS[period]);
    const actor: StaffActor = { kind: "agent", id: agent.id, tenantId: agent.tenantId, role: agent.role, serviceIds: agent.services.map((s) => s.serviceId) };
    const scope = visibleRequests(actor);
    const [nouvelles, completees] = await Promise.all([
      db.request.findMany({ where: { ...scope, submittedAt: { gt: since, lte: now } }, orderBy: { submittedAt: "asc" }, take: 500, select: { numero: true, procedure: { select: { title: true } } } }),
      db.request.findMany({
        where: { ...scope, events: { some: { actorKind: "CITOYEN", fromStatus: "INCOMPLETE", toStatus: "EN_COURS", createdAt: { gt: since, lte: now } } } },
        orderBy: { updatedAt: "asc" }, take: 500, select: { numero: true, procedure: { select: { title: true } } },
      }),
    ]);
    if (!tenants.has(agent.tenantId)) tenants.set(agent.tenantId, tenantById(agent.tenantId));
    const tenant = await tenants.get(agent.tenantId)!;
    const list = (rows: typeof nouvelles) => rows.map((r) => ({ numero: r.numero!, title: r.procedure.title }));
    const queued = await db.$transaction(async (tx) => {
      const moved = await tx.agent.updateMany({ where: { id: agent.id, lastDigestAt: agent.lastDigestAt }, data: { lastDigestAt: now } });
      if (moved.count === 0 || !tenant || (!nouvelles.length && !completees.length)) return false;
      await queueMessage(tx, tenant, {
        channel: "EMAIL", to: agent.email, accountId: null, template: "resumeAgent", key: `resume:${agent.id}:${now.toISOString()}`,
        data: { period, nouvelles: list(nouvelles), completees: list(completees) },
      });
      return true;
    });
    if (queued) sent++;
  }
  return { sent };
}

const choiceSchema = z.object({ digest: z.enum(Object.keys(DIGEST_CHOICES) as [Choice, ...Choice[]], { error: "Choisissez une fréquence dans la liste." }) });

/** The agent's own choice of digest frequency (« Mon profil »). */
export async function chooseDigest(actor: StaffActor, input: unknown): Promise<ActionResult> {
  const parsed = choiceSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Choisissez une fréquence dans la liste.", fieldErrors: { digest: "Choisissez une fréquence dans la liste." } };
  await db.$transaction(async (tx) => {
    await tx.agent.updateMany({ where: { id: actor.id, tenantId: actor.tenantId }, data: { digest: parsed.data.digest } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "agent.resume", target: { type: "Agent", id: actor.id }, details: { frequence: parsed.data.digest } });
  });
  return { ok: true, message: "Votre choix est enregistré." };
}

/** The agent's profile as « Mon profil » shows it. */
export async function agentProfile(actor: StaffActor) {
  return db.agent.findFirst({
    where: { id: actor.id, tenantId: actor.tenantId },
    select: { firstNames: true, lastName: true, email: true, role: true, digest: true, services: { select: { service: { select: { name: true } } } } },
  });
}
