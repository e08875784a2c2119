import type { StaffActor } from "@/lib/agents/scope";
import { exportQueue, listQueue, QUEUE_PAGE_SIZE, readQueueFilters } from "@/lib/agents/queue";
import { dashboardCounts } from "@/lib/agents/dashboard";
import { db } from "@/lib/db";
import type { RequestStatus } from "@/lib/generated/prisma/enums";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// The agents' queue reads the requests an agent sees, filtered from the address, by keyset.

const definition = { steps: [{ id: "d", title: "Demande", fields: [{ type: "text", name: "objet", label: "Objet", required: true }] }] };

async function commune() {
  const tenant = await createFullTenant();
  const services = {
    cadre: await db.service.create({ data: { tenantId: tenant.id, slug: "cadre", name: "Cadre de vie" }, select: { id: true } }),
    ccas: await db.service.create({ data: { tenantId: tenant.id, slug: "ccas", name: "CCAS" }, select: { id: true } }),
  };
  const cadre = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  const social = await createTheme(tenant, "social", "Solidarité", 1);
  await db.theme.update({ where: { id: cadre.id }, data: { serviceId: services.cadre.id } });
  await db.theme.update({ where: { id: social.id }, data: { serviceId: services.ccas.id } });
  const encombrants = await createProcedure(tenant, cadre, { slug: "encombrants", title: "Encombrants", definition, processingDays: 10 });
  const aide = await createProcedure(tenant, social, { slug: "aide", title: "Aide sociale", definition, processingDays: 30 });
  const versionOf = async (procedureId: string) => (await db.procedureVersion.findFirstOrThrow({ where: { procedureId }, select: { id: true } })).id;
  const versions = new Map([[encombrants.id, await versionOf(encombrants.id)], [aide.id, await versionOf(aide.id)]]);
  const bernard = await createAccountRow(tenant, { firstNames: "Lucie", birthName: "Bernard" });
  const girard = await createAccountRow(tenant, { firstNames: "Paul", birthName: "Girard" });
  let n = 0;
  const request = async (procedure: { id: string; processingDays?: number }, input: { status?: RequestStatus; daysAgo?: number; accountId?: string; assignedAgentId?: string } = {}) => {
    // Later made, later sent: one second apart, within the last hour.
    const submittedAt = new Date(Date.now() - (input.daysAgo ?? 0) * 86_400_000 - 3_600_000 + ++n * 1000);
    const days = procedure.id === aide.id ? 30 : 10;
    return db.request.create({
      data: {
        tenantId: tenant.id, procedureId: procedure.id, versionId: versions.get(procedure.id)!, accountId: input.accountId ?? bernard.id,
        status: input.status ?? "DEPOSEE", numero: `${tenant.code}-2026-${String(n).padStart(6, "0")}`, submittedAt,
        dueAt: new Date(submittedAt.getTime() + days * 86_400_000), answers: { objet: "x" }, assignedAgentId: input.assignedAgentId ?? null,
      },
      select: { id: true, numero: true },
    }).then((r) => ({ ...r, numero: r.numero! }));
  };
  const actor = (role: "AGENT" | "ADMIN", serviceIds: string[] = [], id = crypto.randomUUID()): StaffActor => ({ kind: "agent", id, tenantId: tenant.id, role, serviceIds });
  return { tenant, services, encombrants, aide, bernard, girard, request, actor, cadre };
}

const numeros = (rows: { numero: string }[]) => rows.map((r) => r.numero);

