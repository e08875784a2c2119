import type { Metadata } from "next";
import Link from "next/link";
import { RequestList } from "@/components/request-list";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { requireCitizen } from "@/lib/auth/session";
import { listHistory, readFilters, type HistoryFilters } from "@/lib/requests/history";
import { STATUS_FILTERS } from "@/lib/requests/status";

export const metadata: Metadata = { title: "Mes demandes" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** « Mes demandes »: the whole history, filtered by a plain GET form (the filters live in the address). */
export default async function RequestsPage({ searchParams }: { searchParams: Search }) {
  const citizen = await requireCitizen("/demandes");
  const filters = readFilters(await searchParams);
  const { requests, next, members, procedures } = await listHistory(citizen, filters);
  const filtered = Boolean(filters.statut || filters.demarche || filters.pour || filters.du || filters.au || filters.q);
  const nextHref = next ? `/demandes?${query({ ...filters, apres: next })}` : null;

  return (
    <div>
      <h1 className="text-3xl font-bold">Mes demandes</h1>
      <form method="get" action="/demandes" role="search" aria-label="Filtrer mes demandes" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField name="statut" id="filtre-statut" label="Avancement" defaultValue={filters.statut ?? ""}>
            <option value="">Toutes</option>
            {Object.entries(STATUS_FILTERS).map(([value, f]) => <option key={value} value={value}>{f.label}</option>)}
          </SelectField>
          <SelectField name="demarche" id="filtre-demarche" label="Démarche" defaultValue={filters.demarche ?? ""}>
            <option value="">Toutes</option>
            {procedures.map((p) => <option key={p.slug} value={p.slug}>{p.title}</option>)}
          </SelectField>
          <SelectField name="pour" id="filtre-pour" label="Personne concernée" defaultValue={filters.pour ?? ""}>
            <option value="">Tout le foyer</option>
            {members.map((m) => <option key={m.id} value={m.id}>{m.firstNames} {m.lastName}</option>)}
          </SelectField>
          <TextField name="du" id="filtre-du" type="date" label="Envoyée à partir du" defaultValue={filters.du ?? ""} />
          <TextField name="au" id="filtre-au" type="date" label="Envoyée jusqu'au" defaultValue={filters.au ?? ""} />
          <TextField name="q" id="filtre-q" type="search" label="Numéro ou démarche" hint="Par exemple : 000123, encombrants" defaultValue={filters.q ?? ""} />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <Button type="submit">Filtrer</Button>
          {filtered ? <Link href="/demandes" className="font-semibold text-brand underline">Effacer les filtres</Link> : null}
        </div>
      </form>

      <h2 className="sr-only">Résultats</h2>
      {requests.length ? (
        <RequestList requests={requests} />
      ) : (
        <p className="mt-6 text-slate-700" role="status">
          {filtered ? "Aucune demande ne correspond à ces filtres." : "Vous n'avez encore envoyé aucune demande. Chaque demande envoyée apparaîtra ici avec son avancement."}
        </p>
      )}
      <nav aria-label="Pages de résultats" className="mt-4 flex flex-wrap gap-4">
        {filters.apres ? <Link href={`/demandes?${query({ ...filters, apres: undefined })}`} className="font-semibold text-brand underline">Revenir aux plus récentes</Link> : null}
        {nextHref ? <Link href={nextHref} className="font-semibold text-brand underline">Demandes plus anciennes</Link> : null}
      </nav>
      <p className="mt-6"><Link href="/services" className="font-semibold text-brand underline">Faire une démarche en ligne</Link></p>
    </div>
  );
}

function query(filters: HistoryFilters): string {
  return new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")).toString();
}
