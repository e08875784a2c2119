import pg from "pg";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { RequestStatus } from "@/lib/generated/prisma/client";
import { homeOverview, listHistory, PAGE_SIZE, readFilters } from "@/lib/requests/history";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

async function setup() {
  const tenant = await createFullTenant();
  const theme = await createTheme(tenant, "vie", "Cadre de vie");
  const encombrants = await createProcedure(tenant, theme, { slug: "encombrants", title: "Enlèvement des encombrants" });
  const cantine = await createProcedure(tenant, theme, { slug: "cantine", title: "Inscription à la cantine" });
  const account = await createAccountRow(tenant, { children: [{ firstNames: "Léa", birthDate: "2015-06-21", sex: "F" }] });
  const citizen: Citizen = { kind: "citizen", id: account.id, tenantId: tenant.id, identifiant: account.identifiant, status: "VALIDE", firstNames: "Camille", lastName: "Martin", emailConfirmed: true };
  const lea = await db.householdMember.findFirstOrThrow({ where: { accountId: account.id, relation: "ENFANT" } });
  let n = 0;
  /** A sent request, `daysAgo` days back. */
  const request = async (procedure: { id: string }, status: RequestStatus, daysAgo: number, memberId: string | null = null, accountId = account.id) => {
    const version = await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id } });
    n += 1;
    return db.request.create({
      data: {
        tenantId: tenant.id, procedureId: procedure.id, versionId: version.id, accountId, memberId, status,
        numero: `BCZ-2026-${String(n).padStart(6, "0")}`, submittedAt: new Date(Date.UTC(2026, 10, 24, 12) - daysAgo * 86_400_000),
      },
      select: { id: true, numero: true },
    });
  };
  return { tenant, citizen, account, encombrants, cantine, lea, request };
}

