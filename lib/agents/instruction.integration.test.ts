import { addInternalNote, assignRequest, openRequest } from "@/lib/agents/instruction";
import type { StaffActor } from "@/lib/agents/scope";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getRequestDetail } from "@/lib/requests/detail";
import { markPieceReceived } from "@/lib/requests/pieces";
import { changeStatus, previewMessage, previewStatusChange, REQUEST_NOT_FOUND, sendInformation } from "@/lib/requests/transitions";
import { createAccountRow, createAgent, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// A request as the agents instruct it: only within their services, notes the citizen never reads,
// assignment to an agent who may instruct it, previews that send nothing, and an audit line per act.

const definition = { steps: [{ id: "d", title: "Demande", fields: [
  { type: "textarea", name: "objets", label: "Objets à enlever", required: true },
  { type: "file", name: "justificatif", label: "Justificatif de domicile" },
] }] };

async function commune() {
  const tenant = await createFullTenant();
  const cadreService = await db.service.create({ data: { tenantId: tenant.id, slug: "cadre", name: "Cadre de vie" }, select: { id: true } });
  const ccasService = await db.service.create({ data: { tenantId: tenant.id, slug: "ccas", name: "CCAS" }, select: { id: true } });
  const cadre = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  const social = await createTheme(tenant, "social", "Solidarité", 1);
  await db.theme.update({ where: { id: cadre.id }, data: { serviceId: cadreService.id } });
  await db.theme.update({ where: { id: social.id }, data: { serviceId: ccasService.id } });
  const encombrants = await createProcedure(tenant, cadre, { slug: "encombrants", title: "Encombrants", definition });
  const aide = await createProcedure(tenant, social, { slug: "aide", title: "Aide sociale", definition });
  const account = await createAccountRow(tenant, { firstNames: "Lucie", birthName: "Bernard", email: "lucie@exemple.fr" });
  const citizen: Citizen = { kind: "citizen", id: account.id, tenantId: tenant.id, identifiant: account.identifiant, status: "VALIDE", firstNames: "Lucie", lastName: "Bernard", emailConfirmed: true };
  let n = 0;
  const request = async (procedure: { id: string }) => {
    const versionId = (await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } })).id;
    const row = await db.request.create({
      data: {
        tenantId: tenant.id, procedureId: procedure.id, versionId, accountId: account.id, status: "DEPOSEE",
        numero: `${tenant.code}-2026-${String(++n).padStart(6, "0")}`, submittedAt: new Date(), answers: { objets: "Un canapé", justificatif: { kind: "paper" } },
      },
      select: { id: true, numero: true },
    });
    return { id: row.id, numero: row.numero! };
  };
  const agentRow = await createAgent(tenant, { services: [cadreService.id] });
  const agent: StaffActor = { kind: "agent", id: agentRow.id, tenantId: tenant.id, role: "AGENT", serviceIds: [cadreService.id] };
  const ccasRow = await createAgent(tenant, { services: [ccasService.id] });
  const ccasAgent: StaffActor = { kind: "agent", id: ccasRow.id, tenantId: tenant.id, role: "AGENT", serviceIds: [ccasService.id] };
  return { tenant, encombrants, aide, citizen, request, agent, ccasAgent, cadreService };
}

describe("instructing within one's services", () => {
  it("finds a CCAS file only for the CCAS and admins; another service's agent can neither read nor move it", async () => {
    const c = await commune();
    const file = await c.request(c.aide);
    expect(await openRequest(c.agent, file.numero)).toBeNull();
    expect(await openRequest(c.ccasAgent, file.numero)).toMatchObject({ numero: file.numero, title: "Aide sociale" });
    expect(await changeStatus(c.agent, c.tenant, file.numero, { to: "EN_COURS", version: 0 })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await markPieceReceived(c.agent, c.tenant, file.numero, { field: "justificatif" })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await addInternalNote(c.agent, c.tenant, file.numero, { text: "Vu" })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await previewMessage(c.agent, c.tenant, file.numero, "information", { message: "Bonjour" })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await db.request.findUniqueOrThrow({ where: { id: file.id }, select: { status: true, version: true } })).toEqual({ status: "DEPOSEE", version: 0 });
    expect(await db.auditEvent.count({ where: { tenantId: c.tenant.id } })).toBe(0);
    // The requester's other requests, on a request the agent sees, leave out the CCAS file.
    const mine = await c.request(c.encombrants);
    expect((await openRequest(c.agent, mine.numero))!.others).toEqual([]);
    expect((await openRequest(c.ccasAgent, file.numero))!.others).toEqual([]);
  });
});