describe("listQueue", () => {
  it("shows an agent the requests of their services only, never a draft nor another commune's", async () => {
    const c = await commune();
    const other = await commune();
    const mine = await c.request(c.encombrants);
    const ccas = await c.request(c.aide);
    await c.request(c.encombrants, { status: "BROUILLON" });
    await other.request(other.encombrants);

    const agent = c.actor("AGENT", [c.services.cadre.id]);
    expect(numeros((await listQueue(agent, c.tenant, {})).rows)).toEqual([mine.numero]);
    // The filter choices are theirs too: no CCAS démarche offered.
    expect((await listQueue(agent, c.tenant, {})).procedures.map((p) => p.title)).toEqual(["Encombrants"]);
    const admin = c.actor("ADMIN");
    expect(numeros((await listQueue(admin, c.tenant, {})).rows)).toEqual([ccas.numero, mine.numero]);
    // An agent of no service sees nothing (a theme without service is for admins only).
    expect((await listQueue(c.actor("AGENT"), c.tenant, {})).rows).toEqual([]);
  });

  it("filters by status, démarche, theme, assignee, lateness, period and search, from the address", async () => {
    const c = await commune();
    const admin = c.actor("ADMIN");
    const late = await c.request(c.encombrants, { status: "EN_COURS", daysAgo: 20 });
    const lateButClosed = await c.request(c.encombrants, { status: "ACCEPTEE", daysAgo: 20 });
    const waiting = await c.request(c.encombrants, { status: "INCOMPLETE", accountId: c.girard.id, assignedAgentId: admin.id });
    const aide = await c.request(c.aide);
    const list = async (search: Record<string, string>) => numeros((await listQueue(admin, c.tenant, readQueueFilters(search))).rows);

    expect(await list({ statut: "INCOMPLETE" })).toEqual([waiting.numero]);
    expect(await list({ statut: "ouvertes" })).toEqual([aide.numero, waiting.numero, late.numero]);
    expect(await list({ demarche: c.aide.id })).toEqual([aide.numero]);
    expect(await list({ theme: c.cadre.id })).toEqual([waiting.numero, lateButClosed.numero, late.numero]);
    expect(await list({ agent: "moi" })).toEqual([waiting.numero]);
    expect(await list({ agent: "personne" })).toEqual([aide.numero, lateButClosed.numero, late.numero]);
    expect(await list({ retard: "1" })).toEqual([late.numero]);
    expect(await list({ q: "girard" })).toEqual([waiting.numero]);
    expect(await list({ q: "  Paul   GIRARD " })).toEqual([waiting.numero]);
    expect(await list({ q: "paul bernard" })).toEqual([]);
    expect(await list({ q: waiting.numero.slice(-6) })).toEqual([waiting.numero]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await list({ du: today })).toEqual([aide.numero, waiting.numero]);
    expect(await list({ tri: "anciennes", statut: "ouvertes" })).toEqual([late.numero, waiting.numero, aide.numero]);
    // Unreadable filters are ignored, never an error.
    expect(await list({ statut: "PIRATE", demarche: "1 OR 1=1", du: "2026-02-30", q: "\u0000" })).toHaveLength(4);
    // The dashboard counts the same way.
    expect(await dashboardCounts({ ...admin, firstNames: "A", lastName: "B", email: "a@b.fr", serviceIds: [] })).toMatchObject({ nouvelles: 1, enAttente: 1, overdue: 1 });
  });

  it("pages by keyset: every request once, in order, whatever the page", async () => {
    const c = await commune();
    const admin = c.actor("ADMIN");
    const made = [];
    for (let i = 0; i < QUEUE_PAGE_SIZE + 5; i++) made.push((await c.request(c.encombrants)).numero);
    const first = await listQueue(admin, c.tenant, {});
    expect(first.rows).toHaveLength(QUEUE_PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await listQueue(admin, c.tenant, readQueueFilters({ apres: first.next! }));
    expect(second.next).toBeNull();
    expect([...numeros(first.rows), ...numeros(second.rows)]).toEqual([...made].reverse());
  });
});

describe("exportQueue", () => {
  it("exports the filtered list the agent sees, and the export is audited", async () => {
    const c = await commune();
    const agent = c.actor("AGENT", [c.services.cadre.id]);
    const mine = await c.request(c.encombrants);
    await c.request(c.aide);
    const { rows, truncated } = await exportQueue(agent, c.tenant, readQueueFilters({ statut: "DEPOSEE" }), "192.0.2.1");
    expect(numeros(rows)).toEqual([mine.numero]);
    expect(truncated).toBe(false);
    expect(await db.auditEvent.findFirst({ where: { tenantId: c.tenant.id, action: "demandes.exporter" }, select: { actorId: true, ip: true, details: true } }))
      .toEqual({ actorId: agent.id, ip: "192.0.2.1", details: { filtres: "statut=DEPOSEE", lignes: 1, tronque: false } });
  });
});
