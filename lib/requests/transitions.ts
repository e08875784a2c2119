import { isNumero } from "@/lib/requests/numbering";
import "server-only";
import { createHash } from "node:crypto";
import * as z from "zod";
import { noticeRoute, reachabilitySelect } from "@/lib/accounts/contact";
import { visibleRequests, type StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { attachmentProblems, detachUnused, MISSING_ATTACHMENT, uploadedIds } from "@/lib/attachments/attachments";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import type { Prisma, RequestStatus } from "@/lib/generated/prisma/client";
import { queueMessage, type Outgoing, type Tx } from "@/lib/notifications/outbox";
import { renderMessage } from "@/lib/notifications/render";
import type { TemplateData, TemplateName } from "@/lib/notifications/templates";
import { allFields, isRealDay, procedureDefinitionSchema, type ProcedureDefinition } from "@/lib/procedures/definition";
import type { Answers, FileAnswer } from "@/lib/procedures/form-schema";
import { contactEmail } from "@/lib/requests/anonymous";
import { ALL_STATUSES, allowedFrom, checkTransition, isFinal, WITHDRAW_MOTIF, type Transition } from "@/lib/requests/lifecycle";
import { statusLabel } from "@/lib/requests/status";
import type { Tenant } from "@/lib/tenancy/resolve";

// What happens to a request once sent: the agents' transitions, their free messages and planned
// reminders, and the citizen's two answers (« Compléter ma demande », « Retirer ma demande »).
// Who may do what comes from the lifecycle table (lib/requests/lifecycle). Each change names the
// version it was decided on; in one transaction it moves the request (the allowed from-states and
// the version in the `where`), writes the timeline event and queues the requester's notice, so a
// notice never goes out for a change that rolled back, nor a change stays without its event.

export const REQUEST_NOT_FOUND = "Demande introuvable.";
export const REQUEST_CONFLICT = "Cette demande a changé depuis votre lecture : rechargez la page.";
const UNREADABLE = "Demande illisible : rechargez la page.";
const TO_CORRECT = "Certaines informations sont à corriger.";

/** The status a page read and a change based on it: `version` is Request.version as read. */
export type ChangeResult = ActionResult<{ status: RequestStatus; version: number; notified: boolean }>;

// ─── Reading one sent request ────────────────────────────────────────────────────────────────

const requestSelect = {
  id: true, numero: true, status: true, version: true, accountId: true, answers: true,
  procedure: { select: { title: true } },
  form: { select: { definition: true } },
  account: { select: reachabilitySelect },
} satisfies Prisma.RequestSelect;

type Loaded = Prisma.RequestGetPayload<{ select: typeof requestSelect }>;

/** A sent request (never a draft) in this scope, or null. The scope always names the commune. */
function loadSent(numero: string, scope: Prisma.RequestWhereInput): Promise<Loaded | null> {
  if (typeof numero !== "string" || !isNumero(numero)) return Promise.resolve(null);
  return db.request.findFirst({ where: { ...scope, numero, status: { not: "BROUILLON" } }, select: requestSelect });
}

type Recipient = { channel: "EMAIL" | "SMS"; to: string; accountId: string | null };

/**
 * Where the requester's notices go: the channel the account holder chose (lib/accounts/contact),
 * or, for a request made without an account, the email typed in its form (as its acknowledgement
 * did). Null when there is nowhere to send: the event is still on the timeline.
 */
function recipientOf(request: Loaded, tenant: Pick<Tenant, "settings">): Recipient | null {
  if (request.accountId) {
    const route = request.account ? noticeRoute(request.account, tenant) : null;
    return route ? { ...route, accountId: request.accountId } : null;
  }
  const definition = procedureDefinitionSchema.parse(request.form.definition);
  const email = contactEmail(definition, request.answers as Answers)?.email;
  return email ? { channel: "EMAIL", to: email, accountId: null } : null;
}

const aboutOf = (request: Loaded) => ({ numero: request.numero!, title: request.procedure.title, anonymous: request.accountId === null });

/** The update lost a race: rolls the transaction back, answered as a conflict. */
class LostRace extends Error {}
/** The answer turned out wrong inside the transaction (a piece): rolls back, answered with these errors. */
class Refused extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("refused");
  }
}

