import { AGENT_LOGIN_REFUSED, checkAgentPassword, waitSeconds } from "@/lib/agents/login";
import { db } from "@/lib/db";
import { createAgent, createFullTenant, DEFAULT_AGENT_PASSWORD } from "@/tests/factories";

describe("checkAgentPassword", () => {
  it("opens the second step for the right password in the agent's own commune only", async () => {
    const beaucouze = await createFullTenant({ code: "BCZ" });
    const sete = await createFullTenant({ code: "SET" });
    const agent = await createAgent(beaucouze, { email: "Sophie@Mairie.fr" });

    expect(await checkAgentPassword(beaucouze, { email: " sophie@mairie.fr ", password: DEFAULT_AGENT_PASSWORD })).toEqual({
      ok: true, data: { agentId: agent.id, tenantId: beaucouze.id, sessionVersion: 0, totpEnabled: false },
    });
    // The same email and password on another commune's address: nobody there.
    expect(await checkAgentPassword(sete, { email: "sophie@mairie.fr", password: DEFAULT_AGENT_PASSWORD })).toEqual({ ok: false, message: AGENT_LOGIN_REFUSED });
    expect(await checkAgentPassword(beaucouze, { email: "sophie@mairie.fr", password: "faux" })).toEqual({ ok: false, message: AGENT_LOGIN_REFUSED });
    expect(await checkAgentPassword(beaucouze, "n'importe quoi")).toEqual({ ok: false, message: AGENT_LOGIN_REFUSED });
  });

  it("makes each try wait after five failures, even with the right password", async () => {
    const tenant = await createFullTenant();
    const agent = await createAgent(tenant, { email: "paul@mairie.fr" });
    const now = new Date("2026-11-24T10:00:00Z");
    for (let i = 0; i < 5; i++) await checkAgentPassword(tenant, { email: "paul@mairie.fr", password: "faux" }, now);
    expect(await checkAgentPassword(tenant, { email: "paul@mairie.fr", password: DEFAULT_AGENT_PASSWORD }, now)).toMatchObject({ ok: false, message: expect.stringContaining("réessayez dans 1 minute") });
    const later = new Date(now.getTime() + 61_000);
    expect(await checkAgentPassword(tenant, { email: "paul@mairie.fr", password: DEFAULT_AGENT_PASSWORD }, later)).toMatchObject({ ok: true });
    // Forgiven only by the second factor: the password alone keeps the count the TOTP shares.
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).toMatchObject({ failedLogins: 5 });
  });

  it("doubles the wait after each further failure", () => {
    const last = new Date("2026-11-24T10:00:00Z");
    expect(waitSeconds(4, last, last)).toBe(0);
    expect(waitSeconds(5, last, last)).toBe(60);
    expect(waitSeconds(7, last, last)).toBe(240);
  });
});
