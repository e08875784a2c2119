import * as z from "zod/mini";
import { fieldErrorsOf } from "@/lib/forms";
import { slugify } from "@/lib/text";
import { allFields, conditionProblems, FILE_KINDS, fieldSchema, hasValue, PREFILL_TYPES, validateDefinition, type Field, type FieldType, type ProcedureDefinition, type ProcedureDefinitionInput } from "@/lib/procedures/definition";

// The edits of the démarche builder, as pure functions on the working copy of a form. The working
// copy may be incomplete while the admin builds it (a step without fields yet, a condition on a
// field moved after it): each field in it is well-formed on its own, and the whole is checked by
// validateDefinition before it can be published.

export type WorkingStep = { id: string; title: string; help?: string; fields: Field[] };
export type WorkingDefinition = { steps: WorkingStep[] };
export type Edit = { ok: true; definition: WorkingDefinition } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: "Texte court",
  textarea: "Texte long",
  email: "Adresse électronique",
  phone: "Téléphone",
  number: "Nombre",
  date: "Date",
  choice: "Choix unique",
  multi: "Cases à cocher",
  yesno: "Oui / non",
  address: "Adresse postale",
  member: "Membre du foyer",
  info: "Paragraphe d'information",
  file: "Pièce justificative",
};

export const STARTER: ProcedureDefinitionInput = {
  steps: [{ id: "demande", title: "Votre demande", fields: [{ type: "textarea", name: "objet", label: "Objet de votre demande", required: true }] }],
};

const ok = (definition: WorkingDefinition): Edit => ({ ok: true, definition });
const refused = (message: string): Edit => ({ ok: false, message });
const STALE = "Cet élément n'existe plus : rechargez la page.";

/** The working copy as stored (JSON), tolerant of what an older build wrote. */
export function readWorking(value: unknown): WorkingDefinition {
  const steps = Array.isArray((value as { steps?: unknown })?.steps) ? (value as { steps: unknown[] }).steps : [];
  return {
    steps: steps.map((raw, i) => {
      const step = (raw ?? {}) as Partial<WorkingStep>;
      const fields = (Array.isArray(step.fields) ? step.fields : []).flatMap((f) => {
        const parsed = fieldSchema.safeParse(f);
        return parsed.success ? [parsed.data] : [];
      });
      return { id: String(step.id ?? `etape-${i + 1}`), title: String(step.title ?? `Étape ${i + 1}`), ...(step.help ? { help: String(step.help) } : {}), fields };
    }),
  };
}

/** A name not yet taken, from a label: « Date souhaitée » → date_souhaitee, then date_souhaitee_2… */
function freeName(label: string, taken: Set<string>, fallback: string): string {
  let base = slugify(label).replace(/-/g, "_").slice(0, 40);
  if (!/^[a-z]/.test(base)) base = `${fallback}_${base}`.replace(/_$/, "");
  if (base in Object.prototype) base = `${base}_champ`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}
const namesOf = (definition: WorkingDefinition) => new Set(definition.steps.flatMap((s) => s.fields.map((f) => f.name)));

const titleSchema = z.string().check(z.trim(), z.minLength(1, "Indiquez le titre de l'étape."), z.maxLength(200, "Le titre : 200 caractères au plus."));
const helpSchema = z.string().check(z.trim(), z.maxLength(1000, "L'aide : 1000 caractères au plus."));

export function addStep(definition: WorkingDefinition, title: string): Edit {
  const parsed = titleSchema.safeParse(title);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message, fieldErrors: { title: parsed.error.issues[0]!.message } };
  if (definition.steps.length >= 20) return refused("Un formulaire compte 20 étapes au plus.");
  const ids = new Set(definition.steps.map((s) => s.id));
  let base = slugify(parsed.data).slice(0, 40);
  if (!/^[a-z]/.test(base)) base = `etape-${base}`.replace(/-$/, "");
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return ok({ steps: [...definition.steps, { id, title: parsed.data, fields: [] }] });
}