function notAllowed(status: RequestStatus, to: RequestStatus): ChangeResult {
  return { ok: false, message: `Cette demande est « ${statusLabel(status)} » : elle ne peut pas passer à « ${statusLabel(to)} ». Rechargez la page pour voir les actions possibles.` };
}

/**
 * Moves the request from the status read to `transition.to`, in the caller's transaction: the
 * where clause holds the scope, the from-states of that very action and the version read. Writes
 * the event. Throws LostRace when another change came first.
 */
async function move(
  tx: Tx,
  request: Loaded,
  scope: Prisma.RequestWhereInput,
  transition: Transition,
  actor: { kind: "CITOYEN" | "AGENT"; id: string },
  event: { publicMessage?: string; internalNote?: string },
  data: Prisma.RequestUpdateManyMutationInput = {},
): Promise<number> {
  const updated = await tx.request.updateMany({
    where: { ...scope, id: request.id, numero: request.numero, status: { in: allowedFrom(transition.to, transition.by, transition.action) }, version: request.version },
    // A final status starts the démarche's retention (lib/requests/anonymize); reopening stops it.
    data: { ...data, status: transition.to, version: { increment: 1 }, closedAt: isFinal(transition.to) ? new Date() : null },
  });
  if (updated.count === 0) throw new LostRace();
  await tx.requestEvent.create({
    data: {
      requestId: request.id, actorKind: actor.kind, actorId: actor.id, fromStatus: request.status, toStatus: transition.to,
      publicMessage: event.publicMessage ?? null, internalNote: event.internalNote ?? null,
    },
  });
  return request.version + 1;
}

/** Runs a change; a lost race or an answer refused inside the transaction becomes its result. */
async function attempt(run: () => Promise<ChangeResult>): Promise<ChangeResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof LostRace) return { ok: false, message: REQUEST_CONFLICT };
    if (error instanceof Refused) return { ok: false, message: TO_CORRECT, fieldErrors: error.fieldErrors };
    throw error;
  }
}

// ─── Agents ──────────────────────────────────────────────────────────────────────────────────

const optionalText = (max: number) =>
  z.string().trim().max(max, `${max.toLocaleString("fr-FR")} caractères au plus.`).optional().transform((v) => v || undefined);

const statusChangeSchema = z.object({
  to: z.enum(ALL_STATUSES as [RequestStatus, ...RequestStatus[]]),
  version: z.number().int().min(0),
  /** Read by the transitions that need a message or take an optional one. */
  publicMessage: optionalText(2000),
  /** Only agents read it; never sent. */
  internalNote: optionalText(2000),
  /** Read by the transitions that need a motif (refuse, file, reopen). */
  motif: optionalText(1000),
});
export type StatusChangeInput = z.input<typeof statusChangeSchema>;

type Planned = { request: Loaded; transition: Transition; text: string | undefined; internalNote: string | undefined };

/**
 * Checks an agent's move before anything is written: the request is one they see (their commune,
 * their services), unchanged since `version`, the table allows the move from its status, and the
 * message or motif the move needs is there. Shared by the preview and the change itself.
 */
