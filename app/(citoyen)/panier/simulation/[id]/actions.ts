"use server";

import { notFound, redirect } from "next/navigation";
import { guarded } from "@/lib/actions";
import { requireCitizen } from "@/lib/auth/session";
import { paymentOf, settlePayment, type Outcome } from "@/lib/billing/payments";
import { env } from "@/lib/env";
import { requireTenant } from "@/lib/tenancy/request";

const OUTCOMES: Record<string, Outcome> = { payer: "REUSSI", refuser: "ECHOUE", abandonner: "ABANDONNE" };

/**
 * The simulated card form's three buttons: they end the payment through the same path as a
 * verified Stripe report. Only for the citizen's own simulated payment, where simulation is allowed.
 */
export async function simulateAction(formData: FormData): Promise<void> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/panier");
  const id = String(formData.get("paiement") ?? "").slice(0, 40);
  const act = String(formData.get("acte") ?? "");
  const payment = await paymentOf(citizen, id);
  if (!env.paymentSimulation || !payment || payment.provider !== "SIMULATION" || !Object.hasOwn(OUTCOMES, act)) notFound();
  await guarded("payment simulation", tenant, async () => {
    await settlePayment(payment.id, OUTCOMES[act]!, "simulation");
    return { ok: true };
  });
  redirect(`/panier/retour/${payment.id}`);
}
