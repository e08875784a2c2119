"use server";

import { redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { requireCitizen } from "@/lib/auth/session";
import { removeFromBasket } from "@/lib/billing/basket";
import { startPayment } from "@/lib/billing/payments";
import { requireTenant } from "@/lib/tenancy/request";

/** « Retirer » an invoice from the basket. */
export async function removeAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const citizen = await requireCitizen("/panier");
  const result = await guarded("basket remove", tenant, () => removeFromBasket(citizen, formText(formData, "facture", 40)));
  redirect(`/panier?${result.ok ? "retrait=ok" : "erreur=retrait"}`);
}

/** « Payer »: to the provider's card form (the simulation page, or Stripe's). */
export async function payAction(): Promise<void> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/panier");
  const result = await guarded("payment start", tenant, () => startPayment(citizen, tenant));
  if (!result.ok) redirect(`/panier?erreur=${result.message?.startsWith("Un paiement") ? "en-cours" : result.message?.startsWith("Votre panier est vide") ? "vide" : "paiement"}`);
  redirect(result.data.redirectUrl);
}
