import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { requireCitizen } from "@/lib/auth/session";
import { refreshFromProvider } from "@/lib/billing/payments";
import { euroText } from "@/lib/billing/invoice-input";

export const metadata: Metadata = { title: "Votre paiement" };
export const dynamic = "force-dynamic";

/**
 * Back from the card form. The address proves nothing: the page shows the state recorded from the
 * provider's verified report, and asks the provider itself when that report is late.
 */
export default async function ReturnPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const citizen = await requireCitizen(`/panier/retour/${id}`);
  const payment = await refreshFromProvider(citizen, id);
  if (!payment) notFound();
  const invoices = payment.items.map((i) => `n° ${i.invoice.number} (${i.invoice.label})`).join(", ");
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">Votre paiement</h1>
      {payment.status === "REUSSI" ? (
        <Notice tone="success" title={`Paiement réussi : ${euroText(payment.amountCents)}`}>
          Factures réglées : {invoices}. Un reçu vous est envoyé ; chaque reçu se télécharge aussi depuis « Consulter votre relevé ».
        </Notice>
      ) : payment.status === "EN_COURS" ? (
        <Notice tone="info" title="Paiement en cours de confirmation">
          Le prestataire de paiement n&apos;a pas encore confirmé votre paiement. <Link href={`/panier/retour/${payment.id}`} className="font-semibold underline">Actualiser</Link> dans un instant ; vos factures restent réservées jusqu&apos;à la réponse.
        </Notice>
      ) : (
        <Notice tone="warning" title={payment.status === "ECHOUE" ? "Paiement refusé" : payment.status === "EXPIRE" ? "Paiement expiré" : "Paiement abandonné"}>
          Aucune somme n&apos;a été prélevée. Vos factures sont de nouveau dans votre panier : vous pouvez réessayer quand vous voulez.
        </Notice>
      )}
      <div className="mt-6 flex flex-wrap gap-3">
        <ButtonLink href="/mes-comptes">Mes comptes</ButtonLink>
        {payment.status !== "REUSSI" ? <ButtonLink href="/panier" variant="secondary">Accéder à votre panier</ButtonLink> : null}
      </div>
    </div>
  );
}
