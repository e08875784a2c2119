import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { Notice } from "@/components/ui/notice";
import { requireAgent } from "@/lib/agents/session";
import { frenchDateTime } from "@/lib/procedures/answer-text";
import { openProcedure, themeChoices } from "@/lib/procedures/builder";
import { earlierFields, FIELD_TYPE_LABELS } from "@/lib/procedures/builder-ops";
import { hasValue, type Field } from "@/lib/procedures/definition";
import { arrangeAction, publishAction, unpublishAction } from "./actions";
import { AddFieldForm, DetailsForm, FieldForm, StepForm } from "./builder-forms";

export const metadata: Metadata = { title: "Démarche : modifier" };

const DONE: Record<string, string> = {
  creee: "Démarche créée, hors ligne : complétez sa présentation et son formulaire, puis publiez-la.",
  dupliquee: "Copie créée, hors ligne : adaptez-la puis publiez-la.",
  presentation: "Présentation enregistrée.",
  etape: "Étape enregistrée.",
  "champ-ajoute": "Champ ajouté : réglez-le ci-dessous.",
  champ: "Champ enregistré.",
  deplace: "Ordre enregistré.",
  supprime: "Supprimé.",
  publiee: "Publiée : le catalogue propose cette version dès maintenant.",
  retiree: "Démarche retirée du catalogue. Ses demandes et ses brouillons restent tels quels.",
};
const ERRORS: Record<string, string> = {
  conflit: "Cette démarche a été modifiée entre-temps (dans un autre onglet, ou par un collègue) : la page montre maintenant la dernière version, refaites votre modification.",
  condition: "Ce champ ne peut pas être supprimé : une autre question ne s'affiche que selon sa réponse. Retirez d'abord cette condition.",
  "derniere-etape": "Un formulaire garde au moins une étape : ajoutez-en une autre avant de supprimer celle-ci.",
  publication: "Le formulaire ne peut pas encore être publié : corrigez les points listés.",
  introuvable: "Cet élément n'existe plus : la page est à jour.",
  incident: "La modification n'a pas pu être enregistrée à cause d'un incident technique. Réessayez dans un instant.",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ fait?: string; erreur?: string; version?: string }> };