export function updateStep(definition: WorkingDefinition, index: number, input: { title: string; help: string }): Edit {
  if (!definition.steps[index]) return refused(STALE);
  const title = titleSchema.safeParse(input.title);
  const help = helpSchema.safeParse(input.help);
  if (!title.success || !help.success) {
    const fieldErrors = { ...(title.success ? {} : { title: title.error.issues[0]!.message }), ...(help.success ? {} : { help: help.error.issues[0]!.message }) };
    return { ok: false, message: "Certaines informations sont à corriger.", fieldErrors };
  }
  const steps = definition.steps.map((s, i) => {
    if (i !== index) return s;
    const { id, fields } = s;
    return help.data ? { id, title: title.data, help: help.data, fields } : { id, title: title.data, fields };
  });
  return ok({ steps });
}

function swap<T>(list: T[], i: number, j: number): T[] {
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
}

export function moveStep(definition: WorkingDefinition, index: number, direction: "haut" | "bas"): Edit {
  const target = direction === "haut" ? index - 1 : index + 1;
  if (!definition.steps[index]) return refused(STALE);
  if (!definition.steps[target]) return ok(definition);
  return ok({ steps: swap(definition.steps, index, target) });
}

export function removeStep(definition: WorkingDefinition, index: number): Edit {
  if (!definition.steps[index]) return refused(STALE);
  if (definition.steps.length === 1) return refused("Un formulaire garde au moins une étape : ajoutez-en une autre avant de supprimer celle-ci.");
  return ok({ steps: definition.steps.filter((_, i) => i !== index) });
}

/** A new field of the type chosen, with what that type cannot do without (options, a text). */
export function addField(definition: WorkingDefinition, stepIndex: number, type: string, label: string): Edit {
  const step = definition.steps[stepIndex];
  if (!step) return refused(STALE);
  if (!Object.hasOwn(FIELD_TYPE_LABELS, type)) return { ok: false, message: "Choisissez le type du champ.", fieldErrors: { type: "Choisissez le type du champ." } };
  const text = label.trim().slice(0, 200);
  if (!text) return { ok: false, message: "Indiquez le libellé du champ.", fieldErrors: { label: "Indiquez le libellé du champ." } };
  if (step.fields.length >= 50) return refused("Une étape compte 50 champs au plus : ajoutez une étape.");
  const name = freeName(text, namesOf(definition), type === "info" ? "info" : "champ");
  const extra: Record<string, unknown> =
    type === "choice" ? { options: [{ value: "option_1", label: "Option 1" }, { value: "option_2", label: "Option 2" }] }
    : type === "multi" ? { options: [{ value: "option_1", label: "Option 1" }] }
    : type === "info" ? { text: "Texte à écrire." }
    : {};
  const field = fieldSchema.parse({ type, name, label: text, ...extra });
  return ok({ steps: definition.steps.map((s, i) => (i === stepIndex ? { ...s, fields: [...s.fields, field] } : s)) });
}

/**
 * Moves a field one place; from the top of a step it goes to the end of the step before, from the
 * bottom to the top of the next one, so that buttons alone can place it anywhere.
 */
export function moveField(definition: WorkingDefinition, stepIndex: number, fieldIndex: number, direction: "haut" | "bas"): Edit {
  const step = definition.steps[stepIndex];
  const field = step?.fields[fieldIndex];
  if (!step || !field) return refused(STALE);
  const target = direction === "haut" ? fieldIndex - 1 : fieldIndex + 1;
  if (step.fields[target]) {
    return ok({ steps: definition.steps.map((s, i) => (i === stepIndex ? { ...s, fields: swap(s.fields, fieldIndex, target) } : s)) });
  }
  const otherIndex = direction === "haut" ? stepIndex - 1 : stepIndex + 1;
  if (!definition.steps[otherIndex]) return ok(definition);
  return ok({
    steps: definition.steps.map((s, i) => {
      if (i === stepIndex) return { ...s, fields: s.fields.filter((_, j) => j !== fieldIndex) };
      if (i === otherIndex) return { ...s, fields: direction === "haut" ? [...s.fields, field] : [field, ...s.fields] };
      return s;
    }),
  });
}

export function removeField(definition: WorkingDefinition, stepIndex: number, fieldIndex: number): Edit {
  const field = definition.steps[stepIndex]?.fields[fieldIndex];
  if (!field) return refused(STALE);
  const dependent = definition.steps.flatMap((s) => s.fields).find((f) => f.showIf?.field === field.name);
  if (dependent) return refused(`« ${dependent.label} » ne s'affiche que selon la réponse à « ${field.label} » : retirez d'abord cette condition.`);
  return ok({ steps: definition.steps.map((s, i) => (i === stepIndex ? { ...s, fields: s.fields.filter((_, j) => j !== fieldIndex) } : s)) });
}

