import type { Metadata } from "next";
import Link from "next/link";
import { listCatalogue } from "@/lib/procedures/catalogue";
import { requireTenant } from "@/lib/tenancy/request";
import { inSentence } from "@/lib/text";

export const metadata: Metadata = { title: "Services" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ServicesPage({ searchParams }: { searchParams: Search }) {
  const tenant = await requireTenant();
  const { q } = await searchParams;
  const search = typeof q === "string" ? q.slice(0, 100) : "";
  const themes = await listCatalogue(tenant, search);
  const count = themes.reduce((n, t) => n + t.procedures.length, 0);

  return (
    <div>
      <h1 className="text-3xl font-bold">Services</h1>
      <p className="mt-2 text-slate-700">Les démarches en ligne de la {inSentence(tenant.officialName)}, par thème.</p>

      <form method="get" role="search" aria-label="Recherche dans le catalogue" className="mt-6 flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor="q" className="block font-semibold">Chercher une démarche</label>
          <input id="q" name="q" type="search" defaultValue={search} className="mt-1 w-full rounded border border-slate-500 bg-white px-3 py-2" />
        </div>
        <button type="submit" className="min-h-11 rounded bg-brand px-5 py-2 font-semibold text-white">Chercher</button>
      </form>
      {search ? (
        <p className="mt-3" role="status">
          {count === 0 ? `Aucune démarche ne correspond à « ${search} ».` : `${count} démarche${count > 1 ? "s" : ""} pour « ${search} ».`}{" "}
          <Link href="/services" className="text-brand underline">Voir toutes les démarches</Link>
        </p>
      ) : null}

      {themes.map((theme) => (
        <section key={theme.slug} aria-labelledby={`theme-${theme.slug}`} className="mt-8">
          <h2 id={`theme-${theme.slug}`} className="border-b-2 border-brand pb-1 text-2xl font-bold">{theme.title}</h2>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2">
            {theme.procedures.map((p) => (
              <li key={p.slug} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
                <h3 className="text-lg font-semibold">
                  <Link href={`/services/${p.slug}`} className="text-brand underline">{p.title}</Link>
                </h3>
                <p className="mt-1 text-slate-700">{p.summary}</p>
                <p className="mt-2 text-sm text-slate-700">
                  {p.requiresAccount ? "Avec votre compte" : "Sans compte"} · réponse sous {p.processingDays} jours environ
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