async function planChange(actor: StaffActor, tenant: Tenant, numero: string, input: unknown): Promise<{ ok: false; result: ChangeResult } | { ok: true; plan: Planned }> {
  const fail = (result: ChangeResult) => ({ ok: false as const, result });
  if (tenant.id !== actor.tenantId) return fail({ ok: false, message: REQUEST_NOT_FOUND });
  const parsed = statusChangeSchema.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    return fail(errors.to || errors.version ? { ok: false, message: UNREADABLE } : { ok: false, message: TO_CORRECT, fieldErrors: errors });
  }
  const { to, version, publicMessage, internalNote, motif } = parsed.data;
  const request = await loadSent(numero, visibleRequests(actor));
  if (!request) return fail({ ok: false, message: REQUEST_NOT_FOUND });
  if (request.version !== version) return fail({ ok: false, message: REQUEST_CONFLICT });
  const transition = checkTransition(request.status, to, "agent");
  if (!transition) return fail(notAllowed(request.status, to));

  // The needs depend on the move, hence on the status it starts from (« Rouvrir » needs a motif,
  // « Prendre en charge » nothing, though both lead to EN_COURS).
  if (transition.needs === "message" && !publicMessage) {
    return fail({ ok: false, message: TO_CORRECT, fieldErrors: { publicMessage: "Écrivez au demandeur ce qu'il doit fournir ou préciser : ce message lui est envoyé." } });
  }
  if (transition.needs === "motif" && !motif) {
    return fail({ ok: false, message: TO_CORRECT, fieldErrors: { motif: `Indiquez le motif (« ${transition.action} ») : il est communiqué au demandeur.` } });
  }
  // A motif is what the requester reads for the moves that need one; otherwise the message, if any.
  const text = transition.needs === "motif" ? motif : publicMessage;
  return { ok: true, plan: { request, transition, text, internalNote } };
}

/** What the requester would receive for a move, shown to the agent before they confirm it. */
export type NoticePreview = { channel: "EMAIL" | "SMS"; to: string; subject: string; text: string; /** A reminder's day and time. */ when?: string } | null;

/**
 * The notice an agent's move would send, rendered as the requester would read it, without changing
 * anything; null data when the requester has no confirmed contact (the move is still possible).
 */
export async function previewStatusChange(actor: StaffActor, tenant: Tenant, numero: string, input: unknown): Promise<ActionResult<{ notice: NoticePreview }>> {
  const checked = await planChange(actor, tenant, numero, input);
  if (!checked.ok) return checked.result.ok ? { ok: false } : checked.result;
  const { request, transition, text } = checked.plan;
  const recipient = recipientOf(request, tenant);
  if (!recipient) return { ok: true, data: { notice: null } };
  return { ok: true, data: { notice: await rendered(tenant, recipient, statusNotice(transition, aboutOf(request), text)) } };
}

async function rendered(tenant: Tenant, recipient: Recipient, notice: Notice): Promise<NoticePreview> {
  const message = await renderMessage(notice.template, notice.data as never, tenant, recipient.channel);
  return { channel: recipient.channel, to: recipient.to, subject: message.subject, text: message.text };
}

/**
 * What an information message (kind "information", input as sendInformation's) or a reminder
 * ("rappel", as scheduleReminder's) would send, rendered, without sending it; null data when the
 * requester has no confirmed contact.
 */
export async function previewMessage(actor: StaffActor, tenant: Tenant, numero: string, kind: "information" | "rappel", input: unknown): Promise<ActionResult<{ notice: NoticePreview }>> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: REQUEST_NOT_FOUND };
  const parsed = (kind === "information" ? informationSchema : reminderSchema).safeParse(input);
  if (!parsed.success) return { ok: false, message: TO_CORRECT, fieldErrors: fieldErrorsOf(parsed.error) };
  // A reminder is previewed with its sending time, checked as scheduleReminder checks it.
  let when: string | undefined;
  if ("date" in parsed.data) {
    const sendAt = wallClockInstant(parsed.data.date, parsed.data.time, tenant.settings.timezone);
    if (sendAt.getTime() <= Date.now()) return { ok: false, message: TO_CORRECT, fieldErrors: { date: "Choisissez une date et une heure à venir." } };
    when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: tenant.settings.timezone }).format(sendAt);
  }
  const request = await loadSent(numero, visibleRequests(actor));
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  const recipient = recipientOf(request, tenant);
  if (!recipient) return kind === "rappel" ? { ok: false, message: "Le demandeur n'a pas de contact confirmé : un rappel ne pourrait pas lui parvenir." } : { ok: true, data: { notice: null } };
  const { message } = parsed.data;
  const about = aboutOf(request);
  const preview = await rendered(tenant, recipient, kind === "information" ? notice("informationMairie", { ...about, message }) : notice("rappel", { ...about, message }));
  return { ok: true, data: { notice: preview && when ? { ...preview, when } : preview } };
}