/** Fields placed before this one: the only ones a condition may look at (answered earlier). */
export function earlierFields(definition: WorkingDefinition, stepIndex: number, fieldIndex: number): Field[] {
  const all = definition.steps.flatMap((s, i) => s.fields.map((f, j) => ({ f, before: i < stepIndex || (i === stepIndex && j < fieldIndex) })));
  return all.filter((x) => x.before && hasValue(x.f) && !["file", "address", "member"].includes(x.f.type)).map((x) => x.f);
}

export type FieldForm = Record<string, string | string[] | undefined>;

const one = (form: FieldForm, key: string): string => {
  const v = form[key];
  return String((Array.isArray(v) ? v[0] : v) ?? "");
};
const optionalNumber = (value: string) => (value.trim() === "" ? undefined : Number(value.replace(",", ".")));
const optionalText = (value: string) => (value.trim() === "" ? undefined : value.trim());

/**
 * « Valeur | Libellé » per line, or the libellé alone (its value then derived from it): the way an
 * admin types a list of options in a text box.
 */
export function parseOptions(text: string): { value: string; label: string }[] {
  const taken = new Set<string>();
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [left, ...right] = line.split("|");
      const label = (right.length ? right.join("|") : left!).trim();
      const value = right.length ? left!.trim() : freeName(label, taken, "option");
      taken.add(value);
      return { value, label };
    });
}
export const optionsText = (options: { value: string; label: string }[]) => options.map((o) => `${o.value} | ${o.label}`).join("\n");

/** Where each key of the field's definition is typed in the form (for errors). */
const INPUT_OF: Record<string, string> = { showIf: "condition", patternMessage: "patternMessage" };

/**
 * The field the admin's form describes, checked as the citizen form will use it. `conditionTarget`
 * is the field the condition looks at (to read its value as a number, yes/no or text).
 */
export function fieldFromForm(form: FieldForm, conditionTarget: Field | undefined): { ok: true; field: Field } | { ok: false; message: string; fieldErrors: Record<string, string> } {
  const type = one(form, "type");
  const raw: Record<string, unknown> = { type, name: one(form, "name").trim(), label: one(form, "label"), help: optionalText(one(form, "help")) };
  if (type !== "info") {
    raw.required = one(form, "required") === "on";
    const prefill = one(form, "prefill");
    if (prefill) raw.prefill = prefill;
  }
  const conditionField = one(form, "conditionField");
  if (conditionField) {
    const value = one(form, "conditionValue").trim();
    const read = conditionTarget?.type === "yesno" ? (value === "oui" || value === "true" ? true : value === "non" || value === "false" ? false : value)
      : conditionTarget?.type === "number" && value !== "" && !Number.isNaN(Number(value.replace(",", "."))) ? Number(value.replace(",", "."))
      : value;
    raw.showIf = { field: conditionField, op: one(form, "conditionOp") || "equals", value: read };
  }
  switch (type) {
    case "text":
      Object.assign(raw, { minLength: optionalNumber(one(form, "minLength")), maxLength: optionalNumber(one(form, "maxLength")), pattern: optionalText(one(form, "pattern")), patternMessage: optionalText(one(form, "patternMessage")) });
      break;
    case "textarea":
      Object.assign(raw, { minLength: optionalNumber(one(form, "minLength")), maxLength: optionalNumber(one(form, "maxLength")) });
      break;
    case "number":
      Object.assign(raw, { min: optionalNumber(one(form, "min")), max: optionalNumber(one(form, "max")), integer: one(form, "integer") === "on" });
      break;
    case "date":
      Object.assign(raw, { min: optionalText(one(form, "min")), max: optionalText(one(form, "max")) });
      break;
    case "choice":
      Object.assign(raw, { display: one(form, "display") || "radio", options: parseOptions(one(form, "options")) });
      break;
    case "multi":
      Object.assign(raw, { options: parseOptions(one(form, "options")), minSelected: optionalNumber(one(form, "minSelected")), maxSelected: optionalNumber(one(form, "maxSelected")) });
      break;
    case "member":
      raw.among = one(form, "among") || "all";
      break;
    case "info":
      raw.text = one(form, "text");
      break;
    case "file": {
      const accept = form.accept === undefined ? [] : Array.isArray(form.accept) ? form.accept : [form.accept];
      Object.assign(raw, { accept: accept.filter((k) => (FILE_KINDS as readonly string[]).includes(k)), maxSizeMb: optionalNumber(one(form, "maxSizeMb")) });
      break;
    }
  }
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  const parsed = fieldSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    const fieldErrors: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) {
      const key = path.split(".")[0]!;
      fieldErrors[INPUT_OF[key] ?? (key === "_" ? "type" : key)] ??= message;
    }
    return { ok: false, message: "Ce champ est à corriger.", fieldErrors };
  }
  const field = parsed.data;
  if (field.showIf && conditionTarget) {
    const [problem] = conditionTarget.type === "yesno" && typeof field.showIf.value !== "boolean"
      ? [`« ${conditionTarget.label} » se répond par oui ou non : écrivez « oui » ou « non ».`]
      : conditionProblems(field.showIf, conditionTarget);
    if (problem) return { ok: false, message: "Ce champ est à corriger.", fieldErrors: { condition: problem.charAt(0).toUpperCase() + problem.slice(1) } };
  }
  if (hasValue(field) && field.prefill && PREFILL_TYPES[field.prefill] !== field.type) {
    const message = `Ce pré-remplissage convient à un champ « ${FIELD_TYPE_LABELS[PREFILL_TYPES[field.prefill]]} » : choisissez-en un autre ou aucun.`;
    return { ok: false, message: "Ce champ est à corriger.", fieldErrors: { prefill: message } };
  }
  return { ok: true, field };
}

