import { db } from "@/lib/db";
import { listAudit, recordAudit } from "@/lib/audit/audit";
import { createAccountRow, createFullTenant } from "@/tests/factories";

const AGENT_ID = "00000000-0000-4000-8000-0000000000a1";
const OTHER_AGENT_ID = "00000000-0000-4000-8000-0000000000a2";

/** An event at a given instant (createdAt is set afterwards: the product never chooses it). */
async function eventAt(tenantId: string, at: string, action = "demande.accepter", actorId = AGENT_ID, targetId = "BCZ-2026-000001") {
  const { id } = await recordAudit(db, { tenantId, actor: { kind: "AGENT", id: actorId }, action, target: { type: "demande", id: targetId } });
  await db.auditEvent.update({ where: { id }, data: { createdAt: new Date(at) } });
  return id;
}

describe("audit log", () => {
  it("records who, what, on what, from where", async () => {
    const tenant = await createFullTenant();
    await recordAudit(db, {
      tenantId: tenant.id, actor: { kind: "AGENT", id: AGENT_ID }, action: "compte.valider",
      target: { type: "compte", id: "c1" }, ip: "203.0.113.7", details: { motif: "pièces conformes" },
    });
    await recordAudit(db, { tenantId: tenant.id, actor: { kind: "SYSTEME" }, action: "messages.purge" });
    const { events } = await listAudit(tenant.id);
    expect(events).toHaveLength(2);
    const validation = events.find((e) => e.action === "compte.valider");
    expect(validation).toMatchObject({
      actorKind: "AGENT", actorId: AGENT_ID, targetType: "compte", targetId: "c1", ip: "203.0.113.7", details: { motif: "pièces conformes" },
    });
    expect(events.find((e) => e.action === "messages.purge")).toMatchObject({ actorKind: "SYSTEME", actorId: null, targetType: null, targetId: null, ip: null, details: null });
  });

  it("is written in the caller's transaction: rolled back with it", async () => {
    const tenant = await createFullTenant();
    const account = await createAccountRow(tenant, { status: "EN_ATTENTE" });
    await expect(
      db.$transaction(async (tx) => {
        await tx.account.update({ where: { id: account.id }, data: { status: "VALIDE" } });
        await recordAudit(tx, { tenantId: tenant.id, actor: { kind: "AGENT", id: AGENT_ID }, action: "compte.valider", target: { type: "compte", id: account.id } });
        throw new Error("échec après coup");
      }),
    ).rejects.toThrow("échec après coup");
    expect(await db.auditEvent.count()).toBe(0);
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("EN_ATTENTE");

    await db.$transaction(async (tx) => {
      await tx.account.update({ where: { id: account.id }, data: { status: "VALIDE" } });
      await recordAudit(tx, { tenantId: tenant.id, actor: { kind: "AGENT", id: AGENT_ID }, action: "compte.valider", target: { type: "compte", id: account.id } });
    });
    expect((await listAudit(tenant.id)).events.map((e) => e.targetId)).toEqual([account.id]);
  });

  it("lists one commune's events only, whatever the filters", async () => {
    const a = await createFullTenant();
    const b = await createFullTenant();
    await eventAt(a.id, "2026-03-01T10:00:00.000Z");
    await eventAt(b.id, "2026-03-01T11:00:00.000Z");
    await eventAt(b.id, "2026-03-01T12:00:00.000Z", "compte.valider");
    expect((await listAudit(a.id)).events).toHaveLength(1);
    expect((await listAudit(a.id, { actorId: AGENT_ID, targetId: "BCZ-2026-000001" })).events).toHaveLength(1);
    expect((await listAudit(a.id, { action: "compte.valider" })).events).toHaveLength(0);
    expect((await listAudit(b.id)).events).toHaveLength(2);
  });

  it("filters by action, actor, target and period", async () => {
    const tenant = await createFullTenant();
    const first = await eventAt(tenant.id, "2026-03-01T10:00:00.000Z", "demande.prendre-en-charge", AGENT_ID, "BCZ-2026-000001");
    const second = await eventAt(tenant.id, "2026-03-02T10:00:00.000Z", "demande.accepter", AGENT_ID, "BCZ-2026-000001");
    const third = await eventAt(tenant.id, "2026-03-03T10:00:00.000Z", "demande.accepter", OTHER_AGENT_ID, "BCZ-2026-000002");
    const ids = async (filters: Parameters<typeof listAudit>[1]) => (await listAudit(tenant.id, filters)).events.map((e) => e.id);

    expect(await ids({})).toEqual([third, second, first]);
    expect(await ids({ action: "demande.accepter" })).toEqual([third, second]);
    expect(await ids({ actorId: AGENT_ID })).toEqual([second, first]);
    expect(await ids({ targetId: "BCZ-2026-000002" })).toEqual([third]);
    expect(await ids({ from: new Date("2026-03-02T10:00:00.000Z") })).toEqual([third, second]);
    expect(await ids({ to: new Date("2026-03-02T10:00:00.000Z") })).toEqual([first]);
    expect(await ids({ from: new Date("2026-03-02T00:00:00.000Z"), to: new Date("2026-03-03T00:00:00.000Z") })).toEqual([second]);
    expect(await ids({ action: "demande.accepter", actorId: AGENT_ID })).toEqual([second]);
    expect(await ids({ action: "rien" })).toEqual([]);
  });

  it("pages by keyset, newest first, every event once, ties broken by id", async () => {
    const tenant = await createFullTenant();
    const expected: string[] = [];
    // Seven events, three of them at the very same instant.
    for (const at of ["2026-03-01T10:00:00.000Z", "2026-03-02T10:00:00.000Z", "2026-03-03T10:00:00.000Z", "2026-03-03T10:00:00.000Z", "2026-03-03T10:00:00.000Z", "2026-03-04T10:00:00.000Z", "2026-03-05T10:00:00.000Z"]) {
      expected.push(await eventAt(tenant.id, at));
    }
    const all = await db.auditEvent.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });

    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await listAudit(tenant.id, { before }, 3);
      seen.push(...page.events.map((e) => e.id));
      before = page.next ?? undefined;
      pages += 1;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(new Set(seen)).toEqual(new Set(expected));

    // A cursor keeps its filters' meaning, and a broken one is ignored rather than failing.
    const firstPage = await listAudit(tenant.id, {}, 3);
    expect((await listAudit(tenant.id, { before: firstPage.next!, to: new Date("2026-03-03T00:00:00.000Z") }, 3)).events).toHaveLength(2);
    expect((await listAudit(tenant.id, { before: "n'importe quoi" }, 3)).events.map((e) => e.id)).toEqual(firstPage.events.map((e) => e.id));
    // A cursor from another commune shows nothing of it.
    const other = await createFullTenant();
    expect((await listAudit(other.id, { before: firstPage.next! })).events).toEqual([]);
  });
});
