import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAgent } from "@/lib/agents/session";
import { communeSettings } from "@/lib/commune/settings";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { LogoForm } from "./logo-form";
import { IdentityForm, TextsForm } from "./settings-forms";

export const metadata: Metadata = { title: "Paramètres de la commune" };

/** The commune's own settings, for its admins: what the portal shows of it. */
export default async function SettingsPage({ searchParams }: { searchParams?: Promise<{ fait?: string }> } = {}) {
  const agent = await requireAgent("commune.configurer");
  const settings = await communeSettings(agent);
  if (!settings) notFound();
  const { legalNotice, privacyPolicy, accessibilityText, termsOfUse, logoUrl, ...identity } = settings;
  const done = (await searchParams)?.fait;
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Paramètres</nav>
      <h1 className="mt-2 text-3xl font-bold">Paramètres de la commune</h1>
      <p className="mt-2 flex flex-wrap gap-x-6">
        <Link href="/admin/parametres/faq" className="font-semibold text-brand underline">Modifier les questions fréquentes</Link>
        <Link href="/admin/parametres/adresses" className="font-semibold text-brand underline">Adresses du portail</Link>
        <Link href="/admin/parametres/reglages" className="font-semibold text-brand underline">Réglages du portail</Link>
        <Link href="/admin/parametres/api" className="font-semibold text-brand underline">Clés d&apos;accès pour la facturation</Link>
      </p>
      {done === "logo" ? <ArrivalNotice tone="success">Logo enregistré : le portail, les courriels et les PDF l&apos;affichent déjà.</ArrivalNotice> : null}
      {done === "logo-retire" ? <ArrivalNotice tone="success">Logo retiré.</ArrivalNotice> : null}
      <section id="logo" aria-labelledby="logo-titre" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="logo-titre" className="text-2xl font-bold">Logo</h2>
        <LogoForm logoUrl={logoUrl} />
      </section>
      <section aria-labelledby="identite" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="identite" className="text-2xl font-bold">Identité, contact et couleurs</h2>
        <IdentityForm initial={identity} />
      </section>
      <section aria-labelledby="textes" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="textes" className="text-2xl font-bold">Textes légaux</h2>
        <TextsForm initial={{ legalNotice, privacyPolicy, accessibilityText, termsOfUse }} />
      </section>
    </div>
  );
}
