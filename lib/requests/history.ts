import "server-only";
import { z } from "zod";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Prisma, RequestStatus } from "@/lib/generated/prisma/client";
import { delivered } from "@/lib/notifications/inbox";
import { STATUS_FILTERS, type StatusFilter } from "@/lib/requests/status";

// What the citizen sees of their sent requests: the latest ones on « Accueil », the whole history in
// « Mes demandes » with filters kept in the address. Every read runs a fixed number of queries,
// whatever the number of requests (no query per row).

export const PAGE_SIZE = 20;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The filters as the address gives them; anything unreadable is ignored, never an error. */
const filtersSchema = z.object({
  statut: z.enum(Object.keys(STATUS_FILTERS) as [StatusFilter, ...StatusFilter[]]).optional().catch(undefined),
  demarche: z.string().max(100).optional().catch(undefined),
  pour: z.string().uuid().optional().catch(undefined),
  du: day.optional().catch(undefined),
  au: day.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  apres: z.string().max(200).optional().catch(undefined),
});
export type HistoryFilters = z.output<typeof filtersSchema>;

export function readFilters(search: Record<string, string | string[] | undefined>): HistoryFilters {
  const single = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v));
  return filtersSchema.parse(single);
}

const requestSelect = {
  id: true, numero: true, status: true, submittedAt: true, memberId: true,
  procedure: { select: { title: true, slug: true } },
} satisfies Prisma.RequestSelect;

/** Household members by id, to name the person each request concerns (one query). */
async function memberNames(citizen: Citizen) {
  const members = await db.householdMember.findMany({
    where: { tenantId: citizen.tenantId, accountId: citizen.id },
    orderBy: [{ kind: "asc" }, { birthDate: "asc" }],
    select: { id: true, firstNames: true, lastName: true, relation: true },
  });
  return { members, nameOf: (id: string | null) => members.find((m) => m.id === id)?.firstNames ?? null };
}

/**
 * « Accueil »: the latest requests with what the town hall expects of those waiting for the citizen,
 * and the number of messages not yet read.
 */
export async function homeOverview(citizen: Citizen, take = 5) {
  const mine = { tenantId: citizen.tenantId, accountId: citizen.id };
  const [requests, { nameOf }, unread] = await Promise.all([
    db.request.findMany({
      where: { ...mine, status: { not: "BROUILLON" } },
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      take,
      select: {
        ...requestSelect,
        // The message of the request for a complement: what the citizen has to do.
        events: { where: { toStatus: "INCOMPLETE" }, orderBy: { createdAt: "desc" }, take: 1, select: { publicMessage: true } },
      },
    }),
    memberNames(citizen),
    db.message.count({ where: { ...mine, readAt: null, ...delivered() } }),
  ]);
  return {
    requests: requests.map(({ events, memberId, ...r }) => ({
      ...r, memberName: nameOf(memberId), expected: r.status === "INCOMPLETE" ? events[0]?.publicMessage ?? null : null,
    })),
    unread,
  };
}

/**
 * « Mes demandes »: one page of the history, newest first, by keyset (submittedAt, id) so that the
 * thousandth page costs what the first does. `apres` is the cursor of the previous page's last row.
 */
export async function listHistory(citizen: Citizen, filters: HistoryFilters) {
  const where: Prisma.RequestWhereInput = {
    tenantId: citizen.tenantId,
    accountId: citizen.id,
    status: filters.statut ? { in: [...STATUS_FILTERS[filters.statut].statuses] as RequestStatus[] } : { not: "BROUILLON" },
    ...(filters.demarche ? { procedure: { slug: filters.demarche, tenantId: citizen.tenantId } } : {}),
    ...(filters.pour ? { memberId: filters.pour } : {}),
    ...(filters.du || filters.au
      ? { submittedAt: { ...(filters.du ? { gte: parisMidnight(filters.du) } : {}), ...(filters.au ? { lt: parisMidnight(filters.au, 1) } : {}) } }
      : {}),
    ...(filters.q
      ? { OR: [{ numero: { contains: filters.q.toUpperCase() } }, { procedure: { title: { contains: filters.q, mode: "insensitive" } } }] }
      : {}),
  };
  const cursor = decodeCursor(filters.apres);
  const page = cursor
    ? { AND: [where, { OR: [{ submittedAt: { lt: cursor.at } }, { submittedAt: cursor.at, id: { lt: cursor.id } }] }] }
    : where;

  const [rows, { members, nameOf }, procedures] = await Promise.all([
    db.request.findMany({ where: page, orderBy: [{ submittedAt: "desc" }, { id: "desc" }], take: PAGE_SIZE + 1, select: requestSelect }),
    memberNames(citizen),
    // The démarches this citizen has requests for: the choices of the « Démarche » filter.
    db.procedure.findMany({
      where: { tenantId: citizen.tenantId, requests: { some: { tenantId: citizen.tenantId, accountId: citizen.id, status: { not: "BROUILLON" } } } },
      orderBy: { title: "asc" },
      select: { slug: true, title: true },
    }),
  ]);
  const shown = rows.slice(0, PAGE_SIZE);
  const last = shown.at(-1);
  return {
    requests: shown.map(({ memberId, ...r }) => ({ ...r, memberName: nameOf(memberId) })),
    next: rows.length > PAGE_SIZE && last?.submittedAt ? encodeCursor(last.submittedAt, last.id) : null,
    members,
    procedures,
  };
}

// The cursor is "<ISO date>_<id>": readable in the address, and checked before use.
const encodeCursor = (at: Date, id: string) => `${at.toISOString()}_${id}`;
function decodeCursor(value: string | undefined): { at: Date; id: string } | null {
  const match = value && /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/.exec(value);
  if (!match) return null;
  const at = new Date(match[1]!);
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}

/** Midnight in France on that day (plus `days`), as an instant: periods are the citizen's days. */
function parisMidnight(day: string, days = 0): Date {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  // The offset of Paris at that moment (one or two hours), taken from Intl rather than assumed.
  const paris = new Date(date.toLocaleString("en-US", { timeZone: "Europe/Paris" }));
  const utc = new Date(date.toLocaleString("en-US", { timeZone: "UTC" }));
  return new Date(date.getTime() - (paris.getTime() - utc.getTime()));
}