/**
 * An agent moves a request they see to `to` (ARCHITECTURE §4), decided on `version`. The message or
 * motif the table asks for is required (French field errors on `publicMessage` or `motif`). Not
 * theirs to see, or unknown: « Demande introuvable. »; changed since it was read: the conflict
 * message; a move the table does not allow from its status: says so. Audited with the move.
 */
export async function changeStatus(actor: StaffActor, tenant: Tenant, numero: string, input: unknown, ip: string | null = null): Promise<ChangeResult> {
  const checked = await planChange(actor, tenant, numero, input);
  if (!checked.ok) return checked.result;
  const { request, transition, text, internalNote } = checked.plan;
  const scope = visibleRequests(actor);
  return attempt(() =>
    db.$transaction(async (tx) => {
      const next = await move(tx, request, scope, transition, { kind: "AGENT", id: actor.id }, { publicMessage: text, internalNote });
      const recipient = recipientOf(request, tenant);
      if (recipient) {
        const notice = statusNotice(transition, aboutOf(request), text);
        await queueMessage(tx, tenant, { ...recipient, requestId: request.id, key: `statut:${request.id}:${next}`, ...notice } as Outgoing<TemplateName>);
      }
      await audit(tx, actor, request, "demande.statut", ip, { action: transition.action, de: request.status, vers: transition.to });
      return { ok: true, message: `Demande ${request.numero} : ${statusLabel(transition.to)}.`, data: { status: transition.to, version: next, notified: recipient !== null } };
    }),
  );
}

type Notice = { template: TemplateName; data: unknown };
const notice = <N extends TemplateName>(template: N, data: TemplateData<N>): Notice => ({ template, data });

/** The requester's notice of an agent's move: which template, with what. */
function statusNotice(transition: Transition, about: ReturnType<typeof aboutOf>, text: string | undefined): Notice {
  switch (transition.to) {
    case "EN_COURS":
      return transition.needs === "motif" ? notice("demandeRouverte", { ...about, motif: text! }) : notice("demandeEnCours", { ...about, message: text });
    case "INCOMPLETE":
      return notice("demandeIncomplete", { ...about, message: text! });
    case "COMPLETE":
      return notice("demandeComplete", { ...about, message: text });
    case "ACCEPTEE":
      return notice("demandeAcceptee", { ...about, message: text });
    case "REFUSEE":
      return notice("demandeRefusee", { ...about, motif: text! });
    case "SANS_SUITE":
      return notice("demandeClassee", { ...about, motif: text! });
    default:
      // The table gives agents no other target; a new row there needs its notice here.
      throw new Error(`No notice for an agent's move to ${transition.to}`);
  }
}

/** The audit line of an agent's action on a request, in the transaction of that action. */
function audit(tx: Tx, actor: StaffActor, request: { id: string; numero: string | null }, action: string, ip: string | null, details: object = {}) {
  return recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action, target: { type: "Demande", id: request.numero ?? request.id }, ip, details });
}

const informationSchema = z.object({
  message: z.string().trim().min(1, "Écrivez le message à envoyer au demandeur.").max(2000, "2 000 caractères au plus."),
  /** The form's random key: the same form sent twice sends one message. */
  nonce: z.string().uuid().optional().catch(undefined),
});

