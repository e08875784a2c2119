import "server-only";
import Stripe from "stripe";
import type { PaymentProvider } from "@/lib/billing/providers";
import { env } from "@/lib/env";

// Stripe Checkout on the régie's connected account. The platform's secret key comes from the
// environment; STRIPE_API_URL points the official client at another server (the tests' local one).

let client: { key: string; url: string | undefined; stripe: Stripe } | null = null;

export function stripeClient(): Stripe {
  if (!env.STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY manquant.");
  // One client per key and server (a test may point the configuration elsewhere between runs).
  if (client?.key !== env.STRIPE_SECRET_KEY || client.url !== env.STRIPE_API_URL) {
    const url = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null;
    const stripe = new Stripe(env.STRIPE_SECRET_KEY, {
      ...(url ? { host: url.hostname, port: Number(url.port || (url.protocol === "https:" ? 443 : 80)), protocol: url.protocol.replace(":", "") as "http" | "https" } : {}),
      maxNetworkRetries: 2,
      timeout: 15_000,
    });
    client = { key: env.STRIPE_SECRET_KEY, url: env.STRIPE_API_URL, stripe };
  }
  return client.stripe;
}

export const stripeProvider: PaymentProvider = {
  name: "STRIPE",
  async start({ paymentId, items, regie, returnUrl, idempotencyKey, expiresAt }) {
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: "payment",
        locale: "fr",
        client_reference_id: paymentId,
        metadata: { paymentId },
        line_items: items.map((item) => ({ quantity: 1, price_data: { currency: "eur", unit_amount: item.amountCents, product_data: { name: item.label } } })),
        success_url: `${returnUrl}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${returnUrl}?abandon=1`,
        // Stripe's shortest expiry is 30 minutes, the basket's lock too.
        expires_at: Math.max(Math.floor(expiresAt.getTime() / 1000), Math.floor(Date.now() / 1000) + 30 * 60 + 5),
      },
      { idempotencyKey, ...(regie.stripeAccountId ? { stripeAccount: regie.stripeAccountId } : {}) },
    );
    if (!session.url) throw new Error("Stripe n'a pas donné d'adresse de paiement.");
    return { providerRef: session.id, redirectUrl: session.url };
  },
  async lookup(providerRef, regie) {
    try {
      const session = await stripeClient().checkout.sessions.retrieve(providerRef, {}, regie.stripeAccountId ? { stripeAccount: regie.stripeAccountId } : {});
      if (session.payment_status === "paid" || session.payment_status === "no_payment_required") return "REUSSI";
      return session.status === "expired" ? "ABANDONNE" : "EN_COURS";
    } catch {
      return null;
    }
  },
};
