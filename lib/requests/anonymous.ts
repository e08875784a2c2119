import "server-only";
import { dueDate } from "@/lib/requests/status";
import * as z from "zod";
import { isHoneypotFilled, verifyCaptcha } from "@/lib/captcha/captcha";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fieldErrorsOf, minutesText, type ActionResult } from "@/lib/forms";
import { Prisma } from "@/lib/generated/prisma/client";
import { queueMessage } from "@/lib/notifications/outbox";
import { getProcedureForm } from "@/lib/procedures/catalogue";
import { allFields, procedureDefinitionSchema, type ProcedureDefinition } from "@/lib/procedures/definition";
import { buildAnswersSchema, visibleFields, type Answers } from "@/lib/procedures/form-schema";
import { nextNumero } from "@/lib/requests/numbering";
import { hashTrackingCode, newTrackingCode } from "@/lib/requests/tracking";
import { hitRateLimit } from "@/lib/security/rate-limit";
import type { Tenant } from "@/lib/tenancy/resolve";
import { tenantUrl } from "@/lib/tenancy/url";

// Démarches that need no account (the actes d'état civil): the form is sent in one go, with the
// captcha when the démarche asks for it. The requester gets the number and a tracking code, shown
// once on screen and sent by email; /suivi (lib/requests/tracking) shows the progress with both.

export const ANONYMOUS_RATE_LIMIT = "demande-sans-compte";
const HOUR_MS = 3_600_000;

const NOT_FOUND = "Cette démarche n'existe pas ou ne se fait pas sans compte.";
const UNREADABLE = "Votre demande n'a pas pu être lue. Rechargez la page et recommencez.";
const NOT_SAVED = "Votre demande n'a pas pu être enregistrée. Vérifiez vos réponses et réessayez.";
const INCOMPLETE = "Certaines réponses sont à compléter avant l'envoi.";

/**
 * What the wizard shows once the request is filed. `trackingCode` is null when the same form was
 * sent again (see submitAnonymous): the code then exists only in the email, at `email`, masked.
 */
export type AnonymousReceipt = { numero: string; trackingCode: string | null; email: string };

// The body the wizard posts. `altcha` and `website` are the captcha and the honeypot; any other
// key is tampering. `submissionKey` is a random UUID the wizard draws once per form.
const envelope = z.strictObject({
  procedure: z.string().min(1).max(100),
  answers: z.unknown(),
  altcha: z.unknown().optional(),
  website: z.unknown().optional(),
  submissionKey: z.string().uuid(),
});

/**
 * « Envoyer » of a démarche without an account. Order, as for sign-ups: the answers (user-fixable
 * errors, no cost), then the honeypot, then the captcha (a payload serves once: spent only on a
 * request that can go through), then the per-IP limit. Then, in one transaction: the number, the
 * request (DEPOSEE, no account), the first event of its timeline and the acknowledgement by email.
 *
 * Sent again with the same submissionKey (double click, retry after a network error, second tab),
 * it answers with the request already filed, before any other check: no second request, no second
 * captcha or rate-limit hit. The tracking code cannot be given again, since only its hash is kept;
 * the answer then says it was sent by email (to a masked address). We chose this over deriving
 * the code from the key: the key is chosen by the browser, so it must not become a way to read a
 * code, and a code drawn at random needs no secret that could leak or rotate.
 */
