import "server-only";
import { randomBytes } from "node:crypto";
import * as z from "zod";
import { passwordFields } from "@/lib/accounts/schema";
import { hashSecret } from "@/lib/accounts/secret-hash";
import { hashToken } from "@/lib/accounts/tokens";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { invalid, type ActionResult } from "@/lib/forms";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueMessage, type Tx } from "@/lib/notifications/outbox";
import type { Tenant } from "@/lib/tenancy/resolve";
import { tenantUrl } from "@/lib/tenancy/url";

// The commune's agents, managed by its admins: who, with which role and services, active or not.
// An admin never sets an agent's password: a new agent, or one whose access is reset (lost phone,
// forgotten password), gets a single-use link to choose it, then enrols their authenticator at the
// next login. Every change is audited; an admin cannot demote nor deactivate themselves (the
// commune would risk having no admin left).

const INVITE_TTL_MS = 48 * 3_600_000;
const NOT_FOUND = "Agent introuvable.";

/** The commune's agents and services, for the admins' list and forms. */
export async function listAgents(actor: StaffActor) {
  const [agents, services] = await Promise.all([
    db.agent.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: [{ active: "desc" }, { lastName: "asc" }, { firstNames: "asc" }],
      select: { id: true, email: true, firstNames: true, lastName: true, role: true, active: true, totpEnabledAt: true, services: { select: { serviceId: true } } },
    }),
    db.service.findMany({ where: { tenantId: actor.tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { agents: agents.map(({ services: s, ...a }) => ({ ...a, serviceIds: s.map((x) => x.serviceId) })), services };
}

const agentSchema = z.object({
  firstNames: z.string().trim().min(1, "Indiquez le prénom.").max(100, "100 caractères au plus."),
  lastName: z.string().trim().min(1, "Indiquez le nom.").max(100, "100 caractères au plus."),
  role: z.enum(["AGENT", "ADMIN"], { error: "Choisissez le rôle." }),
  services: z.array(z.string().uuid()).max(50).default([]),
  active: z.boolean().default(true),
});
const newAgentSchema = agentSchema.extend({
  email: z.string().trim().toLowerCase().min(1, "Indiquez l'adresse électronique professionnelle.").max(254).pipe(z.email("Adresse électronique invalide.")),
});

/** The services named, if all are the commune's; null otherwise. */
async function ownServices(actor: StaffActor, ids: string[]): Promise<string[] | null> {
  const unique = [...new Set(ids)];
  const found = await db.service.count({ where: { tenantId: actor.tenantId, id: { in: unique } } });
  return found === unique.length ? unique : null;
}

/**
 * A new single-use link for the agent to choose a password (older ones stop working): the token of
 * /admin/connexion/bienvenue/[token], of which only the hash is stored.
 */
export async function issueAgentToken(tx: Tx, agentId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.agentToken.updateMany({ where: { agentId, usedAt: null }, data: { usedAt: now } });
  await tx.agentToken.create({ data: { agentId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITE_TTL_MS) } });
  return token;
}

/** Issues the agent's link to choose a password (older ones stop working) and emails it. */
async function sendInvitation(tx: Tx, tenant: Tenant, agent: { id: string; email: string; firstNames: string }, reset: boolean, now = new Date()) {
  const token = await issueAgentToken(tx, agent.id, now);
  await queueMessage(tx, tenant, {
    channel: "EMAIL", to: agent.email, accountId: null, template: "invitationAgent",
    data: { firstNames: agent.firstNames, url: tenantUrl(tenant, `/admin/connexion/bienvenue/${token}`), reset },
  });
}

/** « Ajouter un agent »: the agent is created without a usable password and invited by email. */
export async function createAgentAccount(actor: StaffActor, tenant: Tenant, input: unknown, ip: string | null = null): Promise<ActionResult<{ agentId: string }>> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: NOT_FOUND };
  const parsed = newAgentSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { email, firstNames, lastName, role } = parsed.data;
  const services = await ownServices(actor, parsed.data.services);
  if (!services) return { ok: false, message: "Service inconnu : rechargez la page.", fieldErrors: { services: "Choisissez parmi les services de la commune." } };
  const passwordHash = await hashSecret(randomBytes(32).toString("base64url"));
  try {
    const agentId = await db.$transaction(async (tx) => {
      const agent = await tx.agent.create({
        data: { tenantId: actor.tenantId, email, firstNames, lastName, role, passwordHash, services: { create: services.map((serviceId) => ({ serviceId })) } },
        select: { id: true, email: true, firstNames: true },
      });
      await sendInvitation(tx, tenant, agent, false);
      await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "agent.creer", target: { type: "Agent", id: agent.id }, ip, details: { role, services: services.length } });
      return agent.id;
    });
    return { ok: true, message: `Agent ajouté : une invitation est envoyée à ${email}.`, data: { agentId } };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, message: "Un agent de la commune a déjà cette adresse.", fieldErrors: { email: "Un agent de la commune a déjà cette adresse." } };
    }
    throw error;
  }
}

