import { RichText } from "@/components/rich-text";
import {
  conformityOf, frenchDate, IMPACT_LABELS, tagLabel, viewportLabel, type AccessibilityResults, type Impact,
} from "@/lib/accessibility/statement";
import type { Tenant } from "@/lib/tenancy/resolve";

type Props = {
  tenant: Pick<Tenant, "name" | "officialName" | "contactEmail" | "contactPhone" | "contactAddress" | "canonicalHost">;
  /** The commune's own text (« Paramètres de la commune »), shown as it was written. */
  communeText: string;
  results: AccessibilityResults;
};

const STATE_LABELS: Record<string, string> = {
  erreurs: "avec des erreurs de saisie",
  refus: "après un refus",
  vide: "sans contenu",
  expiree: "après une session expirée",
  avertissement: "avec l'avertissement de fin de session",
};
const stateLabel = (s: string) => STATE_LABELS[s] ?? s;

/** The « Déclaration d'accessibilité » of a commune (RGAA 4.1), from the results of the automated checks. */
export function AccessibilityStatement({ tenant, communeText, results }: Props) {
  const conformity = conformityOf(results);
  const blocking = results.counts.critical + results.counts.serious;
  const mairie = tenant.officialName.replace(/^Mairie/, "la mairie");
  return (
    <article className="mx-auto max-w-3xl rounded-lg bg-white p-6 shadow-sm sm:p-10">
      <h1 className="text-3xl font-bold">Déclaration d&apos;accessibilité</h1>
      <div className="mt-6 space-y-4 leading-relaxed">
        <p>
          Cette déclaration s&apos;applique au Compte Citoyen de {tenant.name} (<span className="break-all">{tenant.canonicalHost}</span>) : le site
          public, l&apos;espace des citoyens et l&apos;espace des agents de la mairie.
        </p>
        {communeText.trim() ? <RichText source={communeText} /> : null}

        <h2 className="pt-4 text-xl font-bold text-slate-900">État de conformité</h2>
        <p>
          Le Compte Citoyen de {tenant.name} est <strong>{conformity.label}</strong> avec le référentiel général
          d&apos;amélioration de l&apos;accessibilité (RGAA), version 4.1.
        </p>
        <p>{conformity.reason}</p>

        <h2 className="pt-4 text-xl font-bold text-slate-900">Résultats des tests automatiques</h2>
        {results.scans > 0 ? (
          <>
            <p>
              Le {frenchDate(results.date)}, {results.scans} contrôles automatiques ont porté sur {results.pages.length} pages ou états de
              page, chacun parcouru comme le ferait une personne (création de compte, démarches, paiement, instruction par les agents).
            </p>
            <ul className="list-disc space-y-1 pl-6">
              <li>
                {blocking === 0
                  ? "Aucun défaut bloquant ou grave n'a été détecté."
                  : `${blocking} défaut${blocking > 1 ? "s" : ""} bloquant${blocking > 1 ? "s" : ""} ou grave${blocking > 1 ? "s" : ""} détecté${blocking > 1 ? "s" : ""}.`}
              </li>
              <li>
                {results.counts.moderate + results.counts.minor === 0
                  ? "Aucun défaut modéré ou mineur n'a été détecté."
                  : `${results.counts.moderate} défaut(s) modéré(s) et ${results.counts.minor} mineur(s) détecté(s).`}
              </li>
            </ul>
          </>
        ) : (
          <p>Aucun résultat de test automatique n&apos;est encore disponible.</p>
        )}

        <h2 className="pt-4 text-xl font-bold text-slate-900">Contenus non accessibles</h2>
        <h3 className="text-lg font-bold text-slate-900">Non-conformités relevées par les tests automatiques</h3>
        {results.nonConformities.length ? (
          <ul className="list-disc space-y-2 pl-6">
            {results.nonConformities.map((n) => (
              <li key={n.rule}>
                {n.help} (défaut {IMPACT_LABELS[n.impact as Impact] ?? n.impact}, {n.occurrences} occurrence{n.occurrences > 1 ? "s" : ""}) :{" "}
                {n.pages.map((p, i) => (
                  <span key={p}>
                    {i ? ", " : ""}
                    <code className="break-all">{p}</code>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune sur les pages contrôlées.</p>
        )}
        <h3 className="text-lg font-bold text-slate-900">Contenus non vérifiés</h3>
        <ul className="list-disc space-y-1 pl-6">
          <li>Les récapitulatifs PDF des demandes ne sont pas contrôlés automatiquement ; leur contenu est aussi affiché sur la page de chaque demande.</li>
          <li>Le paiement par carte se fait sur la page du prestataire de paiement, qui n&apos;est pas contrôlée par ces tests.</li>
          <li>Les critères qui demandent un jugement humain (pertinence des textes alternatifs, des intitulés, ordre de lecture restitué) ne sont pas couverts par des tests automatiques.</li>
        </ul>

        <h2 className="pt-4 text-xl font-bold text-slate-900">Établissement de cette déclaration</h2>
        <p>Cette déclaration a été établie le {frenchDate(results.date)}.</p>
        <h3 className="text-lg font-bold text-slate-900">Technologies utilisées</h3>
        <p>HTML, CSS, JavaScript, WAI-ARIA.</p>
        <h3 className="text-lg font-bold text-slate-900">Environnement de test</h3>
        <ul className="list-disc space-y-1 pl-6">
          <li>Navigateur : {results.browser}.</li>
          <li>Outil : {results.tool}, règles {results.tags.map(tagLabel).join(", ")}.</li>
          {results.viewports.length ? <li>Formats d&apos;écran : {results.viewports.map(viewportLabel).join(" et ")}.</li> : null}
          <li>Parcours au clavier seul : création de compte, démarche avec brouillon puis envoi, paiement d&apos;une facture, instruction d&apos;une demande.</li>
        </ul>
        {results.pages.length ? (
          <details className="rounded border border-slate-300 p-3">
            <summary className="cursor-pointer font-semibold">Pages contrôlées ({results.pages.length})</summary>
            <ul className="mt-3 list-disc space-y-1 pl-6">
              {results.pages.map((p) => (
                <li key={p.path}>
                  <code className="break-all">{p.path}</code>
                  {p.states.length ? ` (aussi ${p.states.map(stateLabel).join(", ")})` : ""}
                </li>
              ))}
            </ul>
          </details>
        ) : null}

        <h2 className="pt-4 text-xl font-bold text-slate-900">Retour d&apos;information et contact</h2>
        <p>
          Si vous ne parvenez pas à accéder à un contenu ou à un service, contactez {mairie} : elle vous indiquera une autre façon
          d&apos;y accéder et fera corriger le défaut.
        </p>
        <ul className="list-disc space-y-1 pl-6">
          {tenant.contactEmail ? (
            <li>
              Par courriel : <a className="underline" href={`mailto:${tenant.contactEmail}?subject=${encodeURIComponent("Accessibilité du Compte Citoyen")}`}>{tenant.contactEmail}</a>
            </li>
          ) : null}
          {tenant.contactPhone ? (
            <li>
              Par téléphone : <a className="underline" href={`tel:${tenant.contactPhone.replace(/\s/g, "")}`}>{tenant.contactPhone}</a>
            </li>
          ) : null}
          {tenant.contactAddress ? <li className="whitespace-pre-line">Par courrier : {tenant.officialName}, {tenant.contactAddress}</li> : null}
          {!tenant.contactEmail && !tenant.contactPhone && !tenant.contactAddress ? <li>À l&apos;accueil de la mairie.</li> : null}
        </ul>

        <h2 className="pt-4 text-xl font-bold text-slate-900">Voies de recours</h2>
        <p>
          Si vous avez signalé un défaut d&apos;accessibilité qui vous empêche d&apos;accéder à un contenu ou à un service et que vous
          n&apos;avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :
        </p>
        <ul className="list-disc space-y-1 pl-6">
          <li>par le formulaire en ligne de son site, defenseurdesdroits.fr ;</li>
          <li>en contactant le délégué du Défenseur des droits de votre département ;</li>
          <li>par téléphone au 09 69 39 00 00 ;</li>
          <li>par courrier gratuit, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
        </ul>
      </div>
    </article>
  );
}
