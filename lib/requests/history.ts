import "server-only";
import * as z from "zod";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { after, decodeCursor, encodeCursor } from "@/lib/keyset";
import { Prisma, type RequestStatus } from "@/lib/generated/prisma/client";
import { delivered } from "@/lib/notifications/inbox";
import { isRealDay, resolveDateBound } from "@/lib/procedures/definition";
import { STATUS_FILTERS, type StatusFilter } from "@/lib/requests/status";
import { wallClockInstant } from "@/lib/requests/transitions";
import { complementAsked } from "@/lib/requests/request-sql";

// What the citizen sees of their sent requests: the latest ones on « Accueil », the whole history in
// « Mes demandes » with filters kept in the address. Every read runs a fixed number of queries,
// whatever the number of requests (no query per row).

export const PAGE_SIZE = 20;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDay);
// Text PostgreSQL would refuse (a NUL) or nobody types: a filter with it is ignored.
const text = (max: number) => z.string().trim().max(max).regex(/^[^\p{Cc}]*$/u);
/** The filters as the address gives them; anything unreadable is ignored, never an error. */
const filtersSchema = z.object({
  statut: z.enum(Object.keys(STATUS_FILTERS) as [StatusFilter, ...StatusFilter[]]).optional().catch(undefined),
  demarche: text(100).optional().catch(undefined),
  pour: z.string().uuid().optional().catch(undefined),
  du: day.optional().catch(undefined),
  au: day.optional().catch(undefined),
  q: text(100).optional().catch(undefined),
  apres: z.string().max(200).optional().catch(undefined),
});
export type HistoryFilters = z.output<typeof filtersSchema>;

export function readFilters(search: Record<string, string | string[] | undefined>): HistoryFilters {
  const single = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v));
  return filtersSchema.parse(single);
}

const requestSelect = {
  id: true, numero: true, status: true, submittedAt: true, memberId: true, procedureId: true,
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
 * and the number of messages not yet read. Two statements: the requests (those waiting for the
 * citizen, however old, then the latest), with their démarche, person and the town hall's request
 * for a complement joined; and the count.
 */
export async function homeOverview(citizen: Citizen, take = 5) {
  type Row = { list: number; id: string; numero: string | null; status: RequestStatus; submittedAt: Date | null; title: string; slug: string; memberName: string | null; expected: string | null };
  const columns = Prisma.sql`
    r."id", r."numero", r."status"::text AS "status", r."submittedAt", p."title", p."slug", m."firstNames" AS "memberName",
    ${complementAsked} AS "expected"`;
  const from = Prisma.sql`
    FROM "Request" r
    JOIN "Procedure" p ON p."id" = r."procedureId" AND p."tenantId" = r."tenantId"
    LEFT JOIN "HouseholdMember" m ON m."id" = r."memberId" AND m."tenantId" = r."tenantId" AND m."accountId" = r."accountId"
    WHERE r."tenantId" = ${citizen.tenantId} AND r."accountId" = ${citizen.id}`;
  const [rows, unread] = await Promise.all([
    db.$queryRaw<Row[]>`
      (SELECT 1 AS "list", ${columns} ${from} AND r."status" = 'INCOMPLETE' ORDER BY r."submittedAt" DESC, r."id" DESC LIMIT 20)
      UNION ALL
      (SELECT 2 AS "list", ${columns} ${from} AND r."status" <> 'BROUILLON' ORDER BY r."submittedAt" DESC, r."id" DESC LIMIT ${take})
      ORDER BY "list", "submittedAt" DESC, "id" DESC`,
    db.message.count({ where: { tenantId: citizen.tenantId, accountId: citizen.id, readAt: null, ...delivered() } }),
  ]);
  // Requests waiting for the citizen come first, however old.
  const requests = rows.filter((r) => r.list === 1 || r.status !== "INCOMPLETE");
  return {
    requests: requests.map((r) => ({
      id: r.id, numero: r.numero, status: r.status, submittedAt: r.submittedAt, procedure: { title: r.title, slug: r.slug },
      memberName: r.memberName, expected: r.status === "INCOMPLETE" ? r.expected ?? null : null,
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
    // The démarche is the commune's, like the request: then every shown request's démarche is among
    // the filter's choices below, and needs no query of its own.
    procedure: { tenantId: citizen.tenantId, ...(filters.demarche ? { slug: filters.demarche } : {}) },
    ...(filters.pour ? { memberId: filters.pour } : {}),
    ...sentBetween(filters.du, filters.au, TIME_ZONE),
    ...(filters.q
      ? { OR: [{ numero: { contains: filters.q.toUpperCase() } }, { procedure: { title: { contains: filters.q, mode: "insensitive" } } }] }
      : {}),
  };
  const cursor = decodeCursor(filters.apres);
  const page = cursor
    ? { AND: [where, after("submittedAt", cursor, "desc")] }
    : where;

  const [rows, { members, nameOf }, procedures] = await Promise.all([
    db.request.findMany({ where: page, orderBy: [{ submittedAt: "desc" }, { id: "desc" }], take: PAGE_SIZE + 1, select: requestSelect }),
    memberNames(citizen),
    // The démarches this citizen has requests for: the choices of the « Démarche » filter.
    db.procedure.findMany({
      where: { tenantId: citizen.tenantId, requests: { some: { tenantId: citizen.tenantId, accountId: citizen.id, status: { not: "BROUILLON" } } } },
      orderBy: { title: "asc" },
      select: { id: true, slug: true, title: true },
    }),
  ]);
  const shown = rows.slice(0, PAGE_SIZE);
  const last = shown.at(-1);
  const known = new Map(procedures.map((p) => [p.id, { title: p.title, slug: p.slug }]));
  return {
    requests: shown.map(({ memberId, procedureId, ...r }) => ({ ...r, procedure: known.get(procedureId)!, memberName: nameOf(memberId) })),
    next: rows.length > PAGE_SIZE && last?.submittedAt ? encodeCursor(last.submittedAt, last.id) : null,
    members,
    procedures: procedures.map(({ slug, title }) => ({ slug, title })),
  };
}

// Periods are the citizen's days, in France.
const TIME_ZONE = "Europe/Paris";
const nextDay = (day: string) => resolveDateBound("today+1", new Date(`${day}T12:00:00Z`));

/** Requests sent from the start of day `du` to the end of day `au` (both optional), on the clocks of `timeZone`. */
export function sentBetween(du: string | undefined, au: string | undefined, timeZone: string): Prisma.RequestWhereInput {
  if (!du && !au) return {};
  return { submittedAt: { ...(du ? { gte: wallClockInstant(du, "00:00", timeZone) } : {}), ...(au ? { lt: wallClockInstant(nextDay(au), "00:00", timeZone) } : {}) } };
}
