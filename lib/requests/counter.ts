import "server-only";
import * as z from "zod";
import { noticeRoute, reachabilitySelect } from "@/lib/accounts/contact";
import { SERVED_ACCOUNT } from "@/lib/accounts/counter";
import { getAccount } from "@/lib/accounts/profile";
import { canSeeTheme } from "@/lib/agents/permissions";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueMessage } from "@/lib/notifications/outbox";
import { getProcedureForm } from "@/lib/procedures/catalogue";
import { allFields } from "@/lib/procedures/definition";
import { buildAnswersSchema, type Answers } from "@/lib/procedures/form-schema";
import { accountFacts, prefill } from "@/lib/procedures/prefill";
import { memberOfAnswers } from "@/lib/requests/drafts";
import { nextNumero } from "@/lib/requests/numbering";
import { dueDate } from "@/lib/requests/status";
import type { Tenant } from "@/lib/tenancy/resolve";

// A démarche entered at the counter: an agent fills it in for a person of the commune who came to
// the town hall, with them. It is the person's request (their account, their household, their
// notices); it records who entered it (« saisie au guichet par … »). Pieces are handed over on
// paper: the agent ticks them « reçue » on the request's page.

/** The démarches an agent may enter for a person: those needing an account, of the agent's services. */
export async function counterProcedures(actor: StaffActor) {
  const rows = await db.procedure.findMany({
    where: { tenantId: actor.tenantId, published: true, requiresAccount: true },
    orderBy: { title: "asc" },
    select: { slug: true, title: true, theme: { select: { serviceId: true } } },
  });
  return rows.filter((p) => canSeeTheme(actor, { serviceId: p.theme?.serviceId ?? null })).map(({ slug, title }) => ({ slug, title }));
}

/** The person's account and the démarche's form, pre-filled from the account; null when either is not the agent's to use. */
export async function openCounterForm(actor: StaffActor, tenant: Tenant, accountId: string, slug: string) {
  if (tenant.id !== actor.tenantId || !z.string().uuid().safeParse(accountId).success) return null;
  const [account, procedure] = await Promise.all([
    db.account.findFirst({ where: { id: accountId, tenantId: actor.tenantId, status: SERVED_ACCOUNT }, select: { id: true } }).then((a) => (a ? getAccount({ id: a.id, tenantId: actor.tenantId }) : null)),
    usableProcedure(actor, tenant, slug),
  ]);
  if (!account || !procedure) return null;
  const facts = accountFacts(account);
  return { account: { id: accountId, identifiant: account.identifiant, name: `${account.firstNames} ${account.usageName || account.birthName}` }, procedure, facts, initialAnswers: prefill(procedure.definition, {}, facts) };
}

async function usableProcedure(actor: StaffActor, tenant: Tenant, slug: string) {
  const procedure = await getProcedureForm(tenant, slug);
  if (!procedure?.requiresAccount) return null;
  const theme = await db.procedure.findFirst({ where: { id: procedure.procedureId, tenantId: actor.tenantId }, select: { theme: { select: { serviceId: true } } } });
  return canSeeTheme(actor, { serviceId: theme?.theme?.serviceId ?? null }) ? procedure : null;
}

const NOT_FOUND = "Ce compte ou cette démarche n'est pas disponible au guichet.";

/**
 * Files the request for the person at once (no draft): the answers checked as the online form's,
 * every piece « sur papier », the number given, the timeline started by the agent, the person's
 * acknowledgement queued by their channel, the act audited; all in one transaction.
 */
export async function submitAtCounter(
  actor: StaffActor,
  tenant: Tenant,
  accountId: string,
  slug: string,
  answers: unknown,
  ip: string | null = null,
  /** The form's random key: sent twice (double click, retry after a lost answer), it files one request. */
  submissionKey: string | null = null,
): Promise<ActionResult<{ numero: string }>> {
  const key = submissionKey && z.string().uuid().safeParse(submissionKey).success ? submissionKey : null;
  if (key) {
    const already = await db.request.findFirst({ where: { tenantId: actor.tenantId, submissionKey: key, accountId }, select: { numero: true } });
    if (already?.numero) return { ok: true, message: `Demande ${already.numero} enregistrée.`, data: { numero: already.numero } };
  }
  const form = await openCounterForm(actor, tenant, accountId, slug);
  if (!form) return { ok: false, message: NOT_FOUND };
  const { procedure } = form;
  const checked = buildAnswersSchema(procedure.definition, "submit").safeParse(answers);
  if (!checked.success) return { ok: false, message: "Certaines réponses sont à compléter.", fieldErrors: fieldErrorsOf(checked.error) };
  const data = checked.data as Answers;
  // Nothing is uploaded at the counter: a piece is handed over.
  const uploaded = allFields(procedure.definition).filter((f) => f.type === "file" && (data[f.name] as { kind?: string } | undefined)?.kind === "upload");
  if (uploaded.length) return { ok: false, message: "Au guichet, les pièces sont remises sur papier.", fieldErrors: Object.fromEntries(uploaded.map((f) => [f.name, "Choisissez « sur papier »."])) };
  const member = await memberOfAnswers({ id: accountId, tenantId: actor.tenantId }, procedure.definition, data);
  if (!member.ok) return { ok: false, message: "Certaines réponses sont à compléter.", fieldErrors: member.fieldErrors };

  const file = () => db.$transaction(async (tx) => {
    const now = new Date();
    const numero = await nextNumero(tx, tenant, now);
    const request = await tx.request.create({
      data: {
        tenantId: actor.tenantId, procedureId: procedure.procedureId, versionId: procedure.versionId, accountId, memberId: member.memberId,
        status: "DEPOSEE", numero, answers: data as Prisma.InputJsonValue, submittedAt: now, dueAt: dueDate(now, procedure.processingDays),
        enteredByAgentId: actor.id, version: 1, submissionKey: key,
      },
      select: { id: true },
    });
    await tx.requestEvent.create({ data: { requestId: request.id, actorKind: "AGENT", actorId: actor.id, fromStatus: "BROUILLON", toStatus: "DEPOSEE", publicMessage: "Demande saisie au guichet de la mairie avec vous." } });
    const route = noticeRoute(await tx.account.findFirstOrThrow({ where: { id: accountId, tenantId: actor.tenantId }, select: reachabilitySelect }), tenant);
    if (route) {
      await queueMessage(tx, tenant, {
        ...route, accountId, requestId: request.id, template: "demandeRecue", key: `demande-recue:${request.id}`,
        data: { numero, title: procedure.title, processingDays: procedure.processingDays },
      });
    }
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "demande.guichet", target: { type: "Demande", id: numero }, ip, details: { compte: accountId } });
    return numero;
  });
  let numero: string;
  try {
    numero = await file();
  } catch (error) {
    // The same form, sent twice at once: the other submission filed it.
    if (!(key && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const twin = await db.request.findFirst({ where: { tenantId: actor.tenantId, submissionKey: key, accountId }, select: { numero: true } });
    if (!twin?.numero) throw error;
    numero = twin.numero;
  }
  return { ok: true, message: `Demande ${numero} enregistrée.`, data: { numero } };
}
