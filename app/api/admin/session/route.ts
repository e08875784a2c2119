import { AGENT_IDLE_SECONDS, getAgentSession, startAgentSession } from "@/lib/agents/session";

// GET /api/admin/session: renews the agent's session (activity in the back office) and says until
// when it lasts; 401 once it has ended. Used by the back office's SessionKeeper.
export const dynamic = "force-dynamic";

export async function GET() {
  const session = await getAgentSession();
  if (!session?.mfa) return Response.json({ message: "Session terminée." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  // Same session (version, time of the password): only its idle deadline moves.
  await startAgentSession({ id: session.agent.id, tenantId: session.agent.tenantId, sessionVersion: session.version }, true, session.authTime);
  return Response.json({ expires: new Date(Date.now() + AGENT_IDLE_SECONDS * 1000).toISOString() }, { headers: { "Cache-Control": "no-store" } });
}
