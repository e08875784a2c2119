import { unsafeHandleStripeEvent, verifyStripeEvent } from "@/lib/billing/stripe-webhook";

// Stripe's reports on card payments, for every commune at one address (README « Paiement par
// carte »). No session and no commune here: the Stripe signature of the raw body is the lock.
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The signature covers the body byte for byte: read it as text, never parsed and re-serialized.
  const raw = await request.text();
  const event = verifyStripeEvent(raw, request.headers.get("stripe-signature"));
  if (!event) return Response.json({ error: "Signature invalide." }, { status: 400, headers: { "Cache-Control": "no-store" } });
  const result = await unsafeHandleStripeEvent(event);
  return Response.json({ received: true, result }, { headers: { "Cache-Control": "no-store" } });
}