describe("Mes demandes", () => {
  it("filters by progress, démarche, person, period and text, and never shows drafts or others' requests", async () => {
    const { tenant, citizen, encombrants, cantine, lea, request } = await setup();
    await request(encombrants, "DEPOSEE", 1);
    await request(cantine, "INCOMPLETE", 2, lea.id);
    await request(cantine, "ACCEPTEE", 40, lea.id);
    await request(encombrants, "BROUILLON", 0);
    const stranger = await createAccountRow(tenant);
    await request(encombrants, "DEPOSEE", 1, null, stranger.id);

    const numeros = async (search: Record<string, string>) => (await listHistory(citizen, readFilters(search))).requests.map((r) => r.numero);
    expect(await numeros({})).toEqual(["BCZ-2026-000001", "BCZ-2026-000002", "BCZ-2026-000003"]);
    expect(await numeros({ statut: "a-completer" })).toEqual(["BCZ-2026-000002"]);
    expect(await numeros({ statut: "traitees" })).toEqual(["BCZ-2026-000003"]);
    expect(await numeros({ demarche: "cantine" })).toEqual(["BCZ-2026-000002", "BCZ-2026-000003"]);
    expect(await numeros({ pour: lea.id, statut: "a-completer" })).toEqual(["BCZ-2026-000002"]);
    expect(await numeros({ du: "2026-11-20" })).toEqual(["BCZ-2026-000001", "BCZ-2026-000002"]);
    expect(await numeros({ au: "2026-10-31" })).toEqual(["BCZ-2026-000003"]);
    expect(await numeros({ q: "CANTINE" })).toEqual(["BCZ-2026-000002", "BCZ-2026-000003"]);
    expect(await numeros({ q: "000003" })).toEqual(["BCZ-2026-000003"]);
    // Unreadable filters are ignored rather than failing.
    expect(await numeros({ statut: "n'importe quoi", pour: "pas-un-id", du: "hier" })).toHaveLength(3);
    expect(await numeros({ du: "2026-13-01", au: "2026-02-30", q: "\u0000", demarche: "a\u0000b" })).toHaveLength(3);
    const page = await listHistory(citizen, readFilters({}));
    expect(page.requests[1]).toMatchObject({ memberName: "Léa", procedure: { title: "Inscription à la cantine" } });
    expect(page.procedures.map((p) => p.slug)).toEqual(["encombrants", "cantine"]);
  });

  it("pages by keyset: every request once, newest first", async () => {
    const { citizen, encombrants, request } = await setup();
    for (let i = 0; i < PAGE_SIZE + 5; i++) await request(encombrants, "DEPOSEE", i);
    const first = await listHistory(citizen, readFilters({}));
    expect(first.requests).toHaveLength(PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await listHistory(citizen, readFilters({ apres: first.next! }));
    expect(second.requests).toHaveLength(5);
    expect(second.next).toBeNull();
    const all = [...first.requests, ...second.requests].map((r) => r.numero);
    expect(new Set(all).size).toBe(PAGE_SIZE + 5);
    expect(all[0]).toBe("BCZ-2026-000001");
  });
});

describe("Accueil", () => {
  it("says what the town hall expects of a request waiting for the citizen, and counts unread messages", async () => {
    const { tenant, citizen, account, cantine, lea, request } = await setup();
    const waiting = await request(cantine, "INCOMPLETE", 1, lea.id);
    await db.requestEvent.create({ data: { requestId: waiting.id, actorKind: "AGENT", fromStatus: "EN_COURS", toStatus: "INCOMPLETE", publicMessage: "Joignez le justificatif de domicile.", createdAt: new Date(Date.now() - 60_000) } });
    // A later message of the town hall is not what it asked for.
    await db.requestEvent.create({ data: { requestId: waiting.id, actorKind: "AGENT", fromStatus: "INCOMPLETE", toStatus: "INCOMPLETE", publicMessage: "Le guichet est fermé lundi." } });
    // More recent requests do not push the one waiting for the citizen off Accueil.
    for (let i = 0; i < 6; i++) await request(cantine, "EN_COURS", 0);
    for (const readAt of [null, null, new Date()]) {
      await db.message.create({
        data: { tenantId: tenant.id, accountId: account.id, channel: "EMAIL", recipient: "x@exemple.fr", template: "essai", senderName: "Mairie", subject: "S", text: "T", idempotencyKey: crypto.randomUUID(), readAt },
      });
    }
    const home = await homeOverview(citizen);
    expect(home.requests[0]).toEqual(expect.objectContaining({ numero: waiting.numero, memberName: "Léa", expected: "Joignez le justificatif de domicile." }));
    expect(home.requests).toHaveLength(6);
    expect(home.unread).toBe(2);
  });
});

describe("query count", () => {
  // Every SQL statement goes through pg's Client#query: counting there counts what reaches PostgreSQL.
  async function countQueries(run: () => Promise<unknown>) {
    const spy = jest.spyOn(pg.Client.prototype, "query");
    try {
      await run();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it("stays the same whatever the number of requests, on Accueil and Mes demandes", async () => {
    const { citizen, encombrants, cantine, lea, request } = await setup();
    await request(encombrants, "DEPOSEE", 1);
    await request(cantine, "INCOMPLETE", 2, lea.id);
    const few = { home: await countQueries(() => homeOverview(citizen)), history: await countQueries(() => listHistory(citizen, readFilters({}))) };
    for (let i = 0; i < 30; i++) await request(i % 2 ? encombrants : cantine, i % 3 ? "EN_COURS" : "INCOMPLETE", i + 3, i % 2 ? lea.id : null);
    const many = { home: await countQueries(() => homeOverview(citizen)), history: await countQueries(() => listHistory(citizen, readFilters({}))) };
    expect(few.home).toBeGreaterThan(0);
    expect(many).toEqual(few);
    expect(many.home).toBeLessThanOrEqual(8);
    expect(many.history).toBeLessThanOrEqual(6);
  });
});