describe("previews", () => {
  it("render the notice as the requester will read it, and change nothing", async () => {
    const c = await commune();
    const r = await c.request(c.encombrants);
    const preview = await previewStatusChange(c.agent, c.tenant, r.numero, { to: "INCOMPLETE", version: 0, publicMessage: "Apportez votre justificatif." });
    expect(preview).toMatchObject({ ok: true, data: { notice: { channel: "EMAIL", to: "lucie@exemple.fr" } } });
    if (!preview.ok) throw new Error("no preview");
    expect(preview.data.notice!.subject).toContain(r.numero);
    expect(preview.data.notice!.text).toContain("Apportez votre justificatif.");
    // What the table needs is asked at the preview already.
    expect(await previewStatusChange(c.agent, c.tenant, r.numero, { to: "INCOMPLETE", version: 0 })).toMatchObject({ ok: false, fieldErrors: { publicMessage: expect.any(String) } });
    const reminder = await previewMessage(c.agent, c.tenant, r.numero, "rappel", { date: "2099-03-11", message: "Sortez vos encombrants ce soir." });
    expect(reminder).toMatchObject({ ok: true, data: { notice: { text: expect.stringContaining("Sortez vos encombrants ce soir."), when: "11 mars 2099 à 09:00" } } });
    // A past day is refused at the preview already.
    expect(await previewMessage(c.agent, c.tenant, r.numero, "rappel", { date: "2020-01-01", message: "Trop tard" })).toMatchObject({ ok: false, fieldErrors: { date: "Choisissez une date et une heure à venir." } });
    expect(await db.message.count({ where: { tenantId: c.tenant.id } })).toBe(0);
    expect(await db.requestEvent.count({ where: { requestId: r.id } })).toBe(0);
  });
});

describe("information messages", () => {
  it("send one message for one form, confirmed twice at once", async () => {
    const c = await commune();
    const r = await c.request(c.encombrants);
    const input = { message: "Présentez-vous au guichet avec votre facture.", nonce: crypto.randomUUID() };
    const results = await Promise.all([sendInformation(c.agent, c.tenant, r.numero, input), sendInformation(c.agent, c.tenant, r.numero, input)]);
    expect(results.every((x) => x.ok)).toBe(true);
    expect(await db.message.count({ where: { requestId: r.id, template: "informationMairie" } })).toBe(1);
    expect(await db.requestEvent.count({ where: { requestId: r.id } })).toBe(1);
    // Another form, the same words: a second message.
    await sendInformation(c.agent, c.tenant, r.numero, { ...input, nonce: crypto.randomUUID() });
    expect(await db.message.count({ where: { requestId: r.id, template: "informationMairie" } })).toBe(2);
  });
});