/** One démarche in the builder: its presentation, its form step by step, its publication. */
export default async function ProcedureBuilderPage({ params, searchParams }: Props) {
  const agent = await requireAgent("commune.configurer");
  const procedure = await openProcedure(agent, (await params).id);
  if (!procedure) notFound();
  const themes = await themeChoices(agent);
  const search = await searchParams;
  const hidden = { id: procedure.id, revision: procedure.editRevision };
  const latest = procedure.versions[0];
  const done = search.fait && Object.hasOwn(DONE, search.fait) ? DONE[search.fait] : undefined;
  const error = search.erreur && Object.hasOwn(ERRORS, search.erreur) ? ERRORS[search.erreur] : undefined;
  const steps = procedure.working.steps;
  const labels = new Map(steps.flatMap((step) => step.fields.map((f) => [f.name, f.label] as const)));

  return (
    <div className="max-w-4xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/demarches" className="text-brand underline">Démarches</Link> › {procedure.title}
      </nav>
      <h1 className="mt-2 text-3xl font-bold">{procedure.title}</h1>
      <p className="mt-1 text-slate-700">
        {procedure.published ? <>En ligne à l&apos;adresse <Link href={`/services/${procedure.slug}`} className="text-brand underline">/services/{procedure.slug}</Link>, version {latest?.number}.</> : latest ? "Retirée du catalogue." : "Jamais publiée : les habitants ne la voient pas."}
      </p>
      {done ? <ArrivalNotice tone="success">{search.fait === "publiee" && search.version ? `Version ${search.version} publiée : le catalogue la propose dès maintenant.` : done}</ArrivalNotice> : null}
      {error ? <ArrivalNotice tone="warning">{error}</ArrivalNotice> : null}

      <section id="publication" aria-labelledby="publication-titre" className="mt-6 rounded-lg border-2 border-brand bg-white p-5">
        <h2 id="publication-titre" className="text-2xl font-bold">Publication</h2>
        {procedure.problems.length ? (
          <Notice tone="warning" title="À corriger avant de publier">
            <ul className="list-disc pl-5">{procedure.problems.map((p) => <li key={p}>{p}</li>)}</ul>
          </Notice>
        ) : (
          <p className="mt-2">
            {procedure.pendingChanges ? `Le formulaire est prêt. La publication crée la version ${(latest?.number ?? 0) + 1} ; les demandes déjà envoyées et les brouillons gardent la leur.` : "Aucune modification depuis la dernière version publiée."}
          </p>
        )}
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {procedure.definition ? <Link href={`/admin/demarches/${procedure.id}/apercu`} className="inline-flex min-h-11 items-center rounded border-2 border-brand px-4 font-semibold text-brand">Aperçu du formulaire</Link> : null}
          {!procedure.problems.length && (procedure.pendingChanges || !procedure.published) ? (
            <form action={publishAction}>
              <input type="hidden" name="id" value={procedure.id} />
              <input type="hidden" name="revision" value={procedure.editRevision} />
              <SubmitButton className="min-h-11 rounded bg-brand px-4 font-semibold text-white">
                {procedure.pendingChanges ? `Publier la version ${(latest?.number ?? 0) + 1}` : "Remettre au catalogue"}
              </SubmitButton>
            </form>
          ) : null}
          {procedure.published ? (
            <form action={unpublishAction}>
              <input type="hidden" name="id" value={procedure.id} />
              <SubmitButton className="min-h-11 rounded border-2 border-red-700 px-4 font-semibold text-red-800">Retirer du catalogue</SubmitButton>
            </form>
          ) : null}
        </div>
        {procedure.versions.length ? (
          <>
            <h3 className="mt-4 font-semibold">Versions publiées</h3>
            <ul className="mt-1 text-sm text-slate-700">
              {procedure.versions.map((v) => <li key={v.number}>Version {v.number}, publiée le {frenchDateTime(v.publishedAt)} : {v.requests} demande{v.requests > 1 ? "s" : ""} ou brouillon{v.requests > 1 ? "s" : ""}</li>)}
            </ul>
          </>
        ) : null}
      </section>

      <section id="presentation" aria-labelledby="presentation-h" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="presentation-h" className="text-2xl font-bold">Présentation</h2>
        <p className="text-sm text-slate-700">Enregistrée, elle s&apos;affiche aussitôt sur la page de la démarche si celle-ci est en ligne.</p>
        <DetailsForm hidden={hidden} themes={themes} details={procedure} />
      </section>

      <section id="formulaire" aria-labelledby="formulaire-h" className="mt-6">
        <h2 id="formulaire-h" className="text-2xl font-bold">Formulaire</h2>
        <p className="text-slate-700">Les modifications restent en préparation jusqu&apos;à « Publier ». Les boutons « Monter » et « Descendre » déplacent un champ, y compris vers l&apos;étape voisine.</p>
        <ol className="mt-3 space-y-6">
          {steps.map((step, s) => (
            <li key={step.id} id={`etape-${s + 1}`} className="rounded-lg border border-slate-300 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="mr-auto text-xl font-bold">Étape {s + 1} : {step.title}</h3>
                {s > 0 ? <Arrange hidden={hidden} act="monter-etape" step={s} label={`Monter l'étape « ${step.title} »`} text="Monter" /> : null}
                {s < steps.length - 1 ? <Arrange hidden={hidden} act="descendre-etape" step={s} label={`Descendre l'étape « ${step.title} »`} text="Descendre" /> : null}
                {steps.length > 1 ? <Arrange hidden={hidden} act="supprimer-etape" step={s} label={`Supprimer l'étape « ${step.title} » et ses champs`} text="Supprimer" danger /> : null}
              </div>
              <details className="mt-1">
                <summary className="cursor-pointer text-sm font-semibold text-brand underline">Modifier le titre ou l&apos;aide de l&apos;étape</summary>
                <StepForm hidden={hidden} step={s} current={step} />
              </details>
              {step.fields.length ? (
                <ol className="mt-3 space-y-3">
                  {step.fields.map((field, i) => (
                    <li key={`${field.name}-${i}`} id={`champ-${s + 1}-${i + 1}`} className="rounded border border-slate-200 p-3">
                      <div className="flex flex-wrap items-center gap-2">
                        <p className="mr-auto"><span className="font-semibold">{field.label}</span> <span className="text-sm text-slate-700">· {describe(field, labels)}</span></p>
                        {s > 0 || i > 0 ? <Arrange hidden={hidden} act="monter-champ" step={s} field={i} label={`Monter « ${field.label} »`} text="Monter" /> : null}
                        {s < steps.length - 1 || i < step.fields.length - 1 ? <Arrange hidden={hidden} act="descendre-champ" step={s} field={i} label={`Descendre « ${field.label} »`} text="Descendre" /> : null}
                        <Arrange hidden={hidden} act="supprimer-champ" step={s} field={i} label={`Supprimer « ${field.label} »`} text="Supprimer" danger />
                      </div>
                      <details>
                        <summary className="cursor-pointer text-sm font-semibold text-brand underline">Modifier « {field.label} »</summary>
                        <FieldForm hidden={hidden} step={s} index={i} field={field}
                          earlier={earlierFields(procedure.working, s, i).map((f) => ({ name: f.name, label: f.label, type: f.type, ...("options" in f ? { options: f.options } : {}) }))} />
                      </details>
                    </li>
                  ))}
                </ol>
              ) : <p className="mt-3 font-semibold text-red-800">Cette étape n&apos;a pas encore de champ.</p>}
              <details className="mt-3" open={step.fields.length === 0}>
                <summary className="cursor-pointer font-semibold text-brand underline">Ajouter un champ à l&apos;étape {s + 1}</summary>
                <AddFieldForm hidden={hidden} step={s} />
              </details>
            </li>
          ))}
        </ol>
        <div id="formulaire-fin" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
          <h3 className="text-xl font-bold">Ajouter une étape</h3>
          <StepForm hidden={hidden} />
        </div>
      </section>
    </div>
  );
}

