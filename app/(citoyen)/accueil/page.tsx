import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { requireCitizen } from "@/lib/auth/session";
import { requireTenant } from "@/lib/tenancy/request";
import { inSentence } from "@/lib/text";

export const metadata: Metadata = { title: "Accueil" };

export default async function CitizenHomePage() {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/accueil");
  return (
    <div>
      <h1 className="text-3xl font-bold">Bonjour {citizen.firstNames}</h1>
      <p className="mt-2 text-slate-700">Votre identifiant : <strong>{citizen.identifiant}</strong></p>

      {citizen.status === "EN_ATTENTE" ? (
        <Notice tone="info" title="Votre compte attend sa validation par la mairie">
          Vous pouvez déjà faire vos démarches en ligne. Après la validation, qui prend en général deux jours
          ouvrés, vous pourrez modifier votre compte et votre foyer, et consulter vos factures.
        </Notice>
      ) : null}
      {!citizen.emailConfirmed ? (
        <Notice tone="warning" title="Confirmez votre adresse électronique">
          Ouvrez le lien du courriel de bienvenue. Tant que l&apos;adresse n&apos;est pas confirmée, nous ne
          l&apos;utilisons que pour ce lien et pour votre identifiant.
        </Notice>
      ) : null}

      <div className="mt-8 grid gap-4 sm:grid-cols-2">
        <section aria-labelledby="mes-demandes" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="mes-demandes" className="text-xl font-bold">Mes demandes</h2>
          <p className="mt-2 text-slate-700">Vous n&apos;avez encore aucune demande en cours ni aucun brouillon.</p>
          <p className="mt-3">
            <Link href="/services" className="font-semibold text-brand underline">Voir les démarches en ligne</Link>
          </p>
        </section>
        <section aria-labelledby="mon-compte" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="mon-compte" className="text-xl font-bold">Mon compte</h2>
          <p className="mt-2 text-slate-700">Vos coordonnées, votre foyer, votre mot de passe.</p>
          <p className="mt-3">
            <Link href="/compte" className="font-semibold text-brand underline">Voir mon compte</Link>
          </p>
        </section>
      </div>
      <p className="mt-8 text-sm text-slate-600">
        Une question ? La {inSentence(tenant.officialName)} vous répond au {tenant.contactPhone}.
      </p>
    </div>
  );
}