/** Role, services and activity of an agent of the commune. Deactivating ends their sessions. */
export async function updateAgentAccount(actor: StaffActor, tenant: Tenant, agentId: string, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || !z.string().uuid().safeParse(agentId).success) return { ok: false, message: NOT_FOUND };
  const parsed = agentSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { firstNames, lastName, role, active } = parsed.data;
  if (agentId === actor.id && (role !== "ADMIN" || !active)) {
    return { ok: false, message: "Vous ne pouvez pas retirer votre propre rôle d'administrateur ni désactiver votre accès : demandez-le à un autre administrateur." };
  }
  const services = await ownServices(actor, parsed.data.services);
  if (!services) return { ok: false, message: "Service inconnu : rechargez la page.", fieldErrors: { services: "Choisissez parmi les services de la commune." } };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const before = await tx.agent.findFirst({ where: { id: agentId, tenantId: actor.tenantId }, select: { active: true, role: true } });
    if (!before) return { ok: false, message: NOT_FOUND };
    await tx.agent.updateMany({
      where: { id: agentId, tenantId: actor.tenantId },
      data: { firstNames, lastName, role, active, ...(before.active && !active ? { sessionVersion: { increment: 1 } } : {}) },
    });
    // Two admins demoting each other at once: the commune must keep one.
    if (!(await tx.agent.count({ where: { tenantId: actor.tenantId, role: "ADMIN", active: true } }))) throw new NoAdminLeft();
    await tx.agentService.deleteMany({ where: { agentId } });
    if (services.length) await tx.agentService.createMany({ data: services.map((serviceId) => ({ agentId, serviceId })) });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "agent.modifier", target: { type: "Agent", id: agentId }, ip, details: { role, active, services: services.length } });
    return { ok: true, message: "Agent enregistré." };
  }).catch((error) => {
    if (error instanceof NoAdminLeft) return { ok: false, message: "La commune doit garder au moins un administrateur actif." };
    throw error;
  });
}

class NoAdminLeft extends Error {}

/**
 * Lost phone or forgotten password: the agent's password and second factor are cleared, every
 * session ends, and a new invitation is emailed.
 */
export async function resetAgentAccess(actor: StaffActor, tenant: Tenant, agentId: string, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || !z.string().uuid().safeParse(agentId).success) return { ok: false, message: NOT_FOUND };
  if (agentId === actor.id) return { ok: false, message: "Un autre administrateur doit réinitialiser votre accès." };
  const passwordHash = await hashSecret(randomBytes(32).toString("base64url"));
  return db.$transaction(async (tx) => {
    const agent = await tx.agent.findFirst({ where: { id: agentId, tenantId: actor.tenantId, active: true }, select: { id: true, email: true, firstNames: true } });
    if (!agent) return { ok: false, message: NOT_FOUND };
    await tx.agent.updateMany({
      where: { id: agentId, tenantId: actor.tenantId },
      data: { passwordHash, totpSecret: null, totpEnabledAt: null, totpLastStep: null, failedLogins: 0, lastFailedLoginAt: null, sessionVersion: { increment: 1 } },
    });
    await tx.agentRecoveryCode.deleteMany({ where: { agentId } });
    await sendInvitation(tx, tenant, agent, true);
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "agent.reinitialiser", target: { type: "Agent", id: agentId }, ip });
    return { ok: true, message: `Accès réinitialisé : un lien est envoyé à ${agent.email}.` };
  });
}

/** The invitation link's agent, if the link still works here; null otherwise. */
export async function readAgentInvitation(tenant: Pick<Tenant, "id">, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.agentToken.findFirst({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now }, agent: { tenantId: tenant.id, active: true } },
    select: { id: true, agent: { select: { id: true, email: true, firstNames: true, lastName: true } } },
  });
  return row;
}

/** Sets the agent's password with the invitation link; the link is spent. */
export async function setAgentPassword(tenant: Tenant, token: string, input: unknown, now = new Date()): Promise<ActionResult> {
  const row = await readAgentInvitation(tenant, token, now);
  if (!row) return { ok: false, message: "Ce lien ne fonctionne plus : demandez à un administrateur de la mairie de vous en envoyer un nouveau." };
  const parsed = passwordFields([tenant.name, row.agent.firstNames, row.agent.lastName, row.agent.email.split("@")[0]!]).safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const passwordHash = await hashSecret(parsed.data.password);
  const done = await db.$transaction(async (tx) => {
    const spent = await tx.agentToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count !== 1) return false;
    await tx.agent.updateMany({ where: { id: row.agent.id, tenantId: tenant.id }, data: { passwordHash, failedLogins: 0, lastFailedLoginAt: null, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { tenantId: tenant.id, actor: { kind: "AGENT", id: row.agent.id }, action: "agent.mot-de-passe", target: { type: "Agent", id: row.agent.id } });
    return true;
  });
  return done ? { ok: true, message: "Mot de passe enregistré : connectez-vous." } : { ok: false, message: "Ce lien vient de servir : connectez-vous, ou demandez un nouveau lien." };
}