/** « Texte court, obligatoire, selon « Encombrant ? » = oui »: a field in a few words. */
function describe(field: Field, labels: Map<string, string>): string {
  const parts: string[] = [FIELD_TYPE_LABELS[field.type]];
  if (hasValue(field) && field.required) parts.push("obligatoire");
  if (field.showIf) {
    const value = typeof field.showIf.value === "boolean" ? (field.showIf.value ? "oui" : "non") : String(field.showIf.value);
    parts.push(`selon « ${labels.get(field.showIf.field) ?? field.showIf.field} » ${field.showIf.op === "notEquals" ? "≠" : field.showIf.op === "contains" ? "∋" : "="} ${value}`);
  }
  return parts.join(", ");
}

function Arrange({ hidden, act, step, field, label, text, danger = false }: { hidden: { id: string; revision: number }; act: string; step: number; field?: number; label: string; text: string; danger?: boolean }) {
  return (
    <form action={arrangeAction}>
      <input type="hidden" name="id" value={hidden.id} />
      <input type="hidden" name="revision" value={hidden.revision} />
      <input type="hidden" name="acte" value={act} />
      <input type="hidden" name="step" value={step} />
      {field !== undefined ? <input type="hidden" name="field" value={field} /> : null}
      <SubmitButton aria-label={label} className={`min-h-11 rounded border-2 px-3 text-sm font-semibold ${danger ? "border-red-700 text-red-800" : "border-brand text-brand"}`}>{text}</SubmitButton>
    </form>
  );
}