/**
 * A free message from an agent about a request (« présentez-vous au guichet avec… »): sent to the
 * requester and kept on the timeline as an event whose from and to are the current status. We chose
 * the timeline over a separate table: the requester reads it on the request's page with the other
 * messages of the town hall, in order, and there is one place for « who said what, when ». Readers
 * tell it from a change by fromStatus === toStatus. The version is not bumped: a message changes
 * nothing an agent decides on, so it must not turn a colleague's decision into a conflict.
 */
export async function sendInformation(actor: StaffActor, tenant: Tenant, numero: string, input: unknown, ip: string | null = null): Promise<ChangeResult> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: REQUEST_NOT_FOUND };
  const parsed = informationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: TO_CORRECT, fieldErrors: fieldErrorsOf(parsed.error) };
  const request = await loadSent(numero, visibleRequests(actor));
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  const { message, nonce } = parsed.data;
  const sent = {
    ok: true as const, message: "Message envoyé au demandeur.", data: { status: request.status, version: request.version, notified: true },
  };

  return attempt(() =>
    db.$transaction(async (tx) => {
      // Touching the row locks it and checks the status is still the one the event will name.
      const still = await tx.request.updateMany({
        where: { id: request.id, tenantId: actor.tenantId, status: request.status },
        data: { updatedAt: new Date() },
      });
      if (still.count === 0) throw new LostRace();
      // The same form again (a double click, a retry): the row lock made it wait for the first.
      if (nonce && (await tx.message.count({ where: { idempotencyKey: `information:${request.id}:${nonce}` } }))) return sent;
      const event = await tx.requestEvent.create({
        data: { requestId: request.id, actorKind: "AGENT", actorId: actor.id, fromStatus: request.status, toStatus: request.status, publicMessage: message },
        select: { id: true },
      });
      const recipient = recipientOf(request, tenant);
      if (recipient) {
        await queueMessage(tx, tenant, {
          ...recipient, requestId: request.id, key: nonce ? `information:${request.id}:${nonce}` : `information:${event.id}`, template: "informationMairie", data: { ...aboutOf(request), message },
        });
      }
      await audit(tx, actor, request, "demande.message", ip);
      return {
        ok: true,
        message: recipient ? "Message envoyé au demandeur." : "Message enregistré sur la demande : le demandeur n'a pas de contact confirmé pour le recevoir.",
        data: { status: request.status, version: request.version, notified: recipient !== null },
      };
    }),
  );
}

const reminderSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date au format AAAA-MM-JJ.").refine(isRealDay, "Cette date n'existe pas dans le calendrier."),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Indiquez l'heure au format HH:MM (par exemple 09:00).").default("09:00"),
  message: z.string().trim().min(1, "Écrivez le texte du rappel.").max(500, "500 caractères au plus : un rappel se lit d'un coup d'œil."),
});

/**
 * Plans a reminder about a request (« sortez vos encombrants la veille du 12/03 »), sent by the
 * worker on `date` at `time` (09:00 by default), in the commune's time zone. Only a queued message
 * (its row names the request, so agents see it there); no timeline event, which would show the
 * citizen the reminder before its day. The same reminder planned twice is queued once.
 */
