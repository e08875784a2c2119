import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { decode, encode } from "next-auth/jwt";
import { can, type Permission } from "@/lib/agents/permissions";
import { SESSION_COOKIE_OPTIONS } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { authSecret, env } from "@/lib/env";
import type { AgentRole } from "@/lib/generated/prisma/client";
import { getTenant } from "@/lib/tenancy/request";

// Agents' sessions: a cookie of their own (never the citizens'), signed and encrypted like theirs,
// for the commune's host only. A session is worth something only once the second factor (TOTP) has
// passed: until then it only opens the code page. Idle 30 min (each agent page renews it), at most
// 10 h after the password.

export const AGENT_IDLE_SECONDS = 30 * 60;
export const AGENT_ABSOLUTE_SECONDS = 10 * 3600;
const secure = env.publicProtocol === "https";
export const AGENT_COOKIE = `${secure ? "__Secure-" : ""}cc.agent`;

type AgentToken = { agentId: string; tenantId: string; sv: number; authTime: number; mfa: boolean };

/** The agent of this request, as every back-office function receives it. */
export type Agent = { kind: "agent"; id: string; tenantId: string; role: AgentRole; serviceIds: string[]; firstNames: string; lastName: string; email: string };

/** The session of this request, second factor passed or not; null without one. Once per request. */
export const getAgentSession = cache(async (): Promise<{ agent: Agent; mfa: boolean; authTime: number; version: number } | null> => {
  const tenant = await getTenant();
  const raw = (await cookies()).get(AGENT_COOKIE)?.value;
  if (!tenant || !raw) return null;
  const token = (await decode({ token: raw, secret: authSecret(), salt: AGENT_COOKIE }).catch(() => null)) as Partial<AgentToken> | null;
  if (!token?.agentId || token.tenantId !== tenant.id || typeof token.sv !== "number" || typeof token.authTime !== "number") return null;
  if (Date.now() / 1000 - token.authTime > AGENT_ABSOLUTE_SECONDS) return null;
  const row = await db.agent.findFirst({
    where: { id: token.agentId, tenantId: tenant.id, sessionVersion: token.sv, active: true },
    select: { id: true, tenantId: true, role: true, firstNames: true, lastName: true, email: true, services: { select: { serviceId: true } } },
  });
  if (!row) return null;
  const { services, ...rest } = row;
  return { agent: { kind: "agent", ...rest, serviceIds: services.map((s) => s.serviceId) }, mfa: token.mfa === true, authTime: token.authTime, version: token.sv };
});

/**
 * The signed-in agent, second factor passed, holding `permission`. Anyone else goes to the agents'
 * login page; an agent without the permission gets a 404 (the page does not exist for them).
 */
export async function requireAgent(permission?: Permission): Promise<Agent> {
  const session = await getAgentSession();
  if (!session) redirect("/admin/connexion");
  if (!session.mfa) redirect("/admin/connexion/code");
  if (permission && !can(session.agent.role, permission)) notFound();
  return session.agent;
}

/** What an action answers once the agent's session has ended: its form keeps what was typed. */
export const AGENT_SESSION_EXPIRED = "Votre session a expiré : reconnectez-vous dans un autre onglet (espace agents), puis validez de nouveau. Ce que vous avez saisi est gardé ici.";

/**
 * For the actions whose form keeps what was typed: the agent holding `permission`, or null once the
 * session has ended (the action answers AGENT_SESSION_EXPIRED instead of leaving the page). An agent
 * without the permission gets a 404, as with requireAgent.
 */
export async function agentOfAction(permission: Permission): Promise<Agent | null> {
  const session = await getAgentSession();
  if (!session?.mfa) return null;
  if (!can(session.agent.role, permission)) notFound();
  return session.agent;
}

/** Starts (or, after the second factor, upgrades) the agent's session in this browser. */
export async function startAgentSession(agent: { id: string; tenantId: string; sessionVersion: number }, mfa: boolean, authTime = Math.floor(Date.now() / 1000)) {
  const token: AgentToken = { agentId: agent.id, tenantId: agent.tenantId, sv: agent.sessionVersion, authTime, mfa };
  const value = await encode({ token, secret: authSecret(), salt: AGENT_COOKIE, maxAge: AGENT_IDLE_SECONDS });
  (await cookies()).set(AGENT_COOKIE, value, { ...SESSION_COOKIE_OPTIONS, maxAge: AGENT_IDLE_SECONDS });
}

/** Ends the session here and everywhere else (the version bump voids every other cookie). */
export async function endAgentSession(agent: Agent) {
  await db.agent.updateMany({ where: { id: agent.id, tenantId: agent.tenantId }, data: { sessionVersion: { increment: 1 } } });
  (await cookies()).delete(AGENT_COOKIE);
}
