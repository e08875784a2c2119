import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { requireAgent } from "@/lib/agents/session";
import { listApiKeys } from "@/lib/billing/api-keys";
import { frenchDateTime } from "@/lib/procedures/answer-text";
import { requireTenant } from "@/lib/tenancy/request";
import { tenantUrl } from "@/lib/tenancy/url";
import { revokeKey } from "./actions";
import { ApiKeyForm } from "./key-form";

export const metadata: Metadata = { title: "Clés d'accès pour la facturation" };

const OUTCOMES = {
  "cle-revoquee": ["success", "Clé révoquée : le logiciel qui l'utilisait ne peut plus publier de factures avec elle."],
  introuvable: ["warning", "Cette clé n'existe pas ou n'est pas une clé de votre commune : rechargez la page."],
} as const;

/** The keys with which the commune's billing software publishes invoices: created (shown once), listed, revoked. */
export default async function ApiKeysPage({ searchParams }: { searchParams?: Promise<{ fait?: string }> } = {}) {
  const tenant = await requireTenant();
  const agent = await requireAgent("commune.configurer");
  const keys = await listApiKeys(agent);
  const outcome = OUTCOMES[(await searchParams)?.fait as keyof typeof OUTCOMES];
  const endpoint = tenantUrl(tenant, "/api/v1/factures");
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/parametres" className="text-brand underline">Paramètres</Link> › Clés d&apos;accès
      </nav>
      <h1 className="mt-2 text-3xl font-bold">Clés d&apos;accès pour la facturation</h1>
      <p className="mt-2 text-slate-700">
        Le logiciel de facturation de la commune publie les factures lui-même, sans passer par un fichier, en appelant{" "}
        <code className="wrap-anywhere">POST {endpoint}</code> avec une de ces clés (en-tête <code>Authorization: Bearer</code> suivi de la
        clé). Les factures suivent les mêmes règles qu&apos;un import de fichier dans « Factures » ; une clé ne sert que pour cette commune.
      </p>
      {outcome ? <ArrivalNotice tone={outcome[0]}>{outcome[1]}</ArrivalNotice> : null}

      <section aria-labelledby="creer" className="mt-6 rounded-lg border-2 border-brand bg-white p-5">
        <h2 id="creer" className="text-xl font-bold">Créer une clé</h2>
        <p className="mt-2 text-slate-700">La clé n&apos;est affichée qu&apos;une fois : seule son empreinte est gardée, personne ne pourra la relire.</p>
        <ApiKeyForm />
      </section>

      <h2 className="mt-8 text-2xl font-bold">Clés de la commune</h2>
      {keys.length ? (
        <ul className="mt-3 space-y-3">
          {keys.map((k) => (
            <li key={k.id} className={`rounded-lg border p-4 ${k.revokedAt ? "border-slate-200 bg-slate-50" : "border-slate-300 bg-white"}`}>
              <h3 className="text-lg font-bold wrap-anywhere">{k.name}</h3>
              <p className="text-sm">Commence par <span className="font-mono">{k.prefix}…</span>, créée le {frenchDateTime(k.createdAt)}.</p>
              <p className="text-sm">{k.lastUsedAt ? `Dernière utilisation le ${frenchDateTime(k.lastUsedAt)}.` : "Jamais utilisée."}</p>
              {k.revokedAt ? (
                <p className="mt-1 font-semibold">Révoquée le {frenchDateTime(k.revokedAt)}.</p>
              ) : (
                <details className="mt-2">
                  <summary className="min-h-11 cursor-pointer py-2 font-semibold text-red-800 underline">Révoquer<span className="sr-only"> la clé « {k.name} »</span></summary>
                  <form action={revokeKey} className="mt-2">
                    <p>Le logiciel qui utilise cette clé ne pourra plus publier de factures avec elle. C&apos;est définitif.</p>
                    <input type="hidden" name="id" value={k.id} />
                    <button type="submit" aria-label={`Confirmer la révocation de la clé « ${k.name} »`} className="mt-2 min-h-11 rounded bg-red-700 px-4 font-semibold text-white hover:bg-red-800">Confirmer la révocation</button>
                  </form>
                </details>
              )}
            </li>
          ))}
        </ul>
      ) : <p className="mt-3 text-slate-700">Aucune clé pour le moment.</p>}
    </div>
  );
}