describe("internal notes", () => {
  it("are read by the agents on the request, never by the citizen, and audited", async () => {
    const c = await commune();
    const r = await c.request(c.encombrants);
    expect(await addInternalNote(c.agent, c.tenant, r.numero, { text: "  " })).toMatchObject({ ok: false, fieldErrors: { text: "Écrivez la note." } });
    expect(await addInternalNote(c.agent, c.tenant, r.numero, { text: "Voisin déjà passé la semaine dernière." })).toMatchObject({ ok: true });
    await changeStatus(c.agent, c.tenant, r.numero, { to: "EN_COURS", version: 0, internalNote: "Priorité basse" }, "192.0.2.7");
    const view = await openRequest(c.agent, r.numero);
    expect(view!.notes.map((n) => n.text)).toEqual(["Voisin déjà passé la semaine dernière."]);
    expect(view!.events.map((e) => e.internalNote)).toEqual(["Priorité basse"]);
    const seenByCitizen = JSON.stringify(await getRequestDetail(c.citizen, r.numero));
    expect(seenByCitizen).not.toContain("Voisin déjà passé");
    expect(seenByCitizen).not.toContain("Priorité basse");
    expect(await db.auditEvent.findMany({ where: { tenantId: c.tenant.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true, targetId: true, ip: true } })).toEqual([
      { action: "demande.note", actorId: c.agent.id, targetId: r.numero, ip: null },
      { action: "demande.statut", actorId: c.agent.id, targetId: r.numero, ip: "192.0.2.7" },
    ]);
  });
});

describe("assignRequest", () => {
  it("gives the request to an agent who may instruct it, or to nobody; never to another service's or commune's agent", async () => {
    const c = await commune();
    const other = await commune();
    const r = await c.request(c.encombrants);
    const assigned = async () => (await db.request.findUniqueOrThrow({ where: { id: r.id }, select: { assignedAgentId: true } })).assignedAgentId;
    expect(await assignRequest(c.agent, c.tenant, r.numero, { agentId: c.agent.id })).toMatchObject({ ok: true });
    expect(await assigned()).toBe(c.agent.id);
    expect(await assignRequest(c.agent, c.tenant, r.numero, { agentId: c.ccasAgent.id })).toMatchObject({ ok: false, fieldErrors: { agentId: expect.any(String) } });
    expect(await assignRequest(c.agent, c.tenant, r.numero, { agentId: other.agent.id })).toMatchObject({ ok: false });
    expect(await assignRequest(c.agent, c.tenant, r.numero, { agentId: "pas-un-id" })).toMatchObject({ ok: false });
    expect(await assigned()).toBe(c.agent.id);
    expect(await assignRequest(c.agent, c.tenant, r.numero, { agentId: "" })).toMatchObject({ ok: true });
    expect(await assigned()).toBeNull();
    // Assigning changes no decision: the version read by a colleague stays good.
    expect(await changeStatus(c.agent, c.tenant, r.numero, { to: "EN_COURS", version: 0 })).toMatchObject({ ok: true });
  });
});

describe("mass assignment", () => {
  it("ignores what a form may add: commune, status, role, author and number stay as they are", async () => {
    const c = await commune();
    const other = await commune();
    const r = await c.request(c.encombrants);
    const extra = { tenantId: other.tenant.id, status: "ACCEPTEE", role: "ADMIN", accountId: null, actorId: other.agent.id, numero: "XXX-2026-000001", version: 0 };
    expect(await changeStatus(c.agent, c.tenant, r.numero, { ...extra, to: "EN_COURS" })).toMatchObject({ ok: true, data: { status: "EN_COURS" } });
    await addInternalNote(c.agent, c.tenant, r.numero, { ...extra, text: "Note", agentId: other.agent.id, requestId: "autre" });
    expect(await db.request.findUniqueOrThrow({ where: { id: r.id }, select: { tenantId: true, status: true, numero: true, accountId: true } }))
      .toEqual({ tenantId: c.tenant.id, status: "EN_COURS", numero: r.numero, accountId: c.citizen.id });
    expect(await db.requestNote.findFirstOrThrow({ where: { requestId: r.id }, select: { tenantId: true, agentId: true } })).toEqual({ tenantId: c.tenant.id, agentId: c.agent.id });
    expect(await db.requestEvent.findFirstOrThrow({ where: { requestId: r.id }, select: { actorId: true } })).toEqual({ actorId: c.agent.id });
    expect(await db.agent.findUniqueOrThrow({ where: { id: c.agent.id }, select: { role: true } })).toEqual({ role: "AGENT" });
  });
});
