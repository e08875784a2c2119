import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { listQueue, queueQuery, readQueueFilters } from "@/lib/agents/queue";
import { requireAgent } from "@/lib/agents/session";
import { frenchDateTime, frenchDay } from "@/lib/procedures/answer-text";
import { STATUS_LABELS, statusLabel, type RequestStatus } from "@/lib/requests/status";
import { requireTenant } from "@/lib/tenancy/request";

export const metadata: Metadata = { title: "Demandes" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const STATUSES = (Object.keys(STATUS_LABELS) as RequestStatus[]).filter((s) => s !== "BROUILLON");

/**
 * The agents' queue: a plain GET form of filters (kept in the address, so a queue can be
 * bookmarked), a table whose first cell of each row is the request's link (Tab goes from one request
 * to the next), keyset pages, and the CSV export of what is shown.
 */
export default async function QueuePage({ searchParams }: { searchParams: Search }) {
  const tenant = await requireTenant();
  const agent = await requireAgent("demandes.voir");
  const filters = readQueueFilters(await searchParams);
  const { rows, next, agents, procedures, themes } = await listQueue(agent, tenant, filters);
  const filtered = Boolean(filters.statut || filters.demarche || filters.theme || filters.agent || filters.retard || filters.du || filters.au || filters.q);
  const here = queueQuery(filters);

  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Demandes</nav>
      <h1 className="mt-2 text-3xl font-bold">Demandes</h1>
      <form method="get" action="/admin/demandes" role="search" aria-label="Filtrer les demandes" className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          <TextField name="q" id="filtre-q" type="search" label="Numéro ou nom" hint="Par exemple : 000123, Bernard" defaultValue={filters.q ?? ""} />
          <SelectField name="statut" id="filtre-statut" label="Statut" defaultValue={filters.statut ?? ""}>
            <option value="">Tous</option>
            <option value="ouvertes">À traiter (non clôturées)</option>
            {STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
          </SelectField>
          <SelectField name="demarche" id="filtre-demarche" label="Démarche" defaultValue={filters.demarche ?? ""}>
            <option value="">Toutes</option>
            {procedures.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
          </SelectField>
          <SelectField name="theme" id="filtre-theme" label="Thème" defaultValue={filters.theme ?? ""}>
            <option value="">Tous</option>
            {themes.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
          </SelectField>
          <SelectField name="agent" id="filtre-agent" label="Attribuée à" defaultValue={filters.agent ?? ""}>
            <option value="">Tout le monde</option>
            <option value="moi">Moi</option>
            <option value="personne">Personne</option>
            {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </SelectField>
          <TextField name="du" id="filtre-du" type="date" label="Déposée à partir du" defaultValue={filters.du ?? ""} />
          <TextField name="au" id="filtre-au" type="date" label="Déposée jusqu'au" defaultValue={filters.au ?? ""} />
          <SelectField name="tri" id="filtre-tri" label="Ordre" defaultValue={filters.tri ?? "recentes"}>
            <option value="recentes">Récentes d&apos;abord</option>
            <option value="anciennes">Anciennes d&apos;abord</option>
          </SelectField>
        </div>
        <div className="mt-4 flex items-center gap-2">
          <input type="checkbox" id="filtre-retard" name="retard" value="1" defaultChecked={filters.retard === "1"} className="size-5" />
          <label htmlFor="filtre-retard">En retard seulement (délai annoncé dépassé)</label>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <Button type="submit">Filtrer</Button>
          {filtered ? <Link href="/admin/demandes" className="font-semibold text-brand underline">Effacer les filtres</Link> : null}
          <a href={`/admin/demandes/export${here ? `?${here}` : ""}`} className="font-semibold text-brand underline" download>Exporter ces demandes (CSV)</a>
        </div>
      </form>

      <h2 className="sr-only">Résultats</h2>
      {rows.length ? (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">Demandes, {filters.tri === "anciennes" ? "les plus anciennes" : "les plus récentes"} d&apos;abord</caption>
            <thead>
              <tr className="border-b-2 border-slate-300">
                <th scope="col" className="p-2">Numéro</th>
                <th scope="col" className="p-2">Démarche</th>
                <th scope="col" className="p-2">Demandeur</th>
                <th scope="col" className="p-2">Déposée le</th>
                <th scope="col" className="p-2">Statut</th>
                <th scope="col" className="p-2">Échéance</th>
                <th scope="col" className="p-2">Attribuée à</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.numero} className="border-b border-slate-200">
                  <td className="p-2 whitespace-nowrap"><Link href={`/admin/demandes/${r.numero}`} className="font-semibold text-brand underline">{r.numero}</Link></td>
                  <td className="p-2">{r.title}{r.theme ? <span className="block text-slate-600">{r.theme}</span> : null}</td>
                  <td className="p-2">{r.requester}</td>
                  <td className="p-2 whitespace-nowrap">{frenchDateTime(r.submittedAt)}</td>
                  <td className="p-2">{statusLabel(r.status)}</td>
                  <td className="p-2">{r.dueAt ? frenchDay(r.dueAt) : ""}{r.late ? <strong className="block text-red-800">En retard</strong> : null}</td>
                  <td className="p-2">{r.assignee ?? "Personne"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-6 text-slate-700" role="status">{filtered ? "Aucune demande ne correspond à ces filtres." : "Aucune demande pour le moment."}</p>
      )}
      <nav aria-label="Pages de résultats" className="mt-4 flex flex-wrap gap-4">
        {filters.apres ? <Link href={`/admin/demandes${here ? `?${here}` : ""}`} className="font-semibold text-brand underline">Revenir au début de la liste</Link> : null}
        {next ? <Link href={`/admin/demandes?${queueQuery(filters, { apres: next })}`} className="font-semibold text-brand underline">Demandes suivantes</Link> : null}
      </nav>
    </div>
  );
}