export async function scheduleReminder(
  actor: StaffActor,
  tenant: Tenant,
  numero: string,
  input: unknown,
  now = new Date(),
  ip: string | null = null,
): Promise<ActionResult<{ sendAt: Date }>> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: REQUEST_NOT_FOUND };
  const parsed = reminderSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: TO_CORRECT, fieldErrors: fieldErrorsOf(parsed.error) };
  const { date, time, message } = parsed.data;
  const sendAt = wallClockInstant(date, time, tenant.settings.timezone);
  if (sendAt.getTime() <= now.getTime()) {
    return { ok: false, message: TO_CORRECT, fieldErrors: { date: "Choisissez une date et une heure à venir." } };
  }
  const request = await loadSent(numero, visibleRequests(actor));
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  const recipient = recipientOf(request, tenant);
  if (!recipient) return { ok: false, message: "Le demandeur n'a pas de contact confirmé : un rappel ne pourrait pas lui parvenir." };

  const digest = createHash("sha256").update(message).digest("hex").slice(0, 16);
  await db.$transaction(async (tx) => {
    await queueMessage(tx, tenant, {
      ...recipient, requestId: request.id, sendAt, key: `rappel:${request.id}:${sendAt.getTime()}:${digest}`,
      template: "rappel", data: { ...aboutOf(request), message },
    });
    await audit(tx, actor, request, "demande.rappel", ip, { le: sendAt.toISOString() });
  });
  const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: tenant.settings.timezone }).format(sendAt);
  return { ok: true, message: `Rappel programmé pour le ${when}.`, data: { sendAt } };
}

/**
 * The instant at which the clocks of `timeZone` show this day and time. No date library: the zone's
 * offset is read from Intl at the guessed instant, then again at the result, which settles the days
 * the clocks change (a time skipped in spring comes out an hour later).
 */
export function wallClockInstant(day: string, time: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [h, min] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
  });
  const offsetAt = (instant: number) => {
    const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - instant;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

// ─── The citizen ─────────────────────────────────────────────────────────────────────────────

const pieceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("upload"), attachmentId: z.string().uuid(MISSING_ATTACHMENT) }),
  z.strictObject({ kind: z.literal("paper") }),
], { error: "Réponse illisible : choisissez de nouveau la pièce ou « Je la fournirai sur papier »." });

const complementSchema = z.object({
  version: z.number().int().min(0),
  message: z
    .string({ error: "Écrivez un message à la mairie : ce que vous apportez ou la réponse à sa question." })
    .trim()
    .min(1, "Écrivez un message à la mairie : ce que vous apportez ou la réponse à sa question.")
    .max(2000, "Votre message est trop long : 2 000 caractères au plus."),
  /** New answers to file fields of the form, by field name: a piece uploaded to this request, or « sur papier ». */
  pieces: z.record(z.string().max(100), pieceSchema).optional(),
});
export type CompleteRequestInput = z.input<typeof complementSchema>;

/**
 * « Compléter ma demande »: on one of the citizen's requests awaiting a complement (INCOMPLETE),
 * a message to the town hall and, if asked, pieces (uploaded to this request beforehand with
 * uploadAttachment, or « sur papier »), which replace the form's answers to those file fields.
 * The request goes back to EN_COURS; the citizen gets an acknowledgement and the town hall an email
 * at its contact address. Errors on pieces are keyed `pieces.<field name>`.
 */
