import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { can } from "@/lib/agents/permissions";
import { requireAgent } from "@/lib/agents/session";
import { DOMAIN_WORDS, euroText, INVOICE_COLUMNS } from "@/lib/billing/invoice-input";
import { INVOICE_STATUS_LABELS, invoiceQuery, listInvoices, readInvoiceFilters } from "@/lib/billing/invoices";
import { frenchDay } from "@/lib/procedures/answer-text";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Factures" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const OUTCOMES = {
  introuvable: ["warning", "Cette facture n'existe pas ou n'est pas une facture de votre commune."],
  erreur: ["warning", "La facture n'a pas pu être marquée payée à cause d'un incident technique. Réessayez dans un instant."],
} as const;

/**
 * The commune's invoices for its agents: filters kept in the address, keyset pages, each row with
 * its régie and, while unpaid, the way to « Marquer payée au guichet » (confirmed on the invoice's
 * page). Admins also import the billing software's CSV file here.
 */
export default async function InvoicesPage({ searchParams }: { searchParams: Search }) {
  const agent = await requireAgent("factures.gerer");
  const search = await searchParams;
  const filters = readInvoiceFilters(search);
  const { rows, next, regies } = await listInvoices(agent, filters);
  const filtered = Boolean(filters.regie || filters.statut || filters.q);
  const here = invoiceQuery(filters);
  const outcome = OUTCOMES[search.fait as keyof typeof OUTCOMES];

  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Factures</nav>
      <h1 className="mt-2 text-3xl font-bold">Factures</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Les factures publiées par le logiciel de facturation, que les foyers voient dans « Mes comptes » une fois leur compte validé.{" "}
        <Link href="/admin/factures/paiements" className="font-semibold text-brand underline">Paiements en ligne par régie</Link>
      </p>
      {outcome ? <ArrivalNotice tone={outcome[0]}>{outcome[1]}</ArrivalNotice> : null}

      {can(agent.role, "factures.importer") ? (
        <section aria-labelledby="importer" className="mt-6 max-w-3xl rounded-lg border-2 border-brand bg-white p-5">
          <h2 id="importer" className="text-xl font-bold">Importer des factures</h2>
          <p className="mt-2 text-slate-700">
            La première ligne du fichier nomme les colonnes : <code className="wrap-anywhere">{INVOICE_COLUMNS.join(";")}</code>. Le titulaire est
            désigné par l&apos;identifiant de son compte (prénom.nom), la régie par son nom ; le domaine est scolaire, périscolaire, petite
            enfance ou CCAS ; le montant en euros (48,60) ; les dates au format AAAA-MM-JJ ou JJ/MM/AAAA. Une facture déjà importée (même
            régie, même numéro) n&apos;est ni dupliquée ni modifiée : un fichier peut être importé deux fois sans risque.
          </p>
          <p className="mt-2"><a href="/admin/factures/modele" download className="font-semibold text-brand underline">Télécharger le modèle de fichier (CSV)</a></p>
          <ImportForm />
        </section>
      ) : null}

      <h2 className="mt-8 text-2xl font-bold">Factures de la commune</h2>
      <form method="get" action="/admin/factures" role="search" aria-label="Filtrer les factures" className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField name="q" id="filtre-q" type="search" label="Numéro ou identifiant" hint="Par exemple : F-2026, lucie.bernard" defaultValue={filters.q ?? ""} />
          <SelectField name="regie" id="filtre-regie" label="Régie" defaultValue={filters.regie ?? ""}>
            <option value="">Toutes</option>
            {regies.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </SelectField>
          <SelectField name="statut" id="filtre-statut" label="État" defaultValue={filters.statut ?? ""}>
            <option value="">Tous</option>
            {Object.entries(INVOICE_STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </SelectField>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <Button type="submit">Filtrer</Button>
          {filtered ? <Link href="/admin/factures" className="font-semibold text-brand underline">Effacer les filtres</Link> : null}
        </div>
      </form>

      {rows.length ? (
        <div className="relative mt-6 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">Factures, les plus récemment importées d&apos;abord</caption>
            <thead>
              <tr className="border-b-2 border-slate-300">
                <th scope="col" className="p-2">Numéro</th>
                <th scope="col" className="p-2">Régie</th>
                <th scope="col" className="p-2">Titulaire</th>
                <th scope="col" className="p-2">Objet</th>
                <th scope="col" className="p-2">Montant</th>
                <th scope="col" className="p-2">Échéance</th>
                <th scope="col" className="p-2">État</th>
                <th scope="col" className="p-2"><span className="sr-only">Action</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-200 align-top">
                  <td className="p-2 whitespace-nowrap"><Link href={`/admin/factures/${r.id}`} className="font-semibold text-brand underline">{r.number}</Link></td>
                  <td className="p-2">{r.regie.name}</td>
                  <td className="p-2 wrap-anywhere">{r.account.identifiant}</td>
                  <td className="p-2">{r.label}<span className="block text-slate-600">{DOMAIN_WORDS[r.domain]}{r.period ? `, ${r.period}` : ""}</span></td>
                  <td className="p-2 whitespace-nowrap">{euroText(r.amountCents)}</td>
                  <td className="p-2 whitespace-nowrap">{frenchDay(r.dueAt)}</td>
                  <td className="p-2">
                    {INVOICE_STATUS_LABELS[r.status]}
                    {r.status === "PAYEE" && r.paidAt ? <span className="block text-slate-600">{r.paidVia === "GUICHET" ? "au guichet" : "en ligne"}, le {frenchDay(r.paidAt)}</span> : null}
                    {r.status === "A_PAYER" && r.payingOnline ? <span className="block text-slate-600">paiement en ligne en cours</span> : null}
                  </td>
                  <td className="p-2">
                    {r.status === "A_PAYER" ? (
                      <Link href={`/admin/factures/${r.id}#guichet`} className="font-semibold text-brand underline">
                        Marquer payée au guichet<span className="sr-only"> : facture {r.number}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-6 text-slate-700" role="status">{filtered ? "Aucune facture ne correspond à ces filtres." : "Aucune facture pour le moment."}</p>
      )}
      <nav aria-label="Pages de factures" className="mt-4 flex flex-wrap gap-4">
        {filters.apres ? <Link href={`/admin/factures${here ? `?${here}` : ""}`} className="font-semibold text-brand underline">Revenir au début de la liste</Link> : null}
        {next ? <Link href={`/admin/factures?${invoiceQuery(filters, { apres: next })}`} className="font-semibold text-brand underline">Factures suivantes</Link> : null}
      </nav>
    </div>
  );
}
