import "server-only";
import Stripe from "stripe";
import * as z from "zod";
import { settlePayment, type Outcome } from "@/lib/billing/payments";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

// Stripe's reports on Checkout sessions (POST /api/webhooks/stripe). The signature proves the
// event comes from Stripe; the payment is the one named by the session we created, and its end goes
// through settlePayment like every other report. Events may come twice, late or in any order:
// settlePayment decides from the payment's state (the first end wins, a success always counts),
// and the event id is recorded after the settlement, so a crash in between only means the replay
// settles again, which changes nothing.

/** The event as Stripe signed it, or null (no secret configured, no or bad signature). */
export function verifyStripeEvent(rawBody: string, signature: string | null): Stripe.Event | null {
  if (!env.STRIPE_WEBHOOK_SECRET || !signature) return null;
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch {
    return null;
  }
}

/** The events acted upon; Stripe may send others (an endpoint set to « all events »): ignored. */
const HANDLED = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);

/** What an event means for its payment; null: nothing yet (a bank transfer not yet received). */
function outcomeOf(event: Stripe.Event, session: Stripe.Checkout.Session): Outcome | null {
  switch (event.type) {
    case "checkout.session.completed":
      return session.payment_status === "paid" ? "REUSSI" : null;
    case "checkout.session.async_payment_succeeded":
      return "REUSSI";
    case "checkout.session.async_payment_failed":
      return "ECHOUE";
    case "checkout.session.expired":
      return "ABANDONNE";
    default:
      return null;
  }
}

export type WebhookResult = "handled" | "duplicate" | "ignored" | "unknown";

/**
 * Applies a verified event. Unscoped by design: Stripe calls one address for every commune, and
 * the payment is found by the id we put in its session (then checked against the session id and
 * the régie's connected account). Every answer but an error is final for Stripe (200): an event
 * for no payment of ours is logged, not retried.
 */
export async function unsafeHandleStripeEvent(event: Stripe.Event): Promise<WebhookResult> {
  if (!HANDLED.has(event.type)) return "ignored";
  if (await db.paymentEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return "duplicate";

  const session = event.data.object as Stripe.Checkout.Session;
  const named = session.metadata?.paymentId ?? session.client_reference_id;
  const paymentId = z.uuid().safeParse(named).success && (!session.client_reference_id || session.client_reference_id === named) ? named! : null;
  const payment = paymentId
    ? await db.payment.findUnique({ where: { id: paymentId }, select: { id: true, provider: true, providerRef: true, regie: { select: { stripeAccountId: true } } } })
    : null;
  const mismatch = !payment
    ? "paiement inconnu"
    : payment.provider !== "STRIPE"
      ? "paiement sans Stripe"
      : payment.providerRef && payment.providerRef !== session.id
        ? "session différente"
        : (event.account ?? null) !== payment.regie.stripeAccountId
          ? "compte connecté différent"
          : null;
  if (mismatch || !payment) {
    // Not recorded: once the configuration is fixed, Stripe's « resend » can still apply it.
    log("warn", "stripe.webhook.unknown", { event: event.id, type: event.type, session: session.id, account: event.account ?? null, why: mismatch });
    return "unknown";
  }

  const outcome = outcomeOf(event, session);
  if (outcome) await settlePayment(payment.id, outcome, `Stripe : ${event.type}`);
  try {
    await db.paymentEvent.create({ data: { id: event.id, provider: "STRIPE", type: event.type } });
  } catch (error) {
    // The same event delivered twice at once: the other delivery recorded it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
  log("info", "stripe.webhook", { event: event.id, type: event.type, payment: payment.id, outcome });
  return "handled";
}