export async function completeRequest(citizen: Citizen, tenant: Tenant, numero: string, input: unknown): Promise<ChangeResult> {
  if (tenant.id !== citizen.tenantId) return { ok: false, message: REQUEST_NOT_FOUND };
  const parsed = complementSchema.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    return errors.version ? { ok: false, message: UNREADABLE } : { ok: false, message: TO_CORRECT, fieldErrors: errors };
  }
  const { version, message } = parsed.data;
  const pieces = parsed.data.pieces ?? {};
  const scope = { tenantId: citizen.tenantId, accountId: citizen.id };
  const request = await loadSent(numero, scope);
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  if (request.version !== version) return { ok: false, message: REQUEST_CONFLICT };
  const transition = checkTransition(request.status, "EN_COURS", "citizen");
  if (!transition) {
    return { ok: false, message: `Cette demande n'attend pas de complément de votre part : elle est « ${statusLabel(request.status)} ».` };
  }

  const definition = procedureDefinitionSchema.parse(request.form.definition);
  const labels = fileFieldLabels(definition);
  const unknownFields = Object.keys(pieces).filter((name) => !labels.has(name));
  if (unknownFields.length) return { ok: false, message: UNREADABLE };
  const answers: Answers = { ...(request.answers as Answers), ...pieces };

  return attempt(() =>
    db.$transaction(async (tx) => {
      const next = await move(tx, request, scope, transition, { kind: "CITOYEN", id: citizen.id }, { publicMessage: message }, { answers: answers as Prisma.InputJsonValue });
      // Checked once the row is locked by the update: a piece named here is this request's, for that field.
      const problems = await attachmentProblems(tx, citizen, request.id, pieces, definition);
      if (Object.keys(problems).length) throw new Refused(Object.fromEntries(Object.entries(problems).map(([k, v]) => [`pieces.${k}`, v])));
      // Pieces replaced (or uploaded and then not used) are left for the sweep.
      await detachUnused(tx, citizen, request.id, uploadedIds(answers));

      const recipient = recipientOf(request, tenant);
      if (recipient) {
        await queueMessage(tx, tenant, { ...recipient, requestId: request.id, key: `statut:${request.id}:${next}`, template: "complementEnvoye", data: aboutOf(request) });
      }
      if (tenant.contactEmail) {
        // Not the citizen's message (accountId null): it is the town hall's copy, listed on the request for agents.
        await queueMessage(tx, tenant, {
          channel: "EMAIL", to: tenant.contactEmail, accountId: null, requestId: request.id, key: `complement:${request.id}:${next}`,
          template: "complementRecu",
          data: {
            numero: request.numero!, title: request.procedure.title, message,
            requester: `${citizen.firstNames} ${citizen.lastName} (${citizen.identifiant})`,
            pieces: Object.entries(pieces).map(([name, piece]) => `${labels.get(name)} (${pieceText(piece)})`),
          },
        });
      }
      return { ok: true, message: "Votre complément est envoyé à la mairie.", data: { status: transition.to, version: next, notified: recipient !== null } };
    }),
  );
}

const withdrawSchema = z.object({ version: z.number().int().min(0) });

/**
 * « Retirer ma demande » (after the page's confirmation): one of the citizen's requests, while
 * DEPOSEE, EN_COURS or INCOMPLETE, is filed without follow-up with the motif « Retirée par le
 * demandeur », and the citizen gets an acknowledgement.
 */
export async function withdrawRequest(citizen: Citizen, tenant: Tenant, numero: string, input: unknown): Promise<ChangeResult> {
  if (tenant.id !== citizen.tenantId) return { ok: false, message: REQUEST_NOT_FOUND };
  const parsed = withdrawSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: UNREADABLE };
  const scope = { tenantId: citizen.tenantId, accountId: citizen.id };
  const request = await loadSent(numero, scope);
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  if (request.version !== parsed.data.version) return { ok: false, message: REQUEST_CONFLICT };
  const transition = checkTransition(request.status, "SANS_SUITE", "citizen");
  if (!transition) return { ok: false, message: `Cette demande ne peut plus être retirée : elle est « ${statusLabel(request.status)} ».` };

  return attempt(() =>
    db.$transaction(async (tx) => {
      const next = await move(tx, request, scope, transition, { kind: "CITOYEN", id: citizen.id }, { publicMessage: transition.fixedMotif ?? WITHDRAW_MOTIF });
      const recipient = recipientOf(request, tenant);
      if (recipient) {
        await queueMessage(tx, tenant, { ...recipient, requestId: request.id, key: `statut:${request.id}:${next}`, template: "demandeRetiree", data: aboutOf(request) });
      }
      return { ok: true, message: `Votre demande ${request.numero} est retirée.`, data: { status: transition.to, version: next, notified: recipient !== null } };
    }),
  );
}

/** The file fields of a form, by name, with their labels. */
function fileFieldLabels(definition: ProcedureDefinition): Map<string, string> {
  return new Map(allFields(definition).flatMap((f) => (f.type === "file" ? [[f.name, f.label] as const] : [])));
}

const pieceText = (piece: FileAnswer) => (piece.kind === "upload" ? "fichier joint" : "fournie sur papier");
