import "server-only";
import * as z from "zod";
import { visibleRequests, type StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import type { Prisma, RequestStatus } from "@/lib/generated/prisma/client";
import { after, decodeCursor, encodeCursor } from "@/lib/keyset";
import { isRealDay } from "@/lib/procedures/definition";
import { ALL_STATUSES } from "@/lib/requests/lifecycle";
import { OPEN_STATUSES } from "@/lib/requests/status";
import { sentBetween } from "@/lib/requests/history";
import type { Tenant } from "@/lib/tenancy/resolve";

// The agents' request queue: the requests an agent sees (lib/agents/scope), filtered, sorted and
// searched, by keyset; every filter lives in the address, so a queue can be bookmarked, shared and
// exported to CSV as shown. A fixed number of queries whatever the size of the page.

export const QUEUE_PAGE_SIZE = 50;
/** An export is a working list, not a dump of the commune: beyond this, narrow the filters. */
export const EXPORT_LIMIT = 5000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDay);
const text = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\p{Cc}]*$/u);
/** The filters as the address gives them; anything unreadable is ignored, never an error. */
const filtersSchema = z.object({
  statut: z.enum(["ouvertes", ...ALL_STATUSES.filter((s) => s !== "BROUILLON")] as [string, ...string[]]).optional().catch(undefined),
  demarche: z.string().uuid().optional().catch(undefined),
  theme: z.string().uuid().optional().catch(undefined),
  /** « moi », « personne » or an agent's id. */
  agent: z.union([z.enum(["moi", "personne"]), z.string().uuid()]).optional().catch(undefined),
  retard: z.literal("1").optional().catch(undefined),
  du: day.optional().catch(undefined),
  au: day.optional().catch(undefined),
  q: text(100).optional().catch(undefined),
  tri: z.enum(["recentes", "anciennes"]).optional().catch(undefined),
  apres: z.string().max(200).optional().catch(undefined),
});
export type QueueFilters = z.output<typeof filtersSchema>;

export function readQueueFilters(search: Record<string, string | string[] | undefined>): QueueFilters {
  const single = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v));
  return filtersSchema.parse(single);
}

/** The filters written back as an address query (without the cursor unless asked), for links and the export. */
export function queueQuery(filters: QueueFilters, extra: Record<string, string | undefined> = {}): string {
  const entries = Object.entries({ ...filters, apres: undefined, ...extra }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
  return new URLSearchParams(entries).toString();
}

/** Open requests past their due date (the démarche's announced time after they were sent). */
export function overdueWhere(now: Date): Prisma.RequestWhereInput {
  return { status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } };
}

function whereOf(actor: StaffActor, tenant: Tenant, filters: QueueFilters, now: Date): Prisma.RequestWhereInput {
  const and: Prisma.RequestWhereInput[] = [visibleRequests(actor)];
  if (filters.statut === "ouvertes") and.push({ status: { in: [...OPEN_STATUSES] } });
  else if (filters.statut) and.push({ status: filters.statut as RequestStatus });
  if (filters.demarche) and.push({ procedureId: filters.demarche });
  if (filters.theme) and.push({ procedure: { themeId: filters.theme } });
  if (filters.agent === "moi") and.push({ assignedAgentId: actor.id });
  else if (filters.agent === "personne") and.push({ assignedAgentId: null });
  else if (filters.agent) and.push({ assignedAgentId: filters.agent });
  if (filters.retard) and.push(overdueWhere(now));
  and.push(sentBetween(filters.du, filters.au, tenant.settings.timezone));
  if (filters.q) {
    // Each word typed (« claire moreau », « 000123 ») matches the number or one of the holder's
    // names or identifiant, whatever the case typed (accents count).
    for (const word of filters.q.split(/\s+/).filter(Boolean).slice(0, 4)) {
      const name = { contains: word, mode: "insensitive" as const };
      and.push({
        OR: [
          { numero: { contains: word.toUpperCase() } },
          { account: { OR: [{ firstNames: name }, { birthName: name }, { usageName: name }, { identifiant: { contains: word.toLowerCase() } }] } },
        ],
      });
    }
  }
  return { AND: and };
}

const rowSelect = {
  id: true, numero: true, status: true, submittedAt: true, dueAt: true, assignedAgentId: true, enteredByAgentId: true,
  procedure: { select: { title: true, theme: { select: { title: true } } } },
  account: { select: { firstNames: true, birthName: true, usageName: true, identifiant: true } },
} satisfies Prisma.RequestSelect;

export type QueueRow = {
  numero: string; status: RequestStatus; title: string; theme: string; requester: string; submittedAt: Date;
  dueAt: Date | null; late: boolean; assignee: string | null;
};

