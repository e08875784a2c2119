import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Notice } from "@/components/ui/notice";
import { requireAgent } from "@/lib/agents/session";
import { listRegies, PROVIDERS } from "@/lib/billing/regies";
import { arrangeRegie } from "./actions";
import { RegieForm } from "./regie-form";

export const metadata: Metadata = { title: "Régies" };

const OUTCOMES = {
  ajoutee: ["success", "Régie ajoutée."],
  enregistree: ["success", "Régie enregistrée."],
  deplacee: ["success", "Ordre enregistré."],
  introuvable: ["warning", "Cette régie n'existe plus ou n'est pas celle de votre commune : rechargez la page."],
  erreur: ["warning", "L'ordre n'a pas pu être enregistré à cause d'un incident technique. Réessayez dans un instant."],
} as const;

/** The commune's régies for its admins: each editable (name, description, payment), movable with buttons (keyboard). */
export default async function RegiesPage({ searchParams }: { searchParams: Promise<{ resultat?: string }> }) {
  const agent = await requireAgent("commune.configurer");
  const regies = await listRegies(agent);
  const outcome = OUTCOMES[(await searchParams).resultat as keyof typeof OUTCOMES];
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Régies</nav>
      <h1 className="mt-2 text-3xl font-bold">Régies</h1>
      <p className="mt-2 text-slate-700">
        Chaque régie encaisse ses propres factures sur son propre compte ; un panier ne contient que les factures d&apos;une régie. Les
        citoyens voient les régies dans cet ordre.
      </p>
      <Notice title="Aucune clé secrète n'est enregistrée ici">
        La clé secrète Stripe de la plateforme est réglée par l&apos;exploitant du service, dans l&apos;environnement du serveur. Pour une
        régie payée par Stripe, indiquez seulement l&apos;identifiant public de son compte connecté (acct_…).
      </Notice>
      {outcome ? <ArrivalNotice tone={outcome[0]}>{outcome[1]}</ArrivalNotice> : null}

      <section aria-labelledby="ajouter" className="mt-6 rounded-lg border-2 border-brand bg-white p-5">
        <h2 id="ajouter" className="text-xl font-bold">Ajouter une régie</h2>
        <RegieForm />
      </section>

      <h2 id="regies" tabIndex={-1} className="mt-8 text-2xl font-bold outline-none">
        {regies.length === 0 ? "Aucune régie" : regies.length === 1 ? "La régie" : `Les ${regies.length} régies`}
      </h2>
      <ol className="mt-3 space-y-3">
        {regies.map((regie, i) => (
          <li key={regie.id} id={`regie-${regie.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="text-lg font-bold wrap-anywhere">{regie.name}</h3>
            {regie.description ? <p className="text-slate-700">{regie.description}</p> : null}
            <p className="mt-1 text-sm">
              Paiement : <strong>{PROVIDERS[regie.provider]}</strong>
              {regie.provider === "STRIPE" && regie.stripeAccountId ? <>, compte <span className="font-mono wrap-anywhere">{regie.stripeAccountId}</span></> : null}
            </p>
            <details className="mt-2">
              <summary className="cursor-pointer font-semibold text-brand underline">Modifier « {regie.name} »</summary>
              <RegieForm regie={regie} />
            </details>
            {regies.length > 1 ? (
              <div className="mt-3 flex flex-wrap gap-2">
                {i > 0 ? <MoveButton id={regie.id} act="haut" label={`Monter « ${regie.name} »`} text="Monter" /> : null}
                {i < regies.length - 1 ? <MoveButton id={regie.id} act="bas" label={`Descendre « ${regie.name} »`} text="Descendre" /> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function MoveButton({ id, act, label, text }: { id: string; act: "haut" | "bas"; label: string; text: string }) {
  return (
    <form action={arrangeRegie}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="acte" value={act} />
      <button type="submit" aria-label={label} className="min-h-11 rounded border-2 border-brand px-3 text-sm font-semibold text-brand">{text}</button>
    </form>
  );
}
