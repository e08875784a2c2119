import { listAccounts, openAccount } from "@/lib/agents/accounts";
import type { Agent } from "@/lib/agents/session";
import { decideAccount } from "@/lib/accounts/validation";
import { listAudit } from "@/lib/audit/audit";
import { createAccountRow, createAgent, createFullTenant } from "@/tests/factories";

const agentOf = (row: { id: string; tenantId: string; email: string }): Agent => ({
  kind: "agent", id: row.id, tenantId: row.tenantId, role: "AGENT", serviceIds: [], firstNames: "Sophie", lastName: "Durand", email: row.email,
});

describe("accounts to validate", () => {
  it("lists and opens only the commune's accounts, and writes each opening and decision to the audit log", async () => {
    const beaucouze = await createFullTenant({ code: "BCZ" });
    const sete = await createFullTenant({ code: "SET" });
    const agent = agentOf(await createAgent(beaucouze));
    const elsewhere = agentOf(await createAgent(sete));
    const pending = await createAccountRow(beaucouze, { status: "EN_ATTENTE" });
    const valid = await createAccountRow(beaucouze, { status: "VALIDE", firstNames: "Odette", birthName: "Marchand" });
    await createAccountRow(sete, { status: "EN_ATTENTE" });

    const ids = async (filters: { statut?: string; q?: string }) => (await listAccounts(agent, filters)).accounts.map((a) => a.id);
    expect(await ids({})).toEqual([pending.id]);
    expect(await ids({ statut: "VALIDE" })).toEqual([valid.id]);
    expect((await ids({ statut: "tous" })).sort()).toEqual([pending.id, valid.id].sort());
    expect(await ids({ statut: "tous", q: "MARCH" })).toEqual([valid.id]);
    expect(await ids({ statut: "n'importe quoi", q: "\u0000" })).toEqual([pending.id]);
    expect(await openAccount(elsewhere, pending.id)).toBeNull();
    expect(await openAccount(agent, "pas-un-id")).toBeNull();
    expect(await openAccount(agent, pending.id, "203.0.113.7")).toMatchObject({ id: pending.id, status: "EN_ATTENTE" });
    expect(await decideAccount(agent, beaucouze, pending.id, { status: "VALIDE" }, "203.0.113.7")).toMatchObject({ ok: true });

    const { events } = await listAudit(beaucouze.id);
    expect(events.map((e) => [e.action, e.targetId, e.actorId, e.ip])).toEqual([
      ["compte.valider", pending.id, agent.id, "203.0.113.7"],
      ["compte.consulter", pending.id, agent.id, "203.0.113.7"],
    ]);
    expect((await listAudit(sete.id)).events).toEqual([]);
  });
});
