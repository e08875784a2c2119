import "server-only";
import * as z from "zod";
import { canSeeTheme } from "@/lib/agents/permissions";
import { visibleRequests, type StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import type { ActorKind } from "@/lib/generated/prisma/client";
import type { Person } from "@/lib/procedures/prefill";
import { describeAnswers } from "@/lib/requests/detail";
import { transitionsFor } from "@/lib/requests/lifecycle";
import { isNumero } from "@/lib/requests/numbering";
import { REQUEST_NOT_FOUND } from "@/lib/requests/transitions";
import { contactEmail } from "@/lib/requests/anonymous";
import { procedureDefinitionSchema } from "@/lib/procedures/definition";
import type { Answers } from "@/lib/procedures/form-schema";
import type { Tenant } from "@/lib/tenancy/resolve";

// One request as the agents instruct it: everything the citizen sees, plus who did what on the
// timeline, the internal notes, the messages sent with their delivery, the requester's other
// requests, and the actions the lifecycle table allows from its status. Also the two acts that
// change no status: assigning the request to an agent, and writing an internal note.

export async function openRequest(actor: StaffActor, numero: string) {
  if (typeof numero !== "string" || !isNumero(numero)) return null;
  const row = await db.request.findFirst({
    where: { ...visibleRequests(actor), numero },
    select: {
      id: true, numero: true, version: true, status: true, answers: true, memberId: true, submittedAt: true, dueAt: true,
      accountId: true, assignedAgentId: true, enteredByAgentId: true,
      procedure: { select: { title: true, processingDays: true, theme: { select: { title: true, serviceId: true } } } },
      form: { select: { definition: true } },
      account: { select: { id: true, identifiant: true, civility: true, firstNames: true, birthName: true, usageName: true, email: true, mobile: true, phone: true, status: true } },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, createdAt: true, fromStatus: true, toStatus: true, actorKind: true, actorId: true, publicMessage: true, internalNote: true } },
      notes: { orderBy: { createdAt: "asc" }, select: { id: true, createdAt: true, agentId: true, text: true } },
      receipts: { select: { fieldName: true, receivedAt: true, agentId: true } },
    },
  });
  if (!row?.numero) return null;

  const [attachments, members, messages, others, agents] = await Promise.all([
    db.attachment.findMany({ where: { tenantId: actor.tenantId, requestId: row.id }, select: { id: true, fieldName: true, fileName: true, kind: true, size: true } }),
    row.accountId
      ? db.householdMember.findMany({ where: { tenantId: actor.tenantId, accountId: row.accountId }, select: { id: true, relation: true, firstNames: true, lastName: true, birthDate: true } })
      : Promise.resolve([]),
    db.message.findMany({
      where: { tenantId: actor.tenantId, requestId: row.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, channel: true, recipient: true, subject: true, status: true, attempts: true, createdAt: true, sentAt: true, nextAttemptAt: true, accountId: true },
    }),
    // The requester's other requests that this agent may see too (a CCAS file stays hidden).
    row.accountId
      ? db.request.findMany({
          where: { ...visibleRequests(actor), accountId: row.accountId, id: { not: row.id } },
          orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
          take: 20,
          select: { numero: true, status: true, submittedAt: true, procedure: { select: { title: true } } },
        })
      : Promise.resolve([]),
    // Every agent, to name who acted or holds the request (the deactivated too); only the active may be given it.
    db.agent.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: [{ lastName: "asc" }, { firstNames: "asc" }],
      select: { id: true, firstNames: true, lastName: true, role: true, active: true, services: { select: { serviceId: true } } },
    }),
  ]);
  const people: Person[] = members.map((m) => ({ ...m, birthDate: m.birthDate.toISOString().slice(0, 10) }));
  const { sections, pieces } = describeAnswers(row.form.definition, row.answers, people, attachments, row.receipts);
  const agentName = (id: string | null) => {
    const agent = agents.find((a) => a.id === id);
    return agent ? `${agent.firstNames} ${agent.lastName}` : null;
  };
  const actorName = (kind: ActorKind, id: string | null) =>
    kind === "AGENT" ? agentName(id) ?? "Un agent" : kind === "CITOYEN" ? (row.accountId ? "Le demandeur" : "Le demandeur (sans compte)") : "Le système";
  const member = row.memberId ? people.find((p) => p.id === row.memberId) : undefined;
  const theme = row.procedure.theme ? { serviceId: row.procedure.theme.serviceId } : { serviceId: null };
  const account = row.account;
  const anonymousEmail = row.accountId ? null : contactEmail(procedureDefinitionSchema.parse(row.form.definition), row.answers as Answers)?.email ?? null;

  return {
    numero: row.numero,
    version: row.version,
    status: row.status,
    title: row.procedure.title,
    theme: row.procedure.theme?.title ?? null,
    submittedAt: row.submittedAt!,
    dueAt: row.dueAt,
    requester: account
      ? {
          accountId: account.id, identifiant: account.identifiant, name: `${account.civility} ${account.firstNames} ${account.usageName || account.birthName}`,
          contact: [account.email, account.mobile, account.phone].filter(Boolean).join(", "), accountStatus: account.status,
        }
      : { accountId: null, identifiant: null, name: "Demande sans compte", contact: anonymousEmail ?? "aucun contact", accountStatus: null },
    member: member ? `${member.firstNames} ${member.lastName}` : null,
    enteredBy: agentName(row.enteredByAgentId),
    assignedAgentId: row.assignedAgentId,
    assignee: agentName(row.assignedAgentId),
    sections,
    pieces,
    events: row.events.map((e) => ({ ...e, who: actorName(e.actorKind, e.actorId) })),
    notes: row.notes.map((n) => ({ ...n, who: agentName(n.agentId) ?? "Un agent" })),
    messages,
    others,
    transitions: transitionsFor(row.status, "agent"),
    // Whom the request may be given to: the agents who see its theme.
    assignable: agents
      .filter((a) => a.active && canSeeTheme({ role: a.role, serviceIds: a.services.map((s) => s.serviceId) }, theme))
      .map((a) => ({ id: a.id, name: `${a.firstNames} ${a.lastName}` })),
  };
}

