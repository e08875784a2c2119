import type { StaffActor } from "@/lib/agents/scope";
import { db } from "@/lib/db";
import { counterProcedures, submitAtCounter } from "@/lib/requests/counter";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// A démarche entered at the counter: the person's request, entered by an agent of its service.

const definition = { steps: [{ id: "d", title: "Demande", fields: [
  { type: "textarea", name: "objets", label: "Objets à enlever", required: true },
  { type: "file", name: "justificatif", label: "Justificatif de domicile", required: true },
] }] };

async function commune() {
  const tenant = await createFullTenant();
  const cadre = await db.service.create({ data: { tenantId: tenant.id, slug: "cadre", name: "Cadre de vie" }, select: { id: true } });
  const ccas = await db.service.create({ data: { tenantId: tenant.id, slug: "ccas", name: "CCAS" }, select: { id: true } });
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  await db.theme.update({ where: { id: theme.id }, data: { serviceId: cadre.id } });
  await createProcedure(tenant, theme, { slug: "encombrants", title: "Encombrants", definition });
  await createProcedure(tenant, theme, { slug: "acte", title: "Acte de naissance", definition, requiresAccount: false });
  const account = await createAccountRow(tenant, { email: "odette@exemple.fr" });
  const agent = (serviceIds: string[]): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "AGENT", serviceIds });
  return { tenant, account, cadreAgent: agent([cadre.id]), ccasAgent: agent([ccas.id]) };
}

describe("submitAtCounter", () => {
  it("files the person's request, entered by the agent, acknowledged to the person and audited", async () => {
    const c = await commune();
    expect(await counterProcedures(c.cadreAgent)).toEqual([{ slug: "encombrants", title: "Encombrants" }]);
    const result = await submitAtCounter(c.cadreAgent, c.tenant, c.account.id, "encombrants", { objets: "Une armoire", justificatif: { kind: "paper" } }, "192.0.2.4");
    if (!result.ok) throw new Error(result.message);
    const request = await db.request.findFirstOrThrow({
      where: { numero: result.data.numero },
      select: { tenantId: true, accountId: true, status: true, enteredByAgentId: true, dueAt: true, events: { select: { actorKind: true, actorId: true, toStatus: true } } },
    });
    expect(request).toMatchObject({ tenantId: c.tenant.id, accountId: c.account.id, status: "DEPOSEE", enteredByAgentId: c.cadreAgent.id, events: [{ actorKind: "AGENT", actorId: c.cadreAgent.id, toStatus: "DEPOSEE" }] });
    expect(request.dueAt).not.toBeNull();
    expect(await db.message.findMany({ where: { accountId: c.account.id }, select: { template: true, recipient: true } })).toEqual([{ template: "demandeRecue", recipient: "odette@exemple.fr" }]);
    expect(await db.auditEvent.count({ where: { tenantId: c.tenant.id, action: "demande.guichet", actorId: c.cadreAgent.id, ip: "192.0.2.4" } })).toBe(1);
  });

  it("files one request for one form, sent twice at once or again after a lost answer", async () => {
    const c = await commune();
    const answers = { objets: "Une armoire", justificatif: { kind: "paper" } };
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([
      submitAtCounter(c.cadreAgent, c.tenant, c.account.id, "encombrants", answers, null, key),
      submitAtCounter(c.cadreAgent, c.tenant, c.account.id, "encombrants", answers, null, key),
    ]);
    const again = await submitAtCounter(c.cadreAgent, c.tenant, c.account.id, "encombrants", answers, null, key);
    if (!a.ok || !b.ok || !again.ok) throw new Error("refused");
    expect(new Set([a.data.numero, b.data.numero, again.data.numero]).size).toBe(1);
    expect(await db.request.count({ where: { tenantId: c.tenant.id } })).toBe(1);
    expect(await db.message.count({ where: { accountId: c.account.id } })).toBe(1);
  });

  it("refuses another service's agent, a démarche without account, an upload and incomplete answers, filing nothing", async () => {
    const c = await commune();
    const other = await commune();
    const answers = { objets: "Une armoire", justificatif: { kind: "paper" } };
    expect(await submitAtCounter(c.ccasAgent, c.tenant, c.account.id, "encombrants", answers)).toMatchObject({ ok: false });
    expect(await submitAtCounter(c.cadreAgent, c.tenant, c.account.id, "acte", answers)).toMatchObject({ ok: false });
    expect(await submitAtCounter(c.cadreAgent, c.tenant, other.account.id, "encombrants", answers)).toMatchObject({ ok: false });
    expect(await submitAtCounter(c.cadreAgent, c.tenant, c.account.id, "encombrants", { ...answers, justificatif: { kind: "upload", attachmentId: crypto.randomUUID() } }))
      .toMatchObject({ ok: false, fieldErrors: { justificatif: expect.any(String) } });
    expect(await submitAtCounter(c.cadreAgent, c.tenant, c.account.id, "encombrants", { justificatif: { kind: "paper" } })).toMatchObject({ ok: false, fieldErrors: { objets: expect.any(String) } });
    expect(await db.request.count({ where: { tenantId: { in: [c.tenant.id, other.tenant.id] } } })).toBe(0);
  });
});
