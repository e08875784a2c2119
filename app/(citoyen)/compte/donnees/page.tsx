import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { accountingText, deletionPreview } from "@/lib/accounts/deletion";
import { requireCitizen } from "@/lib/auth/session";
import { frenchDateTime } from "@/lib/procedures/answer-text";
import { requireTenant } from "@/lib/tenancy/request";
import { inSentence } from "@/lib/text";
import { withdrawDeletionAction } from "./actions";
import { DeletionForm } from "./deletion-form";

export const metadata: Metadata = { title: "Mes données" };

const OUTCOMES = {
  demandee: { tone: "success", text: "Votre demande de suppression est envoyée à la mairie. Vous recevrez un message quand elle sera traitée." },
  retiree: { tone: "success", text: "Votre demande de suppression est retirée : votre compte reste ouvert." },
  rien: { tone: "warning", text: "Aucune demande de suppression n'était en attente." },
} as const;

const HELD = [
  ["Votre compte", "Identité, date et lieu de naissance, adresse, adresse électronique, téléphones, question de sécurité", "vous identifier, vous écrire par le moyen choisi et pré-remplir vos démarches"],
  ["Votre foyer", "Les adultes et les enfants que vous avez déclarés", "faire des démarches pour eux (inscriptions, attestations…)"],
  ["Vos demandes", "Vos réponses, les noms et tailles de vos pièces jointes, l'historique et les messages de la mairie", "les traiter, puis garder la trace de la décision pendant la durée de conservation de chaque démarche"],
  ["Les messages", "Une copie de chaque courriel ou SMS que la mairie vous a envoyé", "vous permettre de les relire et prouver qu'ils ont été envoyés"],
  ["Vos factures et paiements", "Les factures des services de la commune et vos paiements en ligne ou au guichet", "la facturation, et les obligations de la comptabilité publique"],
] as const;

