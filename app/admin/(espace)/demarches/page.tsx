import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireAgent } from "@/lib/agents/session";
import { builderCatalogue } from "@/lib/procedures/builder";
import { duplicateProcedureAction, moveThemeAction } from "./actions";
import { NewProcedureForm, ThemeForm } from "./catalogue-forms";

export const metadata: Metadata = { title: "Démarches de la commune" };

const OUTCOMES = {
  "theme-ajoute": ["success", "Thème ajouté."],
  "theme-renomme": ["success", "Thème renommé."],
  "theme-deplace": ["success", "Ordre des thèmes enregistré."],
  introuvable: ["warning", "Cet élément n'existe plus : la page est à jour."],
} as const;

/** The builder's home: themes in the catalogue's order, each with its démarches, published or not. */
export default async function BuilderHomePage({ searchParams }: { searchParams: Promise<{ fait?: string }> }) {
  const agent = await requireAgent("commune.configurer");
  const themes = await builderCatalogue(agent);
  const fait = (await searchParams).fait ?? "";
  const outcome = Object.hasOwn(OUTCOMES, fait) ? OUTCOMES[fait as keyof typeof OUTCOMES] : undefined;
  return (
    <div className="max-w-4xl">
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Démarches</nav>
      <h1 className="mt-2 text-3xl font-bold">Démarches de la commune</h1>
      <p className="mt-2 text-slate-700">Les thèmes et les démarches dans l&apos;ordre du <Link href="/services" className="text-brand underline">catalogue des services</Link>. Une démarche n&apos;y paraît qu&apos;une fois publiée.</p>
      {outcome ? <ArrivalNotice tone={outcome[0]}>{outcome[1]}</ArrivalNotice> : null}

      <section aria-labelledby="nouvelle" className="mt-6 rounded-lg border-2 border-brand bg-white p-5">
        <h2 id="nouvelle" className="text-xl font-bold">Nouvelle démarche</h2>
        <NewProcedureForm themes={themes.map(({ id, title }) => ({ id, title }))} />
      </section>

      <h2 id="themes" tabIndex={-1} className="mt-8 text-2xl font-bold outline-none">Thèmes et démarches</h2>
      <ol className="mt-3 space-y-4">
        {themes.map((theme, i) => (
          <li key={theme.id} id={`theme-${theme.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="mr-auto text-xl font-bold">{theme.title}</h3>
              {i > 0 ? <MoveTheme id={theme.id} act="haut" label={`Monter le thème « ${theme.title} »`} text="Monter" /> : null}
              {i < themes.length - 1 ? <MoveTheme id={theme.id} act="bas" label={`Descendre le thème « ${theme.title} »`} text="Descendre" /> : null}
            </div>
            <details className="mt-1">
              <summary className="cursor-pointer text-sm font-semibold text-brand underline">Renommer le thème « {theme.title} »</summary>
              <ThemeForm theme={{ id: theme.id, title: theme.title }} />
            </details>
            {theme.procedures.length ? (
              <ul className="mt-3 divide-y divide-slate-200">
                {theme.procedures.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3">
                    <Link href={`/admin/demarches/${p.id}`} className="font-semibold text-brand underline">{p.title}</Link>
                    <span className="text-sm text-slate-700">
                      {p.published ? `En ligne, version ${p.version}` : p.version ? `Retirée du catalogue (version ${p.version})` : "Jamais publiée"}
                      {p.pendingChanges && p.version ? " · modifications non publiées" : ""}
                    </span>
                    <form action={duplicateProcedureAction} className="ml-auto">
                      <input type="hidden" name="id" value={p.id} />
                      <SubmitButton aria-label={`Dupliquer « ${p.title} »`} className="min-h-11 rounded border-2 border-brand px-3 text-sm font-semibold text-brand">Dupliquer</SubmitButton>
                    </form>
                  </li>
                ))}
              </ul>
            ) : <p className="mt-3 text-slate-700">Aucune démarche dans ce thème.</p>}
          </li>
        ))}
      </ol>

      <section aria-labelledby="nouveau-theme" className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="nouveau-theme" className="text-xl font-bold">Ajouter un thème</h2>
        <ThemeForm />
      </section>
    </div>
  );
}

function MoveTheme({ id, act, label, text }: { id: string; act: "haut" | "bas"; label: string; text: string }) {
  return (
    <form action={moveThemeAction}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="acte" value={act} />
      <SubmitButton aria-label={label} className="min-h-11 rounded border-2 border-brand px-3 text-sm font-semibold text-brand">{text}</SubmitButton>
    </form>
  );
}
