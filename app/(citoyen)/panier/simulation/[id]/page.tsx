import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireCitizen } from "@/lib/auth/session";
import { paymentOf } from "@/lib/billing/payments";
import { euroText } from "@/lib/billing/invoice-input";
import { env } from "@/lib/env";
import { simulateAction } from "./actions";

export const metadata: Metadata = { title: "Paiement par carte (simulation)" };

/** The local page standing for the card form when no payment provider is configured (demo, tests). */
export default async function SimulationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const citizen = await requireCitizen(`/panier/simulation/${id}`);
  const payment = await paymentOf(citizen, id);
  if (!env.paymentSimulation || !payment || payment.provider !== "SIMULATION") notFound();
  if (payment.status !== "EN_COURS") redirect(`/panier/retour/${payment.id}`);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">Paiement par carte</h1>
      <p className="mt-2 rounded border-l-4 border-amber-600 bg-amber-50 p-3 text-slate-800">
        Simulation : aucune carte n&apos;est débitée. En service, cette page est celle du prestataire de paiement de la mairie.
      </p>
      <section aria-labelledby="montant" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="montant" className="text-xl font-bold">{payment.regie.name} : {euroText(payment.amountCents)}</h2>
        <ul className="mt-2 list-disc pl-5 text-slate-700">
          {payment.items.map((item) => <li key={item.invoice.number}>Facture n° {item.invoice.number} : {item.invoice.label} ({euroText(item.amountCents)})</li>)}
        </ul>
        <div className="mt-5 flex flex-wrap gap-3">
          {[["payer", "Payer", "bg-brand text-white"], ["refuser", "Refuser", "border-2 border-red-700 text-red-800"], ["abandonner", "Abandonner", "border-2 border-slate-500 text-slate-800"]].map(([act, label, style]) => (
            <form key={act} action={simulateAction}>
              <input type="hidden" name="paiement" value={payment.id} />
              <input type="hidden" name="acte" value={act} />
              <SubmitButton className={`min-h-11 rounded px-5 font-semibold disabled:opacity-60 ${style}`}>{label}</SubmitButton>
            </form>
          ))}
        </div>
      </section>
    </div>
  );
}
