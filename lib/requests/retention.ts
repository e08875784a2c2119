import "server-only";
import { noticeRoute, reachabilitySelect } from "@/lib/accounts/contact";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { queueMessage } from "@/lib/notifications/outbox";
import { tenantById, type Tenant } from "@/lib/tenancy/resolve";
import { parseSettings } from "@/lib/tenancy/settings";

// Drafts are not kept forever: one untouched for its commune's draft lifetime (« Réglages du
// portail »; DRAFT_RETENTION_DAYS when the commune chose none) is removed, and its owner is told
// DRAFT_REMINDER_DAYS before (half the lifetime at most, for a commune that keeps drafts briefly).
// Saving the draft again clears reminderSentAt (lib/requests/drafts), which restarts the count.
//
// The reminder keeps the draft's updatedAt as it was (Prisma would otherwise set it to the current
// time): updatedAt stays « last saved by the citizen », which « Accueil » shows and sorts by. So a
// draft goes when both hold: it was reminded at least the notice period ago (the notice the email
// promised, even when the reminder went late), and it was not saved for the whole retention period.

const DAY_MS = 24 * 3_600_000;
/** Per run, per step and per lifetime: the worker runs this every few minutes, a backlog drains over a few runs. */
const BATCH = 200;

/**
 * Reminds the owners of drafts about to reach the end of their retention, then removes the drafts
 * whose reminder period has passed without a save. Idempotent; any instance may run it.
 * Returns how many reminders were queued and how many drafts were removed.
 * Unscoped: a system job over every commune, run by the worker.
 */
export async function unsafeRemindAndRemoveDrafts(now = new Date()): Promise<{ reminded: number; removed: number }> {
  let reminded = 0;
  let removed = 0;
  for (const [lifetimeDays, tenantIds] of await communesByLifetime()) {
    const retentionMs = lifetimeDays * DAY_MS;
    const noticeMs = Math.min(env.DRAFT_REMINDER_DAYS, Math.floor(lifetimeDays / 2)) * DAY_MS;
    const communes = { tenantId: { in: tenantIds } };
    reminded += await remind(now, communes, new Date(now.getTime() - (retentionMs - noticeMs)), new Date(now.getTime() + noticeMs));

    const stale = { ...communes, status: "BROUILLON", reminderSentAt: { lte: new Date(now.getTime() - noticeMs) }, updatedAt: { lte: new Date(now.getTime() - retentionMs) } } as const;
    const due = await db.request.findMany({ where: stale, orderBy: { updatedAt: "asc" }, take: BATCH, select: { id: true } });
    // The rule is checked again by the delete itself: a draft saved since the read stays.
    // Its attachments are detached by the foreign key (SET NULL) and swept with the other orphans.
    if (due.length) removed += (await db.request.deleteMany({ where: { ...stale, id: { in: due.map((d) => d.id) } } })).count;
  }
  return { reminded, removed };
}

/** The communes grouped by how long they keep drafts: one pass per lifetime, whatever the number of communes. */
async function communesByLifetime(): Promise<Map<number, string[]>> {
  const groups = new Map<number, string[]>();
  for (const tenant of await db.tenant.findMany({ select: { id: true, settings: true } })) {
    const days = parseSettings(tenant.settings).draftLifetimeDays ?? env.DRAFT_RETENTION_DAYS;
    groups.set(days, [...(groups.get(days) ?? []), tenant.id]);
  }
  return groups;
}

async function remind(now: Date, communes: { tenantId: { in: string[] } }, untouchedSince: Date, removalDate: Date): Promise<number> {
  const drafts = await db.request.findMany({
    where: { ...communes, status: "BROUILLON", reminderSentAt: null, updatedAt: { lt: untouchedSince } },
    orderBy: { updatedAt: "asc" },
    take: BATCH,
    select: { id: true, tenantId: true, accountId: true, updatedAt: true, procedure: { select: { title: true } }, account: { select: reachabilitySelect } },
  });
  const tenants = new Map<string, Promise<Tenant | null>>();
  let reminded = 0;
  for (const draft of drafts) {
    if (!tenants.has(draft.tenantId)) tenants.set(draft.tenantId, tenantById(draft.tenantId));
    const tenant = await tenants.get(draft.tenantId)!;
    // No confirmed way to reach the owner (or no owner left): no email, but the same rule, so the
    // draft still goes at the end of its retention.
    const route = draft.account && tenant ? noticeRoute(draft.account, tenant) : null;
    const sent = await db.$transaction(async (tx) => {
      const marked = await tx.request.updateMany({
        where: { id: draft.id, status: "BROUILLON", reminderSentAt: null, updatedAt: draft.updatedAt },
        data: { reminderSentAt: now, updatedAt: draft.updatedAt },
      });
      // Saved or sent since the read: nothing to announce.
      if (marked.count === 0 || !route || !tenant) return false;
      await queueMessage(tx, tenant, {
        ...route, accountId: draft.accountId, template: "brouillonBientotSupprime",
        // Per draft and per version of it: a run that repeats never writes twice.
        key: `brouillon-rappel:${draft.id}:${draft.updatedAt.getTime()}`,
        data: { title: draft.procedure.title, removalDate },
      });
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}
