import type { Metadata } from "next";
import Link from "next/link";
import { RequestList } from "@/components/request-list";
import { Button, ButtonLink } from "@/components/ui/button";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Notice } from "@/components/ui/notice";
import { frenchDateTime } from "@/lib/procedures/answer-text";
import { listDrafts } from "@/lib/requests/drafts";
import { homeOverview } from "@/lib/requests/history";
import { removeDraft } from "./actions";
import { requireCitizen } from "@/lib/auth/session";
import { requireTenant } from "@/lib/tenancy/request";
import { inSentence } from "@/lib/text";

export const metadata: Metadata = { title: "Accueil" };

type Search = Promise<{ supprimer?: string; brouillon?: string }>;


export default async function CitizenHomePage({ searchParams }: { searchParams: Search }) {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/accueil");
  const search = await searchParams;
  const [drafts, { requests, unread }] = await Promise.all([listDrafts(citizen), homeOverview(citizen)]);
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

      {search.brouillon === "supprime" ? <ArrivalNotice tone="success" title="Brouillon supprimé" /> : null}

      {unread ? (
        <p className="mt-6">
          <Link href="/messages" className="font-semibold text-brand underline">
            {unread === 1 ? "1 message non lu" : `${unread} messages non lus`} de la mairie
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="mes-brouillons" className="mt-8">
        <h2 id="mes-brouillons" className="text-2xl font-bold">Mes brouillons</h2>
        {drafts.length ? (
          <ul className="mt-3 space-y-3">
            {drafts.map((d) => (
              <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <p className="font-semibold">{d.procedure.title}{d.memberName ? ` pour ${d.memberName}` : ""}</p>
                <p className="text-sm text-slate-700">Enregistré le {frenchDateTime(d.updatedAt)}</p>
                {search.supprimer === d.id ? (
                  <form action={removeDraft} className="mt-3 rounded border-l-4 border-red-700 bg-red-50 p-3">
                    <p className="font-semibold">Supprimer ce brouillon ? Ses réponses et ses pièces seront effacées.</p>
                    <input type="hidden" name="draftId" value={d.id} />
                    <div className="mt-2 flex flex-wrap gap-3">
                      <Button type="submit" variant="danger">Confirmer la suppression</Button>
                      <ButtonLink href="/accueil" variant="secondary">Annuler</ButtonLink>
                    </div>
                  </form>
                ) : (
                  <div className="mt-3 flex flex-wrap gap-3">
                    <ButtonLink href={`/services/${d.procedure.slug}/formulaire?brouillon=${d.id}`}>
                      Reprendre<span className="sr-only"> le brouillon « {d.procedure.title} »</span>
                    </ButtonLink>
                    <ButtonLink href={`/accueil?supprimer=${d.id}#mes-brouillons`} variant="secondary">
                      Supprimer<span className="sr-only"> le brouillon « {d.procedure.title} »</span>
                    </ButtonLink>
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-700">Aucun brouillon. Une démarche commencée et non envoyée vous attend ici.</p>
        )}
      </section>

      <section aria-labelledby="mes-demandes" className="mt-8">
        <h2 id="mes-demandes" className="text-2xl font-bold">Mes dernières demandes</h2>
        {requests.length ? (
          <RequestList requests={requests} />
        ) : (
          <p className="mt-2 text-slate-700">Vous n&apos;avez encore envoyé aucune demande.</p>
        )}
        <p className="mt-3 flex flex-wrap gap-4">
          <Link href="/services" className="font-semibold text-brand underline">Faire une démarche en ligne</Link>
          {requests.length ? <Link href="/demandes" className="font-semibold text-brand underline">Toutes mes demandes</Link> : null}
        </p>
      </section>

      <div className="mt-8 grid gap-4 sm:grid-cols-2">
        <section aria-labelledby="mon-compte" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="mon-compte" className="text-xl font-bold">Mon compte</h2>
          <p className="mt-2 text-slate-700">Vos coordonnées, votre foyer, votre mot de passe.</p>
          <p className="mt-3">
            <Link href="/compte" className="font-semibold text-brand underline">Voir mon compte</Link>
          </p>
        </section>
        <section aria-labelledby="mes-messages" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="mes-messages" className="text-xl font-bold">Mes messages</h2>
          <p className="mt-2 text-slate-700">Les courriels et SMS de la mairie, et s&apos;ils vous sont parvenus.</p>
          <p className="mt-3">
            <Link href="/messages" className="font-semibold text-brand underline">Voir mes messages</Link>
          </p>
        </section>
      </div>
      <p className="mt-8 text-sm text-slate-600">
        Une question ? La {inSentence(tenant.officialName)} vous répond au {tenant.contactPhone}.
      </p>
    </div>
  );
}