export async function submitAnonymous(tenant: Tenant, raw: unknown, address: string, now = new Date()): Promise<ActionResult<AnonymousReceipt>> {
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) return { ok: false, message: UNREADABLE };
  const { procedure: slug, answers, altcha, website, submissionKey } = parsed.data;

  const filed = await alreadyFiled(tenant, submissionKey);
  if (filed) return filed;

  const procedure = await getProcedureForm(tenant, slug);
  if (!procedure || procedure.requiresAccount) return { ok: false, message: NOT_FOUND };
  const { definition } = procedure;

  const checked = buildAnswersSchema(definition, "submit").safeParse(answers ?? {});
  if (!checked.success) return { ok: false, message: INCOMPLETE, fieldErrors: fieldErrorsOf(checked.error) };
  const errors = withoutAccountErrors(definition, checked.data);
  const contact = contactEmail(definition, checked.data);
  if (!contact) {
    // A démarche without an account must ask for an email (the back office should not publish one
    // that does not): without it, the code could not reach the requester.
    return { ok: false, message: "Cette démarche ne peut pas être envoyée en ligne pour le moment. Contactez la mairie." };
  }
  if (!contact.email) errors[contact.field] ??= "Indiquez votre adresse électronique : le numéro de votre demande et son code de suivi y seront envoyés.";
  if (Object.keys(errors).length) return { ok: false, message: INCOMPLETE, fieldErrors: errors };
  const email = contact.email!;

  // A robot that filled the hidden field learns nothing more than a person would.
  if (isHoneypotFilled(website)) return { ok: false, message: NOT_SAVED };

  if (procedure.captcha && !(await verifyCaptcha(altcha, now))) {
    // A second click with the same payload is refused as a replay: if the first has been filed
    // meanwhile, it is that click's answer.
    const twin = await alreadyFiled(tenant, submissionKey);
    if (twin) return twin;
    return {
      ok: false,
      message: "La vérification « Je ne suis pas un robot » n'a pas abouti.",
      fieldErrors: { altcha: "La vérification a expiré ou a déjà servi. Cochez de nouveau la case « Je ne suis pas un robot »." },
    };
  }

  const limit = await hitRateLimit(ANONYMOUS_RATE_LIMIT, address, env.ANONYMOUS_REQUESTS_PER_HOUR, HOUR_MS, now);
  if (!limit.allowed) {
    return {
      ok: false,
      message: `Trop de demandes ont été envoyées depuis votre connexion internet au cours de la dernière heure. Réessayez dans ${minutesText(limit.retryAfterSeconds)}, ou contactez la mairie.`,
    };
  }

  const trackingCode = newTrackingCode();
  const trackingHash = await hashTrackingCode(trackingCode); // Argon2: before the transaction, which stays short
  try {
    const numero = await db.$transaction(async (tx) => {
      const numero = await nextNumero(tx, tenant, now);
      const request = await tx.request.create({
        data: {
          tenantId: tenant.id, procedureId: procedure.procedureId, versionId: procedure.versionId, accountId: null,
          status: "DEPOSEE", numero, answers: checked.data as Prisma.InputJsonValue, submittedAt: now, dueAt: dueDate(now, procedure.processingDays),
          trackingHash, submissionKey,
        },
        select: { id: true },
      });
      // ActorKind has no value for an anonymous requester: CITOYEN without an actorId is exactly
      // that (a citizen, not an agent nor the system, with no account to name).
      await tx.requestEvent.create({ data: { requestId: request.id, actorKind: "CITOYEN", actorId: null, fromStatus: null, toStatus: "DEPOSEE", createdAt: now } });
      const followUrl = tenantUrl(tenant, followPath(numero, trackingCode));
      await queueMessage(tx, tenant, {
        channel: "EMAIL", to: email, accountId: null, requestId: request.id, template: "demandeSansCompteRecue", key: `demande-recue:${request.id}`,
        data: { numero, title: procedure.title, processingDays: procedure.processingDays, trackingCode, followUrl },
      });
      return numero;
    });
    return {
      ok: true,
      message: `Votre demande est envoyée sous le numéro ${numero}. Notez votre code de suivi : ${trackingCode}. Il vous est aussi envoyé par courriel.`,
      data: { numero, trackingCode, email },
    };
  } catch (error) {
    // Two sends of one form at the same moment: the unique (tenantId, submissionKey) let one in,
    // and rolled this one back with its number.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const twin = await alreadyFiled(tenant, submissionKey);
      if (twin) return twin;
    }
    throw error;
  }
}

/**
 * The follow-up link of the email. Number and code go in the fragment (after #), which browsers
 * never send: the code stays out of server and proxy logs and out of Referer headers; the /suivi
 * form reads it, removes it from the address bar and looks the request up at once.
 */
export function followPath(numero: string, trackingCode: string): string {
  return `/suivi#${new URLSearchParams({ numero, code: trackingCode }).toString()}`;
}

/** The request already filed with this form key, as the wizard's answer; null if none. */
async function alreadyFiled(tenant: Pick<Tenant, "id">, submissionKey: string): Promise<ActionResult<AnonymousReceipt> | null> {
  const request = await db.request.findFirst({
    where: { tenantId: tenant.id, submissionKey, accountId: null },
    select: { numero: true, answers: true, form: { select: { definition: true } } },
  });
  if (!request?.numero) return null;
  const email = contactEmail(procedureDefinitionSchema.parse(request.form.definition), request.answers as Answers)?.email;
  const masked = email ? maskEmail(email) : "";
  return {
    ok: true,
    message: `Cette demande est déjà enregistrée sous le numéro ${request.numero}. Son code de suivi a été envoyé par courriel${masked ? ` à ${masked}` : ""}.`,
    data: { numero: request.numero, trackingCode: null, email: masked },
  };
}

/** The first email question shown, and its answer: where the acknowledgement and the code go. */
export function contactEmail(definition: ProcedureDefinition, answers: Answers): { field: string; email: string | undefined } | null {
  const field = visibleFields(definition, answers).find((f) => f.type === "email");
  if (!field) return null;
  const value = Object.hasOwn(answers, field.name) ? answers[field.name] : undefined;
  return { field: field.name, email: typeof value === "string" && value ? value : undefined };
}

/** Answers only an account can give: an uploaded piece (uploads belong to an account) or a member of a household. */
function withoutAccountErrors(definition: ProcedureDefinition, answers: Answers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of allFields(definition)) {
    if (!Object.hasOwn(answers, field.name)) continue;
    const value = answers[field.name] as { kind?: unknown } | undefined;
    if (field.type === "file" && value?.kind !== "paper") {
      errors[field.name] = "Sans compte, les pièces ne se déposent pas en ligne : cochez « Je la fournirai sur papier » et remettez-la à la mairie.";
    }
    if (field.type === "member") errors[field.name] = "Cette question ne se remplit qu'avec un compte : laissez-la vide.";
  }
  return errors;
}

/** "camille.martin@exemple.fr" → "c…@exemple.fr": enough to recognise one's own address, not to learn someone else's. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at > 0 ? `${email[0]}…${email.slice(at)}` : "…";
}
