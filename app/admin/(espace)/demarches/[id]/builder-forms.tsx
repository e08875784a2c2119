"use client";

import { useActionState, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Choice, ChoiceGroup, SelectField, TextField } from "@/components/ui/field";
import { FIELD_TYPE_LABELS, optionsText } from "@/lib/procedures/builder-ops";
import { FILE_KINDS, PREFILL_TYPES, type Field, type FieldType } from "@/lib/procedures/definition";
import { saveDetailsAction, saveFieldAction, stepAction, type EditState } from "./actions";

// The forms of one démarche's page in the builder. Each keeps what was typed when it is refused,
// and carries the revision the page was read at. React resets a form once its action has answered,
// which puts a <select> back on its first option: each refusal therefore draws the form anew
// (key={state.at}), from the values typed.

type Hidden = { id: string; revision: number };

function Hiddens({ values }: { values: Record<string, string | number> }) {
  return <>{Object.entries(values).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}</>;
}

const str = (v: string | string[] | undefined, fallback = "") => (Array.isArray(v) ? v[0] : v) ?? fallback;

function TextArea({ id, name, label, hint, defaultValue, error, rows = 4 }: { id: string; name: string; label: string; hint?: ReactNode; defaultValue: string; error?: string; rows?: number }) {
  const described = [hint ? `${id}-aide` : "", error ? `${id}-erreur` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block font-semibold">{label}</label>
      {hint ? <p id={`${id}-aide`} className="mt-1 text-sm text-slate-600">{hint}</p> : null}
      {error ? <p id={`${id}-erreur`} className="mt-1 text-sm font-semibold text-red-700">{error}</p> : null}
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={described}
        className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700" />
    </div>
  );
}

type Details = { title: string; summary: string; preparation: string; processingDays: number; retentionMonths: number; requiresAccount: boolean; captcha: boolean; concernsMember: boolean; themeId: string };

