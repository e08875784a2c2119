import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { requireAgent } from "@/lib/agents/session";
import { faqForAdmin } from "@/lib/commune/faq";
import { arrangeFaq } from "./actions";
import { FaqForm } from "./faq-form";

export const metadata: Metadata = { title: "Questions fréquentes : modifier" };

const OUTCOMES = {
  ajoutee: ["success", "Question ajoutée : elle est en ligne."],
  enregistree: ["success", "Question enregistrée : la page publique est à jour."],
  deplacee: ["success", "Ordre enregistré."],
  supprimee: ["success", "Question supprimée."],
  introuvable: ["warning", "Cette question n'existe plus (supprimée par un collègue ?)."],
} as const;

/** The commune's FAQ for its admins: each entry editable, movable with buttons (keyboard), removable. */
export default async function FaqEditorPage({ searchParams }: { searchParams: Promise<{ resultat?: string }> }) {
  const agent = await requireAgent("commune.configurer");
  const entries = await faqForAdmin(agent);
  const sections = [...new Set(entries.map((e) => e.section))];
  const outcome = OUTCOMES[(await searchParams).resultat as keyof typeof OUTCOMES];
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/parametres" className="text-brand underline">Paramètres</Link> › Questions fréquentes
      </nav>
      <h1 className="mt-2 text-3xl font-bold">Questions fréquentes</h1>
      <p className="mt-2 text-slate-700">Telles qu&apos;elles paraissent sur la page <Link href="/faq" className="text-brand underline">Questions fréquentes</Link> du portail, dans cet ordre.</p>
      {outcome ? <ArrivalNotice tone={outcome[0]}>{outcome[1]}</ArrivalNotice> : null}

      <section aria-labelledby="ajouter" className="mt-6 rounded-lg border-2 border-brand bg-white p-5">
        <h2 id="ajouter" className="text-xl font-bold">Ajouter une question</h2>
        <FaqForm sections={sections} />
      </section>

      <h2 id="questions" tabIndex={-1} className="mt-8 text-2xl font-bold outline-none">Les {entries.length} questions</h2>
      <ol className="mt-3 space-y-3">
        {entries.map((entry, i) => (
          <li key={entry.id} id={`q-${entry.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="text-sm text-slate-700">{entry.section}</p>
            <details>
              <summary className="cursor-pointer font-semibold text-brand">{entry.question}</summary>
              <FaqForm entry={entry} sections={sections} />
            </details>
            <div className="mt-2 flex flex-wrap gap-2">
              {i > 0 ? <MoveButton id={entry.id} act="haut" label={`Monter « ${entry.question} »`} text="Monter" /> : null}
              {i < entries.length - 1 ? <MoveButton id={entry.id} act="bas" label={`Descendre « ${entry.question} »`} text="Descendre" /> : null}
              <details className="ml-auto">
                <summary className="cursor-pointer text-sm text-red-800 underline">Supprimer</summary>
                <form action={arrangeFaq} className="mt-2">
                  <input type="hidden" name="id" value={entry.id} />
                  <input type="hidden" name="acte" value="supprimer" />
                  <button type="submit" className="min-h-11 rounded bg-red-700 px-4 font-semibold text-white">Supprimer « {entry.question} »</button>
                </form>
              </details>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

function MoveButton({ id, act, label, text }: { id: string; act: "haut" | "bas"; label: string; text: string }) {
  return (
    <form action={arrangeFaq}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="acte" value={act} />
      <button type="submit" aria-label={label} className="min-h-11 rounded border-2 border-brand px-3 text-sm font-semibold text-brand">{text}</button>
    </form>
  );
}
