import { cookiesSet, onRequest } from "@/tests/next-headers";
import { encode } from "next-auth/jwt";
import { AGENT_COOKIE, endAgentSession } from "@/lib/agents/session";
import { authSecret } from "@/lib/env";
import { createAgent, createFullTenant } from "@/tests/factories";
import { GET } from "./route";

// The route reads the host and the agent's cookie through Next's headers and cookies: the one thing
// stood in for. Cookies it sets are recorded.
jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);

async function call(host: string, token?: Record<string, unknown>) {
  const cookie = token ? `${AGENT_COOKIE}=${await encode({ token, secret: authSecret(), salt: AGENT_COOKIE, maxAge: 1800 })}` : "";
  onRequest({ host, ...(cookie ? { cookie } : {}) });
  return GET();
}

describe("GET /api/admin/session", () => {
  it("renews a session past the second factor only, on its own commune only", async () => {
    const tenant = await createFullTenant({ hosts: ["beaucouze.localhost"] });
    await createFullTenant({ hosts: ["sete.localhost"] });
    const agent = await createAgent(tenant);
    const token = { agentId: agent.id, tenantId: tenant.id, sv: 0, authTime: Math.floor(Date.now() / 1000), mfa: true };

    const renewed = await call("beaucouze.localhost", token);
    expect(renewed.status).toBe(200);
    expect(cookiesSet).toHaveBeenCalledWith(AGENT_COOKIE, expect.any(String), expect.objectContaining({ httpOnly: true, maxAge: 1800 }));

    for (const [host, t] of [
      ["beaucouze.localhost", { ...token, mfa: false }], // password only
      ["sete.localhost", token], // another commune's address
      ["beaucouze.localhost", { ...token, authTime: token.authTime - 11 * 3600 }], // past 10 h
      ["beaucouze.localhost", undefined], // no session
    ] as const) {
      expect((await call(host, t)).status).toBe(401);
      expect(cookiesSet).not.toHaveBeenCalled();
    }
    // Signed out elsewhere: the version moved on.
    await endAgentSession({ kind: "agent", id: agent.id, tenantId: tenant.id, role: "AGENT", serviceIds: [], firstNames: "S", lastName: "D", email: agent.email });
    expect((await call("beaucouze.localhost", token)).status).toBe(401);
  });
});