/** « Mes données »: what the commune holds and why, the downloads, and the account's deletion. */
export default async function MyDataPage({ searchParams }: { searchParams: Promise<{ fait?: string }> }) {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/donnees");
  const preview = await deletionPreview(citizen);
  if (!preview) notFound();
  const fait = (await searchParams).fait;
  const outcome = typeof fait === "string" && fait in OUTCOMES ? OUTCOMES[fait as keyof typeof OUTCOMES] : null;
  const kept = preview.requests.filter((r) => r.fate === "conservee");
  const anonymized = preview.requests.filter((r) => r.fate === "anonymisee");
  const drafts = preview.requests.filter((r) => r.fate === "supprimee").length;

  return (
    <div className="max-w-3xl">
      <p><Link href="/compte" className="text-brand underline">Retour à mon compte</Link></p>
      <h1 className="mt-3 text-3xl font-bold">Mes données</h1>
      {outcome ? <ArrivalNotice tone={outcome.tone}>{outcome.text}</ArrivalNotice> : null}

      <section aria-labelledby="titre-conservees" className="mt-6">
        <h2 id="titre-conservees" className="text-2xl font-bold">Ce que la {inSentence(tenant.officialName)} conserve sur vous, et pourquoi</h2>
        <ul className="mt-3 grid gap-3">
          {HELD.map(([what, detail, why]) => (
            <li key={what} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <p className="font-semibold">{what}</p>
              <p className="mt-1">{detail}.</p>
              <p className="mt-1 text-slate-700">Pour : {why}.</p>
            </li>
          ))}
        </ul>
        <p className="mt-3">
          Votre mot de passe et la réponse à votre question de sécurité ne sont connus de personne, pas même de la mairie : seule une
          empreinte chiffrée en est gardée. Vos droits et les durées de conservation sont détaillés sur la page{" "}
          <Link href="/donnees-personnelles" className="text-brand underline">Données personnelles</Link>.
        </p>
      </section>

      <section aria-labelledby="titre-telecharger" className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="titre-telecharger" className="text-2xl font-bold">Télécharger mes données</h2>
        <p className="mt-2">Tout ce qui est décrit ci-dessus, à la date d&apos;aujourd&apos;hui : à lire, ou à réutiliser dans un autre service.</p>
        <ul className="mt-3 flex flex-col gap-2 sm:flex-row sm:gap-6">
          <li><a href="/compte/donnees/pdf" download className="inline-block py-2 font-semibold text-brand underline">Télécharger mes données en PDF</a></li>
          <li><a href="/compte/donnees/json" download className="inline-block py-2 font-semibold text-brand underline">Télécharger mes données en JSON (format réutilisable)</a></li>
        </ul>
      </section>

      <section id="suppression" aria-labelledby="titre-suppression" className="mt-8 rounded-lg border-2 border-red-700 bg-white p-5 shadow-sm">
        <h2 id="titre-suppression" className="text-2xl font-bold">Supprimer mon compte</h2>
        {preview.pending ? (
          <>
            <Notice tone="warning" title={`Suppression demandée le ${frenchDateTime(preview.pending.requestedAt)}`}>
              La mairie va traiter votre demande ; vous recevrez un message quand votre compte sera supprimé.
              {preview.pending.note ? <> Votre mot : « {preview.pending.note} ».</> : null} Tant qu&apos;elle n&apos;est pas traitée, vous
              pouvez la retirer et garder votre compte.
            </Notice>
            <form action={withdrawDeletionAction} className="mt-4">
              <input type="hidden" name="acte" value="retirer" />
              <SubmitButton className="inline-flex min-h-11 items-center justify-center rounded border-2 border-brand bg-white px-5 py-2 font-semibold text-brand hover:bg-slate-100">
                Retirer ma demande de suppression
              </SubmitButton>
            </form>
          </>
        ) : (
          <>
            <p className="mt-2">
              Vous pouvez demander à la mairie de supprimer votre compte. Un agent la confirme, en général sous quelques jours ; jusque-là
              vous pouvez changer d&apos;avis. Voici ce qui se passera.
            </p>
            <h3 className="mt-4 text-xl font-bold">Ce qui sera supprimé</h3>
            <ul className="mt-2 list-disc pl-5">
              <li>Votre identifiant et votre mot de passe : vous ne pourrez plus vous connecter.</li>
              <li>Votre identité, votre adresse, vos adresses électronique et téléphones, votre question de sécurité.</li>
              <li>Votre foyer{preview.members ? ` (${preview.members} personne${preview.members > 1 ? "s" : ""})` : ""}.</li>
              <li>Vos brouillons{drafts ? ` (${drafts})` : ""} et leurs pièces jointes, votre panier, et les copies des messages reçus.</li>
              {anonymized.length ? (
                <li>
                  {anonymized.length === 1 ? "Une demande ancienne est anonymisée" : `${anonymized.length} demandes anciennes sont anonymisées`} : leur
                  durée de conservation est passée ; il n&apos;en reste que le numéro, la démarche, les dates et la décision, sans rien qui vous désigne.
                </li>
              ) : null}
            </ul>
            <h3 className="mt-4 text-xl font-bold">Ce qui sera conservé, et pourquoi</h3>
            {kept.length || preview.invoices || preview.payments ? (
              <ul className="mt-2 grid gap-2">
                {kept.map((r, i) => (
                  <li key={r.numero ?? i} className="rounded border border-slate-200 p-3">
                    <p className="font-semibold">Demande {r.numero} : {r.title} ({r.status.toLowerCase()})</p>
                    <p className="mt-1">{r.why}</p>
                  </li>
                ))}
                {preview.invoices || preview.payments ? (
                  <li className="rounded border border-slate-200 p-3">
                    <p className="font-semibold">{accountingText(preview)}</p>
                    <p className="mt-1">
                      La comptabilité publique oblige la commune à les garder. Ils restent attachés à un compte anonyme, sans vos coordonnées.
                    </p>
                  </li>
                ) : null}
              </ul>
            ) : (
              <p className="mt-2">Rien : aucune demande à garder, aucune facture.</p>
            )}
            {kept.length ? (
              <p className="mt-2 text-slate-700">
                Les demandes conservées ne sont plus rattachées à votre compte : vous ne pourrez plus les suivre en ligne. Si l&apos;une d&apos;elles est
                encore en cours, la mairie peut vous demander d&apos;attendre sa fin avant de supprimer le compte.
              </p>
            ) : null}
            <h3 className="mt-6 text-xl font-bold">Demander la suppression</h3>
            <p className="mt-2">Pensez à télécharger vos données avant : après la suppression, la mairie ne pourra plus vous les donner.</p>
            <DeletionForm />
          </>
        )}
      </section>
    </div>
  );
}
