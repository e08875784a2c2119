"use server";

import { redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded } from "@/lib/actions";
import { requireCitizen } from "@/lib/auth/session";
import { addToBasket } from "@/lib/billing/basket";
import { requireTenant } from "@/lib/tenancy/request";

/** « Ajouter au panier »: the answer comes back in the page's address (a plain form, no script needed). */
export async function addToBasketAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const citizen = await requireCitizen("/mes-comptes");
  const invoiceId = formText(formData, "facture", 40);
  const result = await guarded("basket add", tenant, () => addToBasket(citizen, invoiceId));
  if (result.ok) redirect(`/mes-comptes?ajout=ok#a-payer`);
  // Why it was refused, recomputed by the page from the basket (never text carried in the address).
  const why = "reason" in result && typeof result.reason === "string" ? result.reason : "";
  const code = !why ? "introuvable" : why.startsWith("Cette facture est déjà") ? "deja" : why.startsWith("Un paiement") ? "paiement" : "regie";
  redirect(`/mes-comptes?refus=${code}&facture=${encodeURIComponent(invoiceId)}#a-payer`);
}