/**
 * The agents of the commune by id, to name who each request is assigned to (one query): the
 * deactivated too, whose requests must not look unassigned; the filter offers the active ones.
 */
async function agentNames(tenantId: string) {
  const all = await db.agent.findMany({
    where: { tenantId },
    orderBy: [{ lastName: "asc" }, { firstNames: "asc" }],
    select: { id: true, firstNames: true, lastName: true, active: true },
  });
  const named = (a: (typeof all)[number]) => ({ firstNames: a.firstNames, lastName: a.active ? a.lastName : `${a.lastName} (désactivé)` });
  return { agents: all.filter((a) => a.active), nameOf: (id: string | null) => { const a = id ? all.find((x) => x.id === id) : undefined; return a ? named(a) : undefined; } };
}

function toRow(r: Prisma.RequestGetPayload<{ select: typeof rowSelect }>, nameOf: (id: string | null) => { firstNames: string; lastName: string } | undefined, now: Date): QueueRow {
  const holder = r.account ? `${r.account.firstNames} ${r.account.usageName || r.account.birthName}` : "Sans compte";
  const assignee = nameOf(r.assignedAgentId);
  return {
    numero: r.numero!, status: r.status, title: r.procedure.title, theme: r.procedure.theme?.title ?? "", requester: holder,
    submittedAt: r.submittedAt!, dueAt: r.dueAt,
    late: !!r.dueAt && r.dueAt < now && (OPEN_STATUSES as readonly string[]).includes(r.status),
    assignee: assignee ? `${assignee.firstNames} ${assignee.lastName}` : null,
  };
}

/**
 * One page of the queue, newest sent first (or oldest with « anciennes »), by keyset on
 * (submittedAt, id); with the choices of its filters (the démarches, themes and agents the agent may
 * pick). `next` is the cursor of the following page, null on the last one.
 */
export async function listQueue(actor: StaffActor, tenant: Tenant, filters: QueueFilters, now = new Date()) {
  const direction = filters.tri === "anciennes" ? "asc" : "desc";
  const where = whereOf(actor, tenant, filters, now);
  const cursor = decodeCursor(filters.apres);
  const [rows, { agents, nameOf }, procedures, themes] = await Promise.all([
    db.request.findMany({
      where: cursor ? { AND: [where, after("submittedAt", cursor, direction)] } : where,
      orderBy: [{ submittedAt: direction }, { id: direction }],
      take: QUEUE_PAGE_SIZE + 1,
      select: rowSelect,
    }),
    agentNames(actor.tenantId),
    db.procedure.findMany({
      where: { tenantId: actor.tenantId, ...(actor.role === "ADMIN" ? {} : { theme: { serviceId: { in: [...actor.serviceIds] } } }) },
      orderBy: { title: "asc" },
      select: { id: true, title: true },
    }),
    db.theme.findMany({
      where: { tenantId: actor.tenantId, ...(actor.role === "ADMIN" ? {} : { serviceId: { in: [...actor.serviceIds] } }) },
      orderBy: { title: "asc" },
      select: { id: true, title: true },
    }),
  ]);
  const shown = rows.slice(0, QUEUE_PAGE_SIZE);
  const last = shown.at(-1);
  return {
    rows: shown.map((r) => toRow(r, nameOf, now)),
    next: rows.length > QUEUE_PAGE_SIZE && last?.submittedAt ? encodeCursor(last.submittedAt, last.id) : null,
    agents: agents.map((a) => ({ id: a.id, name: `${a.firstNames} ${a.lastName}` })),
    procedures,
    themes,
  };
}

/**
 * Every row of the filtered queue (up to EXPORT_LIMIT), for the CSV export; `truncated` when there
 * were more. An export carries personal data out of the application: it is audited.
 */
export async function exportQueue(actor: StaffActor, tenant: Tenant, filters: QueueFilters, ip: string | null = null, now = new Date()) {
  const direction = filters.tri === "anciennes" ? "asc" : "desc";
  const [rows, { nameOf }] = await Promise.all([
    db.request.findMany({
      where: whereOf(actor, tenant, { ...filters, apres: undefined }, now),
      orderBy: [{ submittedAt: direction }, { id: direction }],
      take: EXPORT_LIMIT + 1,
      select: rowSelect,
    }),
    agentNames(actor.tenantId),
  ]);
  const truncated = rows.length > EXPORT_LIMIT;
  await recordAudit(db, {
    tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "demandes.exporter", ip,
    details: { filtres: queueQuery(filters), lignes: Math.min(rows.length, EXPORT_LIMIT), tronque: truncated },
  });
  return { rows: rows.slice(0, EXPORT_LIMIT).map((r) => toRow(r, nameOf, now)), truncated };
}
