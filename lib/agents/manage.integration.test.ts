import { checkAgentPassword } from "@/lib/agents/login";
import { createAgentAccount, listAgents, readAgentInvitation, resetAgentAccess, setAgentPassword, updateAgentAccount } from "@/lib/agents/manage";
import type { StaffActor } from "@/lib/agents/scope";
import { db } from "@/lib/db";
import { createAgent, createFullTenant } from "@/tests/factories";

// Admins manage their commune's agents; nobody ever sets another's password.

const PASSWORD = "registre-tampon-mairie-84";
const linkIn = async (email: string) => {
  const mail = await db.message.findFirstOrThrow({ where: { recipient: email, template: "invitationAgent" }, orderBy: { createdAt: "desc" }, select: { text: true } });
  return /\/admin\/connexion\/bienvenue\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
};

async function commune() {
  const tenant = await createFullTenant();
  const service = await db.service.create({ data: { tenantId: tenant.id, slug: "cadre", name: "Cadre de vie" }, select: { id: true } });
  const row = await createAgent(tenant, { role: "ADMIN" });
  const admin: StaffActor = { kind: "agent", id: row.id, tenantId: tenant.id, role: "ADMIN", serviceIds: [] };
  return { tenant, service, admin };
}

describe("managing agents", () => {
  it("invites a new agent, who alone chooses a password with the link, once", async () => {
    const { tenant, service, admin } = await commune();
    const created = await createAgentAccount(admin, tenant, { email: "Sophie.Durand@Mairie.fr", firstNames: "Sophie", lastName: "Durand", role: "AGENT", services: [service.id] }, "192.0.2.5");
    if (!created.ok) throw new Error(created.message);
    const token = await linkIn("sophie.durand@mairie.fr");
    expect(await readAgentInvitation(tenant, token)).toMatchObject({ agent: { email: "sophie.durand@mairie.fr" } });
    // Nobody can sign in before the link is used.
    expect(await checkAgentPassword(tenant, { email: "sophie.durand@mairie.fr", password: PASSWORD })).toMatchObject({ ok: false });
    expect(await setAgentPassword(tenant, token, { password: "sophie-durand", passwordConfirm: "sophie-durand" })).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect(await setAgentPassword(tenant, token, { password: PASSWORD, passwordConfirm: PASSWORD })).toMatchObject({ ok: true });
    expect(await setAgentPassword(tenant, token, { password: PASSWORD, passwordConfirm: PASSWORD })).toMatchObject({ ok: false });
    expect(await checkAgentPassword(tenant, { email: "sophie.durand@mairie.fr", password: PASSWORD })).toMatchObject({ ok: true, data: { totpEnabled: false } });
    expect((await listAgents(admin)).agents.find((a) => a.id === created.data.agentId)).toMatchObject({ role: "AGENT", serviceIds: [service.id] });
    expect(await createAgentAccount(admin, tenant, { email: "sophie.durand@mairie.fr", firstNames: "S", lastName: "D", role: "AGENT" })).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });
    expect((await db.auditEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" }, select: { action: true } })).map((e) => e.action)).toEqual(["agent.creer", "agent.mot-de-passe"]);
  });

  it("changes role, services and activity; deactivating ends the sessions; never oneself, never another commune's", async () => {
    const { tenant, service, admin } = await commune();
    const other = await commune();
    const agent = await createAgent(tenant);
    const edit = { firstNames: "Sophie", lastName: "Durand", role: "AGENT", services: [service.id], active: false };
    expect(await updateAgentAccount(admin, tenant, agent.id, edit)).toMatchObject({ ok: true });
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { active: true, sessionVersion: true } })).toEqual({ active: false, sessionVersion: 1 });
    expect(await updateAgentAccount(admin, tenant, admin.id, { ...edit, role: "AGENT", active: true })).toMatchObject({ ok: false });
    expect(await updateAgentAccount(admin, tenant, admin.id, { ...edit, role: "ADMIN", active: false })).toMatchObject({ ok: false });
    expect(await updateAgentAccount(other.admin, other.tenant, agent.id, { ...edit, services: [] })).toEqual({ ok: false, message: "Agent introuvable." });
    expect(await updateAgentAccount(admin, tenant, agent.id, { ...edit, services: [other.service.id] })).toMatchObject({ ok: false, fieldErrors: { services: expect.any(String) } });
    expect(await createAgentAccount(admin, tenant, { email: "x@mairie.fr", firstNames: "X", lastName: "Y", role: "ADMIN", services: [other.service.id] })).toMatchObject({ ok: false });
  });

  it("resets an agent's access: password and second factor cleared, sessions ended, a new link sent", async () => {
    const { tenant, admin } = await commune();
    const other = await commune();
    const agent = await createAgent(tenant, { email: "perdu@mairie.fr", totpSecret: "secret-chiffre" });
    expect(await resetAgentAccess(other.admin, other.tenant, agent.id)).toEqual({ ok: false, message: "Agent introuvable." });
    expect(await resetAgentAccess(admin, tenant, admin.id)).toMatchObject({ ok: false });
    expect(await resetAgentAccess(admin, tenant, agent.id, "192.0.2.6")).toMatchObject({ ok: true });
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { totpSecret: true, totpEnabledAt: true, sessionVersion: true } })).toEqual({ totpSecret: null, totpEnabledAt: null, sessionVersion: 1 });
    const token = await linkIn("perdu@mairie.fr");
    expect(await setAgentPassword(tenant, token, { password: PASSWORD, passwordConfirm: PASSWORD })).toMatchObject({ ok: true });
    // Another commune's host does not know the link.
    expect(await readAgentInvitation(other.tenant, token)).toBeNull();
  });
});