/** Title, summary, what to prepare, expected time, account, captcha, member concerned, theme. */
export function DetailsForm({ hidden, details, themes }: { hidden: Hidden; details: Details; themes: { id: string; title: string }[] }) {
  const [state, action, pending] = useActionState<EditState, FormData>(saveDetailsAction, null);
  const v = state?.values;
  const e = state?.fieldErrors ?? {};
  const checked = (key: "requiresAccount" | "captcha" | "concernsMember") => (v ? v[key] === "on" : details[key]);
  const ids = { title: "presentation-titre", summary: "presentation-resume", preparation: "presentation-preparation", processingDays: "presentation-delai", retentionMonths: "presentation-conservation", themeId: "presentation-theme", requiresAccount: "presentation-compte" };
  return (
    <form key={state?.at} action={action} noValidate>
      <Hiddens values={hidden} />
      {state && !state.ok ? <ErrorSummary id="presentation-erreurs" message={state.message} errors={e} fieldIds={ids} /> : null}
      <TextField id={ids.title} name="title" label="Titre" defaultValue={str(v?.title, details.title)} error={e.title} />
      <TextArea id={ids.summary} name="summary" label="Résumé" hint="Une ou deux phrases, affichées dans le catalogue." rows={2} defaultValue={str(v?.summary, details.summary)} error={e.summary} />
      <TextArea id={ids.preparation} name="preparation" label="Ce qu'il faut préparer" hint="Paragraphes séparés par une ligne vide ; « - » en début de ligne pour une liste." defaultValue={str(v?.preparation, details.preparation)} error={e.preparation} />
      <TextField id={ids.processingDays} name="processingDays" label="Délai de traitement (en jours)" inputMode="numeric" className="mt-1 block w-32 rounded border border-slate-500 bg-white px-3 py-2" defaultValue={str(v?.processingDays, String(details.processingDays))} error={e.processingDays} />
      <TextField
        id={ids.retentionMonths} name="retentionMonths" label="Durée de conservation (en mois)" inputMode="numeric"
        hint="Après la clôture d'une demande (acceptée, refusée ou classée), ses données personnelles sont gardées ce nombre de mois, puis effacées : réponses, pièces jointes et notes internes. De 1 à 120 mois ; 12 par défaut. Choisissez la durée que la réglementation de la démarche impose, sans la dépasser."
        className="mt-1 block w-32 rounded border border-slate-500 bg-white px-3 py-2" defaultValue={str(v?.retentionMonths, String(details.retentionMonths))} error={e.retentionMonths}
      />
      <SelectField id={ids.themeId} name="themeId" label="Thème" defaultValue={str(v?.themeId, details.themeId)} error={e.themeId}>
        {themes.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
      </SelectField>
      <fieldset className="mt-4" aria-describedby={e.requiresAccount ? "presentation-conditions-erreur" : undefined}>
        <legend className="font-semibold">Conditions</legend>
        {e.requiresAccount ? <p id="presentation-conditions-erreur" className="mt-1 text-sm font-semibold text-red-700">{e.requiresAccount}</p> : null}
        <div className="mt-2 flex flex-col gap-1">
          <Choice id={ids.requiresAccount} type="checkbox" name="requiresAccount" defaultChecked={checked("requiresAccount")} label="Il faut un compte pour faire cette démarche" />
          <Choice type="checkbox" name="captcha" defaultChecked={checked("captcha")} label="Vérification anti-robot avant l'envoi (démarches sans compte)" />
          <Choice type="checkbox" name="concernsMember" defaultChecked={checked("concernsMember")} label="La demande concerne un membre du foyer, choisi dans le formulaire" />
        </div>
      </fieldset>
      <Button type="submit" className="mt-4" disabled={pending}>Enregistrer la présentation</Button>
    </form>
  );
}

/** A step's title and help, or a new step (`step` absent). */
export function StepForm({ hidden, step, current }: { hidden: Hidden; step?: number; current?: { title: string; help?: string } }) {
  const [state, action, pending] = useActionState<EditState, FormData>(stepAction, null);
  const key = step === undefined ? "nouvelle" : String(step + 1);
  const e = state?.fieldErrors ?? {};
  return (
    <form key={state?.at} action={action} noValidate className="mt-2">
      <Hiddens values={{ ...hidden, acte: step === undefined ? "ajouter-etape" : "modifier-etape", step: step ?? -1 }} />
      {state && !state.ok ? <ErrorSummary id={`etape-${key}-erreurs`} message={state.message} errors={e} fieldIds={{ title: `etape-${key}-titre`, help: `etape-${key}-aide-texte` }} /> : null}
      <TextField id={`etape-${key}-titre`} name="title" label="Titre de l'étape" defaultValue={str(state?.values.title, current?.title ?? "")} error={e.title} />
      {step !== undefined ? <TextArea id={`etape-${key}-aide-texte`} name="help" label="Aide de l'étape (facultative)" rows={2} defaultValue={str(state?.values.help, current?.help ?? "")} error={e.help} /> : null}
      <Button type="submit" className="mt-3" disabled={pending}>{step === undefined ? "Ajouter l'étape" : "Enregistrer l'étape"}</Button>
    </form>
  );
}

/** « Ajouter un champ » to a step: its type and label; its options are set once it exists. */
export function AddFieldForm({ hidden, step }: { hidden: Hidden; step: number }) {
  const [state, action, pending] = useActionState<EditState, FormData>(stepAction, null);
  const e = state?.fieldErrors ?? {};
  const key = `ajout-${step + 1}`;
  return (
    <form key={state?.at} action={action} noValidate className="mt-2 grid gap-x-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <Hiddens values={{ ...hidden, acte: "ajouter-champ", step }} />
      {state && !state.ok ? <div className="sm:col-span-3"><ErrorSummary id={`${key}-erreurs`} message={state.message} errors={e} fieldIds={{ label: `${key}-libelle`, type: `${key}-type` }} /></div> : null}
      <SelectField id={`${key}-type`} name="type" label="Type" defaultValue={state ? str(state.values.type) : undefined} error={e.type}>
        {Object.entries(FIELD_TYPE_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </SelectField>
      <TextField id={`${key}-libelle`} name="label" label="Libellé" defaultValue={str(state?.values.label)} error={e.label} />
      <Button type="submit" className="mt-4" disabled={pending}>Ajouter le champ</Button>
    </form>
  );
}

export type EarlierField = { name: string; label: string; type: FieldType; options?: { value: string; label: string }[] };

const PREFILL_LABELS: Record<keyof typeof PREFILL_TYPES, string> = {
  "holder.firstNames": "Prénoms du titulaire du compte",
  "holder.lastName": "Nom du titulaire",
  "holder.birthDate": "Date de naissance du titulaire",
  "holder.birthPlace": "Lieu de naissance du titulaire",
  "holder.address": "Adresse du foyer",
  "holder.email": "Adresse électronique du titulaire",
  "holder.phone": "Téléphone du titulaire",
  "holder.mobile": "Portable du titulaire",
  "member.firstNames": "Prénoms du membre concerné",
  "member.lastName": "Nom du membre concerné",
  "member.birthDate": "Date de naissance du membre concerné",
};

/** Every property of one field: those of its type appear as the type is chosen. */
export function FieldForm({ hidden, step, index, field, earlier }: { hidden: Hidden; step: number; index: number; field: Field; earlier: EarlierField[] }) {
  const [state, action, pending] = useActionState<EditState, FormData>(saveFieldAction, null);
  const v = state?.values;
  const e = state?.fieldErrors ?? {};
  const [type, setType] = useState<FieldType>((str(v?.type) as FieldType) || field.type);
  const f = field as Field & Record<string, unknown>;
  const key = `champ-${step + 1}-${index + 1}`;
  const id = (name: string) => `${key}-${name}`;
  const value = (name: string, fallback: unknown = "") => str(v?.[name], fallback === undefined || fallback === null ? "" : String(fallback));
  const same = type === field.type;
  const own = (name: string) => (same ? f[name] : undefined);
  const checkbox = (name: string, fallback: boolean) => (v ? v[name] === "on" : fallback);
  const text = (name: string, label: string, hint?: string) => (
    <TextField key={name} id={id(name)} name={name} label={label} hint={hint} defaultValue={value(name, own(name))} error={e[name]} />
  );
  const target = earlier.find((x) => x.name === value("conditionField", field.showIf?.field));
  const fieldIds = Object.fromEntries(["name", "label", "help", "type", "prefill", "condition", "options", "text", "minLength", "maxLength", "pattern", "patternMessage", "min", "max", "minSelected", "maxSelected", "maxSizeMb", "accept", "display", "among"].map((n) => [n, id(n === "condition" ? "conditionField" : n === "accept" ? "accept-pdf" : n)]));
  return (
    <form key={state?.at} action={action} noValidate className="mt-2 border-l-4 border-slate-300 pl-4">
      <Hiddens values={{ ...hidden, step, field: index }} />
      {state && !state.ok ? <ErrorSummary id={`${key}-erreurs`} message={state.message} errors={e} fieldIds={fieldIds} /> : null}
      <SelectField id={id("type")} name="type" label="Type" value={type} onChange={(event) => setType(event.target.value as FieldType)} error={e.type}
        hint="Les réglages propres au type s'affichent dessous.">
        {Object.entries(FIELD_TYPE_LABELS).map(([val, label]) => <option key={val} value={val}>{label}</option>)}
      </SelectField>
      {text("label", "Libellé")}
      {text("name", "Nom technique", "Minuscules sans accent, chiffres et _ ; il nomme la réponse dans les exports.")}
      {type === "info"
        ? <TextArea id={id("text")} name="text" label="Texte du paragraphe" defaultValue={value("text", own("text"))} error={e.text} />
        : <TextArea id={id("help")} name="help" label="Aide (facultative)" rows={2} defaultValue={value("help", field.help)} error={e.help} />}
      {type !== "info" ? (
        <div className="mt-4"><Choice type="checkbox" name="required" defaultChecked={checkbox("required", "required" in field ? Boolean(field.required) : false)} label="Réponse obligatoire" /></div>
      ) : null}

      {type === "text" || type === "textarea" ? (
        <div className="grid gap-x-4 sm:grid-cols-2">
          {text("minLength", "Longueur minimum (facultative)")}
          {text("maxLength", "Longueur maximum (facultative)")}
        </div>
      ) : null}
      {type === "text" ? (
        <>
          {text("pattern", "Format attendu (expression régulière, facultative)", "Par exemple [0-9]{5} pour un code postal.")}
          {text("patternMessage", "Message si le format n'est pas respecté")}
        </>
      ) : null}
      {type === "number" ? (
        <>
          <div className="grid gap-x-4 sm:grid-cols-2">{text("min", "Minimum (facultatif)")}{text("max", "Maximum (facultatif)")}</div>
          <div className="mt-4"><Choice type="checkbox" name="integer" defaultChecked={checkbox("integer", same && Boolean(f.integer))} label="Nombre entier seulement" /></div>
        </>
      ) : null}
      {type === "date" ? (
        <div className="grid gap-x-4 sm:grid-cols-2">
          {text("min", "Date au plus tôt (facultative)", "AAAA-MM-JJ, « today », ou « today+7 » pour dans sept jours.")}
          {text("max", "Date au plus tard (facultative)", "Même écriture.")}
        </div>
      ) : null}
      {type === "choice" || type === "multi" ? (
        <TextArea id={id("options")} name="options" label="Options, une par ligne" hint="« valeur | libellé », ou le libellé seul. La valeur ne change plus une fois des demandes reçues."
          rows={5} defaultValue={value("options", same && Array.isArray(f.options) ? optionsText(f.options as { value: string; label: string }[]) : "")} error={e.options} />
      ) : null}
      {type === "choice" ? (
        <SelectField id={id("display")} name="display" label="Affichage" defaultValue={value("display", own("display") ?? "radio")} error={e.display}>
          <option value="radio">Boutons radio (peu d&apos;options)</option>
          <option value="select">Liste déroulante (beaucoup d&apos;options)</option>
        </SelectField>
      ) : null}
      {type === "multi" ? <div className="grid gap-x-4 sm:grid-cols-2">{text("minSelected", "Cases à cocher au moins (facultatif)")}{text("maxSelected", "Cases à cocher au plus (facultatif)")}</div> : null}
      {type === "member" ? (
        <SelectField id={id("among")} name="among" label="Qui peut être choisi" defaultValue={value("among", own("among") ?? "all")} error={e.among}>
          <option value="all">Tout le foyer</option>
          <option value="children">Les enfants</option>
          <option value="adults">Les adultes</option>
        </SelectField>
      ) : null}
      {type === "file" ? (
        <>
          <ChoiceGroup legend="Formats acceptés" name={id("accept")} error={e.accept}>
            {FILE_KINDS.map((kind) => (
              <Choice key={kind} id={id(`accept-${kind}`)} type="checkbox" name="accept" value={kind} label={kind.toUpperCase()}
                defaultChecked={v ? (Array.isArray(v.accept) ? v.accept : []).includes(kind) : same ? (f.accept as string[]).includes(kind) : true} />
            ))}
          </ChoiceGroup>
          {text("maxSizeMb", "Taille maximum (en Mo, 10 au plus)")}
        </>
      ) : null}
      {type !== "info" && type !== "file" ? (
        <SelectField id={id("prefill")} name="prefill" label="Pré-remplir avec (facultatif)" defaultValue={value("prefill", "prefill" in field ? field.prefill : "")} error={e.prefill}
          hint="Ce que le compte sait déjà ; la personne peut le corriger.">
          <option value="">Rien</option>
          {Object.entries(PREFILL_TYPES).filter(([, t]) => t === type).map(([source]) => <option key={source} value={source}>{PREFILL_LABELS[source as keyof typeof PREFILL_TYPES]}</option>)}
        </SelectField>
      ) : null}

      <fieldset className="mt-4 rounded border border-slate-300 p-3">
        <legend className="px-1 font-semibold">Condition d&apos;affichage</legend>
        <SelectField id={id("conditionField")} name="conditionField" label="Afficher seulement selon la réponse à" defaultValue={value("conditionField", field.showIf?.field)} error={e.condition}>
          <option value="">Toujours afficher</option>
          {earlier.map((x) => <option key={x.name} value={x.name}>{x.label}</option>)}
        </SelectField>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField id={id("conditionOp")} name="conditionOp" label="Si la réponse" defaultValue={value("conditionOp", field.showIf?.op ?? "equals")}>
            <option value="equals">est</option>
            <option value="notEquals">n&apos;est pas</option>
            <option value="contains">comprend (cases à cocher)</option>
          </SelectField>
          <TextField id={id("conditionValue")} name="conditionValue" label="Valeur" list={`${key}-valeurs`}
            hint={target?.type === "yesno" ? "« oui » ou « non »." : target?.options ? "La valeur d'une option." : undefined}
            defaultValue={value("conditionValue", field.showIf ? (typeof field.showIf.value === "boolean" ? (field.showIf.value ? "oui" : "non") : field.showIf.value) : "")} />
          <datalist id={`${key}-valeurs`}>
            {(target?.type === "yesno" ? [{ value: "oui", label: "Oui" }, { value: "non", label: "Non" }] : target?.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </datalist>
        </div>
      </fieldset>
      <Button type="submit" className="mt-4" disabled={pending}>Enregistrer le champ</Button>
    </form>
  );
}
