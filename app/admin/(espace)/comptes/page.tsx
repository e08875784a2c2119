import type { Metadata } from "next";
import Link from "next/link";
import { listPendingAccounts } from "@/lib/agents/accounts";
import { requireAgent } from "@/lib/agents/session";
import { frenchDateTime } from "@/lib/procedures/answer-text";

export const metadata: Metadata = { title: "Comptes à valider" };

export default async function PendingAccountsPage() {
  const agent = await requireAgent("comptes.voir");
  const accounts = await listPendingAccounts(agent);
  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Comptes à valider</nav>
      <h1 className="mt-2 text-3xl font-bold">Comptes à valider</h1>
      <p className="mt-2"><Link href="/admin/comptes/nouveau" className="font-semibold text-brand underline">Créer un compte au guichet</Link> pour une personne venue à la mairie.</p>
      {accounts.length ? (
        <table className="mt-6 w-full border-collapse bg-white text-left">
          <caption className="sr-only">Comptes en attente de validation, les plus anciens d&apos;abord</caption>
          <thead>
            <tr className="border-b-2 border-slate-300">
              <th scope="col" className="p-2">Titulaire</th>
              <th scope="col" className="p-2">Identifiant</th>
              <th scope="col" className="p-2">Commune de résidence</th>
              <th scope="col" className="p-2">Créé le</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} className="border-b border-slate-200">
                <td className="p-2">
                  <Link href={`/admin/comptes/${a.id}`} className="font-semibold text-brand underline">
                    {a.firstNames} {a.usageName || a.birthName}
                  </Link>
                </td>
                <td className="p-2">{a.identifiant}</td>
                <td className="p-2">{a.city}</td>
                <td className="p-2">{frenchDateTime(a.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-6">Aucun compte n&apos;attend de validation.</p>
      )}
    </div>
  );
}