/** Replaces a field, keeping names unique and conditions on it in step with a renamed field. */
export function updateField(definition: WorkingDefinition, stepIndex: number, fieldIndex: number, field: Field): Edit {
  const previous = definition.steps[stepIndex]?.fields[fieldIndex];
  if (!previous) return refused(STALE);
  const others = definition.steps.flatMap((s, i) => s.fields.filter((_, j) => !(i === stepIndex && j === fieldIndex)));
  if (others.some((f) => f.name === field.name)) {
    const message = `Le nom technique « ${field.name} » est déjà pris par un autre champ.`;
    return { ok: false, message, fieldErrors: { name: message } };
  }
  const renamed = (f: Field): Field => (previous.name !== field.name && f.showIf?.field === previous.name ? { ...f, showIf: { ...f.showIf, field: field.name } } : f);
  return ok({
    steps: definition.steps.map((s, i) => ({ ...s, fields: s.fields.map((f, j) => (i === stepIndex && j === fieldIndex ? field : renamed(f))) })),
  });
}

/** What validateDefinition checks, plus what the démarche's own details require of its form. */
export function publishCheck(working: WorkingDefinition, details: { requiresAccount: boolean; concernsMember: boolean; summary: string }): { ok: true; definition: ProcedureDefinition } | { ok: false; errors: string[] } {
  const result = validateDefinition(working);
  if (!result.ok) return result;
  const fields = allFields(result.definition);
  const errors: string[] = [];
  if (!details.summary.trim()) errors.push("Écrivez le résumé de la démarche (Présentation) : le catalogue l'affiche sous son titre.");
  if (!details.requiresAccount) {
    const email = fields.find((f) => f.type === "email");
    if (!email || !email.required || email.showIf) errors.push("Sans compte, le formulaire demande une adresse électronique obligatoire, toujours affichée : le numéro et le code de suivi y sont envoyés.");
    if (fields.some((f) => f.type === "member")) errors.push("Sans compte, il n'y a pas de foyer : retirez le champ « Membre du foyer » ou demandez un compte.");
    if (fields.some((f) => hasValue(f) && f.prefill)) errors.push("Sans compte, rien ne peut être pré-rempli : retirez les pré-remplissages ou demandez un compte.");
  }
  if (fields.filter((f) => f.type === "member").length > 1) errors.push("Un formulaire choisit un seul membre du foyer : gardez un seul champ « Membre du foyer ».");
  if (details.concernsMember && !fields.some((f) => f.type === "member")) errors.push("La démarche concerne un membre du foyer : ajoutez un champ « Membre du foyer » pour le choisir.");
  return errors.length ? { ok: false, errors } : result;
}