export type AgentRequestView = NonNullable<Awaited<ReturnType<typeof openRequest>>>;

const assignSchema = z.object({ agentId: z.union([z.string().uuid(), z.literal("")]) });

/**
 * Gives the request to an agent of the commune who sees its theme, or to nobody (""). The version
 * is not bumped: who holds a file changes no decision a colleague is making on it.
 */
export async function assignRequest(actor: StaffActor, tenant: Tenant, numero: string, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || !isNumero(numero)) return { ok: false, message: REQUEST_NOT_FOUND };
  const parsed = assignSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Agent inconnu : choisissez dans la liste.", fieldErrors: { agentId: "Choisissez un agent dans la liste." } };
  const request = await db.request.findFirst({
    where: { ...visibleRequests(actor), numero },
    select: { id: true, procedure: { select: { theme: { select: { serviceId: true } } } } },
  });
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  const agentId = parsed.data.agentId || null;
  if (agentId) {
    const target = await db.agent.findFirst({
      where: { id: agentId, tenantId: actor.tenantId, active: true },
      select: { role: true, firstNames: true, lastName: true, services: { select: { serviceId: true } } },
    });
    const theme = { serviceId: request.procedure.theme?.serviceId ?? null };
    if (!target || !canSeeTheme({ role: target.role, serviceIds: target.services.map((s) => s.serviceId) }, theme)) {
      return { ok: false, message: "Cet agent ne peut pas instruire cette demande : choisissez un agent de son service.", fieldErrors: { agentId: "Choisissez un agent du service de cette démarche." } };
    }
  }
  await db.$transaction(async (tx) => {
    await tx.request.updateMany({ where: { ...visibleRequests(actor), id: request.id }, data: { assignedAgentId: agentId } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "demande.attribuer", target: { type: "Demande", id: numero }, ip, details: { agent: agentId } });
  });
  return { ok: true, message: agentId ? "Demande attribuée." : "La demande n'est plus attribuée." };
}

const noteSchema = z.object({
  text: z.string().trim().min(1, "Écrivez la note.").max(2000, "2 000 caractères au plus."),
});

/** An internal note on a request: read by the agents who see it, never by the citizen. */
export async function addInternalNote(actor: StaffActor, tenant: Tenant, numero: string, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || !isNumero(numero)) return { ok: false, message: REQUEST_NOT_FOUND };
  const parsed = noteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Certaines informations sont à corriger.", fieldErrors: fieldErrorsOf(parsed.error) };
  const request = await db.request.findFirst({ where: { ...visibleRequests(actor), numero }, select: { id: true } });
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  await db.$transaction(async (tx) => {
    await tx.requestNote.create({ data: { tenantId: actor.tenantId, requestId: request.id, agentId: actor.id, text: parsed.data.text } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "demande.note", target: { type: "Demande", id: numero }, ip });
  });
  return { ok: true, message: "Note interne enregistrée (jamais montrée au demandeur)." };
}
