import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { requireAgent } from "@/lib/agents/session";
import { DOMAIN_WORDS, euroText } from "@/lib/billing/invoice-input";
import { INVOICE_STATUS_LABELS, invoiceForAgent, PAYMENT_STATUS_LABELS } from "@/lib/billing/invoices";
import { frenchDateTime, frenchDay } from "@/lib/procedures/answer-text";
import { markPaid } from "../actions";

export const metadata: Metadata = { title: "Facture" };

const OUTCOMES = {
  "payee-guichet": ["success", "Facture marquée payée au guichet. Elle ne peut plus être payée en ligne."],
  "deja-reglee": ["warning", "Cette facture n'était plus à payer (réglée ou annulée entre-temps) : rien n'a été changé."],
} as const;

/**
 * One invoice of the commune: what it bills, its state, the card payments that included it, and,
 * while unpaid, the confirmation of a payment at the counter.
 */
export default async function InvoicePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ fait?: string }> }) {
  const agent = await requireAgent("factures.gerer");
  const invoice = await invoiceForAgent(agent, (await params).id);
  if (!invoice) notFound();
  const outcome = OUTCOMES[(await searchParams).fait as keyof typeof OUTCOMES];
  const holder = [invoice.account.firstNames, invoice.account.usageName ?? invoice.account.birthName].join(" ");
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/factures" className="text-brand underline">Factures</Link> › {invoice.number}
      </nav>
      <h1 className="mt-2 text-3xl font-bold wrap-anywhere">Facture {invoice.number}</h1>
      {outcome ? <ArrivalNotice tone={outcome[0]}>{outcome[1]}</ArrivalNotice> : null}
      <dl className="mt-4 grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Régie</dt><dd>{invoice.regie.name}</dd>
        <dt className="font-semibold">Titulaire</dt>
        <dd className="wrap-anywhere">{holder} (<Link href={`/admin/comptes/${invoice.account.id}`} className="text-brand underline">{invoice.account.identifiant}</Link>)</dd>
        <dt className="font-semibold">Objet</dt><dd>{invoice.label}</dd>
        <dt className="font-semibold">Domaine</dt><dd>{DOMAIN_WORDS[invoice.domain]}</dd>
        {invoice.period ? <><dt className="font-semibold">Période</dt><dd>{invoice.period}</dd></> : null}
        <dt className="font-semibold">Montant</dt><dd>{euroText(invoice.amountCents)}</dd>
        <dt className="font-semibold">Émise le</dt><dd>{frenchDay(invoice.issuedAt)}</dd>
        <dt className="font-semibold">Échéance</dt><dd>{frenchDay(invoice.dueAt)}</dd>
        <dt className="font-semibold">État</dt>
        <dd>
          <strong>{INVOICE_STATUS_LABELS[invoice.status]}</strong>
          {invoice.status === "PAYEE" && invoice.paidAt ? <> {invoice.paidVia === "GUICHET" ? "au guichet" : "en ligne"}, le {frenchDateTime(invoice.paidAt)}</> : null}
          {invoice.status === "A_PAYER" && invoice.basketItem ? <span className="block text-slate-600">Dans le panier du foyer.</span> : null}
        </dd>
      </dl>

      {invoice.lines.length ? (
        <div className="relative mt-6 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="text-left text-xl font-bold">Détail</caption>
            <thead>
              <tr className="border-b-2 border-slate-300">
                <th scope="col" className="p-2">Libellé</th>
                <th scope="col" className="p-2">Quantité</th>
                <th scope="col" className="p-2">Prix unitaire</th>
                <th scope="col" className="p-2">Total</th>
              </tr>
            </thead>
            <tbody>
              {invoice.lines.map((l, i) => (
                <tr key={i} className="border-b border-slate-200">
                  <td className="p-2">{l.label}</td>
                  <td className="p-2">{l.quantity.toLocaleString("fr-FR")}</td>
                  <td className="p-2 whitespace-nowrap">{euroText(l.unitCents)}</td>
                  <td className="p-2 whitespace-nowrap">{euroText(l.totalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <section aria-labelledby="paiements" className="mt-6">
        <h2 id="paiements" className="text-xl font-bold">Paiements en ligne</h2>
        {invoice.paymentItems.length ? (
          <ul className="mt-2 space-y-2">
            {invoice.paymentItems.map(({ payment }) => (
              <li key={payment.id} className={`rounded border p-3 ${payment.flag ? "border-amber-600 bg-amber-50" : "border-slate-200 bg-white"}`}>
                {frenchDateTime(payment.createdAt)} : <strong>{PAYMENT_STATUS_LABELS[payment.status]}</strong>
                {payment.completedAt ? <> (terminé le {frenchDateTime(payment.completedAt)})</> : null}
                {payment.flag ? <strong className="mt-1 block text-amber-900">Signalé : {payment.flag}</strong> : null}
              </li>
            ))}
          </ul>
        ) : <p className="mt-2 text-slate-700">Aucun paiement en ligne n&apos;a été tenté pour cette facture.</p>}
      </section>

      {invoice.status === "A_PAYER" ? (
        <section id="guichet" aria-labelledby="guichet-titre" className="mt-6 rounded-lg border-2 border-brand bg-white p-5">
          <h2 id="guichet-titre" className="text-xl font-bold">Paiement au guichet</h2>
          <p className="mt-2">
            Confirmez seulement une fois les {euroText(invoice.amountCents)} encaissés pour cette facture. Elle passera « Payée » (au guichet,
            aujourd&apos;hui) et quittera le panier du foyer.
          </p>
          {invoice.payingOnline ? (
            <Notice tone="warning" title="Un paiement en ligne de cette facture est en cours">
              S&apos;il aboutit, il sera signalé dans les paiements pour que la somme soit remboursée ou imputée.
            </Notice>
          ) : null}
          <form action={markPaid} className="mt-4 flex flex-wrap items-center gap-4">
            <input type="hidden" name="id" value={invoice.id} />
            <Button type="submit">Confirmer le paiement au guichet</Button>
            <Link href="/admin/factures" className="font-semibold text-brand underline">Annuler</Link>
          </form>
        </section>
      ) : null}
    </div>
  );
}
