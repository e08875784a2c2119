import { decideAccount } from "@/lib/accounts/validation";
import type { StaffActor } from "@/lib/agents/scope";
import { db } from "@/lib/db";
import { createAccountRow, createFullTenant } from "@/tests/factories";

const agentOf = (tenant: { id: string }): StaffActor => ({ kind: "agent", id: "agent-1", tenantId: tenant.id, role: "AGENT", serviceIds: [] });

describe("decideAccount", () => {
  it("validates a pending account and tells the citizen by the channel they chose", async () => {
    const t = await createFullTenant();
    const a = await createAccountRow(t, { status: "EN_ATTENTE", channel: "SMS", mobile: "0611223344" });
    expect(await decideAccount(agentOf(t), t, a.id, { status: "VALIDE" })).toMatchObject({ ok: true });
    expect(await db.account.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "VALIDE" });
    expect(await db.message.findMany({ select: { channel: true, recipient: true, template: true } })).toEqual([
      { channel: "SMS", recipient: "0611223344", template: "compteValide" },
    ]);
  });

  it("refuses only with a motif, which the citizen receives", async () => {
    const t = await createFullTenant();
    const a = await createAccountRow(t, { status: "EN_ATTENTE" });
    expect(await decideAccount(agentOf(t), t, a.id, { status: "REFUSE", motif: "" })).toMatchObject({ ok: false, fieldErrors: { motif: expect.any(String) } });
    expect(await decideAccount(agentOf(t), t, a.id, { status: "REFUSE", motif: "Adresse hors de la commune" })).toMatchObject({ ok: true });
    expect(await db.account.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "REFUSE", statusReason: "Adresse hors de la commune" });
    expect((await db.message.findFirstOrThrow()).text).toContain("Adresse hors de la commune");
  });

  it("cannot touch another commune's account, nor decide twice", async () => {
    const t = await createFullTenant();
    const other = await createFullTenant();
    const a = await createAccountRow(other, { status: "EN_ATTENTE" });
    expect(await decideAccount(agentOf(t), t, a.id, { status: "VALIDE" })).toMatchObject({ ok: false });
    expect(await decideAccount(agentOf(t), other, a.id, { status: "VALIDE" })).toMatchObject({ ok: false });
    expect(await db.account.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "EN_ATTENTE" });

    expect(await decideAccount(agentOf(other), other, a.id, { status: "VALIDE" })).toMatchObject({ ok: true });
    expect(await decideAccount(agentOf(other), other, a.id, { status: "REFUSE", motif: "Trop tard" })).toMatchObject({ ok: false });
    expect(await db.message.count()).toBe(1);
  });
});

describe("decideAccount, where the notice goes", () => {
  it("sends nothing to an address the citizen never confirmed", async () => {
    const t = await createFullTenant();
    const a = await createAccountRow(t, { status: "EN_ATTENTE", channel: "EMAIL" });
    await db.account.update({ where: { id: a.id }, data: { emailConfirmedAt: null } });
    expect(await decideAccount(agentOf(t), t, a.id, { status: "VALIDE" })).toMatchObject({ ok: true });
    expect(await db.message.count()).toBe(0);
  });
});
