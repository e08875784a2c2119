import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { requireAgent } from "@/lib/agents/session";
import { listHosts } from "@/lib/commune/hosts";
import { changeHost } from "./actions";

export const metadata: Metadata = { title: "Adresses du portail" };

const DONE = { ajouter: "Adresse ajoutée : elle renvoie vers l'adresse principale.", principale: "Adresse principale changée : les liens des courriels l'utilisent désormais.", retirer: "Adresse retirée." } as const;

/** The hostnames the commune's portal answers on; the canonical one is used in emails and links. */
export default async function HostsPage({ searchParams }: { searchParams: Promise<{ fait?: string; erreur?: string; saisie?: string }> }) {
  const agent = await requireAgent("commune.configurer");
  const hosts = await listHosts(agent);
  const search = await searchParams;
  const done = DONE[search.fait as keyof typeof DONE];
  const error = typeof search.erreur === "string" ? search.erreur.slice(0, 300) : null;
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/parametres" className="text-brand underline">Paramètres</Link> › Adresses
      </nav>
      <h1 className="mt-2 text-3xl font-bold">Adresses du portail</h1>
      <p className="mt-2 text-slate-700">Le portail répond à chacune ; les autres renvoient vers l&apos;adresse principale, utilisée dans les courriels et les liens.</p>
      {done ? <ArrivalNotice tone="success">{done}</ArrivalNotice> : null}
      {error ? <ArrivalNotice tone="warning">{error}</ArrivalNotice> : null}
      <ul className="mt-6 space-y-3">
        {hosts.map((h) => (
          <li key={h.hostname} className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <span className="font-mono wrap-anywhere">{h.hostname}</span>
            {h.canonical ? <strong className="text-green-800">Adresse principale</strong> : (
              <>
                <form action={changeHost}>
                  <input type="hidden" name="acte" value="principale" />
                  <input type="hidden" name="hostname" value={h.hostname} />
                  <button type="submit" aria-label={`Rendre principale ${h.hostname}`} className="min-h-11 rounded border-2 border-brand px-3 text-sm font-semibold text-brand">Rendre principale</button>
                </form>
                <form action={changeHost}>
                  <input type="hidden" name="acte" value="retirer" />
                  <input type="hidden" name="hostname" value={h.hostname} />
                  <button type="submit" aria-label={`Retirer ${h.hostname}`} className="min-h-11 rounded px-3 text-sm font-semibold text-red-800 underline">Retirer</button>
                </form>
              </>
            )}
          </li>
        ))}
      </ul>
      <form action={changeHost} className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <input type="hidden" name="acte" value="ajouter" />
        <TextField id="nouvelle-adresse" name="hostname" label="Nouvelle adresse" hint="Par exemple demarches.ma-commune.fr ; son DNS doit pointer vers ce serveur." defaultValue={typeof search.saisie === "string" ? search.saisie.slice(0, 253) : ""} spellCheck={false} autoCapitalize="none" />
        <Button type="submit" className="mt-3">Ajouter l&apos;adresse</Button>
      </form>
    </div>
  );
}
