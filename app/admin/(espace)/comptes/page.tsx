import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { ACCOUNT_FILTERS, listAccounts } from "@/lib/agents/accounts";
import { requireAgent } from "@/lib/agents/session";
import { frenchDateTime } from "@/lib/procedures/answer-text";

export const metadata: Metadata = { title: "Comptes" };

const STATUS_TEXT = { EN_ATTENTE: "À valider", VALIDE: "Validé", REFUSE: "Refusé", SUPPRIME: "Supprimé" } as const;

/** The commune's accounts: those awaiting validation first, or any, searched (a plain GET form). */
export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ statut?: string; q?: string }> }) {
  const agent = await requireAgent("comptes.voir");
  const search = await searchParams;
  const { statut, q, accounts } = await listAccounts(agent, { statut: typeof search.statut === "string" ? search.statut : undefined, q: typeof search.q === "string" ? search.q : undefined });
  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Comptes</nav>
      <h1 className="mt-2 text-3xl font-bold">{statut === "EN_ATTENTE" && !q ? "Comptes à valider" : "Comptes"}</h1>
      <p className="mt-2"><Link href="/admin/comptes/nouveau" className="font-semibold text-brand underline">Créer un compte au guichet</Link> pour une personne venue à la mairie.</p>
      <form method="get" action="/admin/comptes" role="search" aria-label="Filtrer les comptes" className="mt-4 flex flex-wrap items-end gap-4">
        <TextField name="q" id="comptes-q" type="search" label="Nom, identifiant ou courriel" defaultValue={q ?? ""} />
        <SelectField name="statut" id="comptes-statut" label="Comptes" defaultValue={statut}>
          {Object.entries(ACCOUNT_FILTERS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </SelectField>
        <Button type="submit">Filtrer</Button>
      </form>
      {accounts.length ? (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left">
            <caption className="sr-only">{statut === "EN_ATTENTE" ? "Comptes en attente de validation, les plus anciens d'abord" : statut === "SUPPRESSION" ? "Comptes dont le titulaire demande la suppression, les demandes les plus anciennes d'abord" : "Comptes, les plus récents d'abord"}</caption>
            <thead>
              <tr className="border-b-2 border-slate-300">
                <th scope="col" className="p-2">Titulaire</th>
                <th scope="col" className="p-2">Identifiant</th>
                <th scope="col" className="p-2">État</th>
                <th scope="col" className="p-2">Commune de résidence</th>
                <th scope="col" className="p-2">Créé le</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} className="border-b border-slate-200">
                  <td className="p-2">
                    <Link href={`/admin/comptes/${a.id}`} className="font-semibold text-brand underline">{a.firstNames} {a.usageName || a.birthName}</Link>
                  </td>
                  <td className="p-2">{a.identifiant}</td>
                  <td className="p-2">{STATUS_TEXT[a.status]}{a.deletionRequestedAt && a.status !== "SUPPRIME" ? <strong className="block text-red-800">Suppression demandée</strong> : null}</td>
                  <td className="p-2">{a.city}</td>
                  <td className="p-2">{frenchDateTime(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-6" role="status">{q ? "Aucun compte ne correspond à cette recherche." : statut === "EN_ATTENTE" ? "Aucun compte n'attend de validation." : statut === "SUPPRESSION" ? "Aucune demande de suppression en attente." : "Aucun compte."}</p>
      )}
    </div>
  );
}
