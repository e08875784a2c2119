import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { requireAgent } from "@/lib/agents/session";
import { euroText } from "@/lib/billing/invoice-input";
import { listPayments, PAYMENT_STATUS_LABELS, paymentQuery, readPaymentFilters } from "@/lib/billing/invoices";
import { frenchDateTime } from "@/lib/procedures/answer-text";

export const metadata: Metadata = { title: "Paiements en ligne" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * The commune's card payments per régie, newest first, with their state, amount and invoices; a
 * payment flagged by its settlement (paid online for an invoice already paid at the counter) stands
 * out, and the list exports as CSV for the reconciliation.
 */
export default async function PaymentsPage({ searchParams }: { searchParams: Search }) {
  const agent = await requireAgent("factures.gerer");
  const filters = readPaymentFilters(await searchParams);
  const { rows, next, regies, flagged } = await listPayments(agent, filters);
  const filtered = Boolean(filters.regie || filters.statut || filters.signales);
  const here = paymentQuery(filters);

  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/factures" className="text-brand underline">Factures</Link> › Paiements
      </nav>
      <h1 className="mt-2 text-3xl font-bold">Paiements en ligne</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Chaque paiement par carte d&apos;un foyer, pour une régie : en cours tant que le paiement n&apos;est pas terminé (30 minutes au plus),
        puis réussi, échoué, abandonné ou expiré. Seul un paiement réussi marque ses factures payées.
      </p>
      {flagged ? (
        <Notice tone="warning" title={flagged > 1 ? `${flagged} paiements signalés, à examiner` : "Un paiement signalé, à examiner"}>
          <p>
            Un paiement est signalé quand il a abouti pour une facture déjà réglée (au guichet, par exemple) : remboursez le foyer ou
            imputez la somme. <Link href={`/admin/factures/paiements?${paymentQuery({ ...filters, signales: "1" })}`} className="font-semibold text-brand underline">Voir les paiements signalés</Link>
          </p>
        </Notice>
      ) : null}

      <form method="get" action="/admin/factures/paiements" role="search" aria-label="Filtrer les paiements" className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField name="regie" id="paiements-regie" label="Régie" defaultValue={filters.regie ?? ""}>
            <option value="">Toutes</option>
            {regies.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </SelectField>
          <SelectField name="statut" id="paiements-statut" label="État" defaultValue={filters.statut ?? ""}>
            <option value="">Tous</option>
            {Object.entries(PAYMENT_STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </SelectField>
        </div>
        <div className="mt-4 flex items-center gap-2">
          <input type="checkbox" id="paiements-signales" name="signales" value="1" defaultChecked={filters.signales === "1"} className="size-5" />
          <label htmlFor="paiements-signales">Signalés seulement</label>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <Button type="submit">Filtrer</Button>
          {filtered ? <Link href="/admin/factures/paiements" className="font-semibold text-brand underline">Effacer les filtres</Link> : null}
          <a href={`/admin/factures/paiements/export${here ? `?${here}` : ""}`} download className="font-semibold text-brand underline">Exporter ces paiements (CSV)</a>
        </div>
      </form>

      {rows.length ? (
        <div className="relative mt-6 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">Paiements, les plus récents d&apos;abord</caption>
            <thead>
              <tr className="border-b-2 border-slate-300">
                <th scope="col" className="p-2">Date</th>
                <th scope="col" className="p-2">Régie</th>
                <th scope="col" className="p-2">Titulaire</th>
                <th scope="col" className="p-2">Factures</th>
                <th scope="col" className="p-2">Montant</th>
                <th scope="col" className="p-2">État</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className={`border-b border-slate-200 align-top ${p.flag ? "bg-amber-50" : ""}`}>
                  <td className={`p-2 whitespace-nowrap ${p.flag ? "border-l-4 border-amber-600" : ""}`}>{frenchDateTime(p.createdAt)}</td>
                  <td className="p-2">{p.regie.name}</td>
                  <td className="p-2 wrap-anywhere">{p.account.identifiant}</td>
                  <td className="p-2">
                    {p.items.map((i, k) => (
                      <span key={i.invoice.id}>{k ? ", " : ""}<Link href={`/admin/factures/${i.invoice.id}`} className="text-brand underline">{i.invoice.number}</Link></span>
                    ))}
                  </td>
                  <td className="p-2 whitespace-nowrap">{euroText(p.amountCents)}</td>
                  <td className="p-2">
                    {PAYMENT_STATUS_LABELS[p.status]}
                    {p.completedAt ? <span className="block text-slate-600">le {frenchDateTime(p.completedAt)}</span> : null}
                    {p.flag ? <strong className="mt-1 block text-amber-900">Signalé : {p.flag}</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-6 text-slate-700" role="status">{filtered ? "Aucun paiement ne correspond à ces filtres." : "Aucun paiement en ligne pour le moment."}</p>
      )}
      <nav aria-label="Pages de paiements" className="mt-4 flex flex-wrap gap-4">
        {filters.apres ? <Link href={`/admin/factures/paiements${here ? `?${here}` : ""}`} className="font-semibold text-brand underline">Revenir au début de la liste</Link> : null}
        {next ? <Link href={`/admin/factures/paiements?${paymentQuery(filters, { apres: next })}`} className="font-semibold text-brand underline">Paiements suivants</Link> : null}
      </nav>
    </div>
  );
}
