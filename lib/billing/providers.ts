import "server-only";
import { env } from "@/lib/env";
import type { PaymentProviderName } from "@/lib/generated/prisma/enums";

// How a payment is taken: one small interface, one implementation per provider, chosen per régie
// (Regie.provider). Amounts always come from the database (lib/billing/payments), never from a form.
// Every provider ends a payment through the same path, settlePayment (lib/billing/payments): the
// Stripe webhook once its signature is verified, the simulation page directly.

export type CheckoutInput = {
  paymentId: string;
  amountCents: number;
  /** What the card form lists (invoice numbers and labels). */
  items: { label: string; amountCents: number }[];
  regie: { name: string; stripeAccountId: string | null };
  /** Where the provider sends the person back (our return page, which trusts only the database). */
  returnUrl: string;
  /** One key per payment: a retried creation never makes a second checkout. */
  idempotencyKey: string;
  expiresAt: Date;
};

/** A provider's word on a payment, for a return page whose webhook is late. */
export type ProviderState = "REUSSI" | "EN_COURS" | "ABANDONNE";

export type PaymentProvider = {
  name: PaymentProviderName;
  /** Creates the provider's checkout; returns its reference and where to send the person. */
  start(input: CheckoutInput): Promise<{ providerRef: string; redirectUrl: string }>;
  /** Asks the provider how a checkout ended (null when it cannot tell). */
  lookup(providerRef: string, regie: { stripeAccountId: string | null }): Promise<ProviderState | null>;
};

/** The local page that stands for the card form (« Payer », « Refuser », « Abandonner »). */
export const simulationProvider: PaymentProvider = {
  name: "SIMULATION",
  async start({ paymentId }) {
    return { providerRef: `sim_${paymentId}`, redirectUrl: `/panier/simulation/${paymentId}` };
  },
  async lookup() {
    return null;
  },
};

/**
 * The provider of a régie: Stripe when the régie is set to it and the platform has a key; the
 * simulation otherwise, where it is allowed (not in production unless PAYMENT_SIMULATION=1).
 * Null: this régie cannot take card payments here.
 */
export async function providerFor(regie: { provider: PaymentProviderName; stripeAccountId: string | null }): Promise<PaymentProvider | null> {
  if (regie.provider === "STRIPE" && regie.stripeAccountId && env.STRIPE_SECRET_KEY) {
    const { stripeProvider } = await import("@/lib/billing/stripe");
    return stripeProvider;
  }
  return env.paymentSimulation ? simulationProvider : null;
}
