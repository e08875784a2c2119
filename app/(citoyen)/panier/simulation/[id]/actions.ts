"use server";

import { notFound, redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { requireCitizen } from "@/lib/auth/session";
import { paymentOf, settlePayment, type Outcome } from "@/lib/billing/payments";
import { env } from "@/lib/env";
import { requireTenant } from "@/lib/tenancy/request";
import * as z from "zod";

const OUTCOMES = { payer: "REUSSI", refuser: "ECHOUE", abandonner: "ABANDONNE" } as const satisfies Record<string, Outcome>;
const ACT = z.enum(["payer", "refuser", "abandonner"]);

/**
 * The simulated card form's three buttons: they end the payment through the same path as a
 * verified Stripe report. Only for the citizen's own simulated payment, where simulation is allowed.
 */
export async function simulateAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const citizen = await requireCitizen("/panier");
  const id = formText(formData, "paiement", 40);
  const act = ACT.safeParse(formData.get("acte"));
  const payment = await paymentOf(citizen, id);
  if (!env.paymentSimulation || !payment || payment.provider !== "SIMULATION" || !act.success) notFound();
  await guarded("payment simulation", tenant, async () => {
    await settlePayment(payment.id, OUTCOMES[act.data], "simulation");
    return { ok: true };
  });
  redirect(`/panier/retour/${payment.id}`);
}
