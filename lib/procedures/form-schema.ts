import * as z from "zod/mini";
import {
  TEXT_MAX,
  TEXTAREA_MAX,
  allFields,
  hasValue,
  isRealDay,
  patternRegExp,
  resolveDateBound,
  type Field,
  type ProcedureDefinition,
  type ValueField,
} from "@/lib/procedures/definition";

// Turns a démarche's definition into the zod schema of its answers, shared by the wizard
// (react-hook-form) and the server. A draft is lenient (anything may be missing or half typed)
// but never stores a value of the wrong type; a submission is strict. Answers are a plain object
// keyed by field name.

export type Mode = "draft" | "submit";
export type Answers = Record<string, unknown>;
export type AddressAnswer = { line1: string; line2?: string; postalCode: string; city: string };
export type FileAnswer = { kind: "upload"; attachmentId: string } | { kind: "paper" };

/** The schema of a démarche's answers: every field in `mode`. */
export function buildAnswersSchema(definition: ProcedureDefinition, mode: Mode) {
  return answersSchema(definition, () => mode);
}

/**
 * The schema of one step of the wizard: that step's fields in `mode`, the others as a draft (the
 * form holds every answer, and conditions may look at earlier steps). Throws on an unknown step:
 * callers check the step id they got from the URL first.
 */
export function stepSchema(definition: ProcedureDefinition, stepId: string, mode: Mode) {
  const step = definition.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`Unknown step "${stepId}"`);
  const inStep = new Set(step.fields.map((f) => f.name));
  return answersSchema(definition, (field) => (inStep.has(field.name) ? mode : "draft"));
}

/**
 * The fields shown given the answers, in order. A field with a condition is shown once the field
 * it depends on is shown and answered in a way that meets it: an unanswered question hides what
 * depends on it, whatever the operator.
 */
export function visibleFields(definition: ProcedureDefinition, answers: unknown): Field[] {
  const shown = new Map<string, Field>();
  for (const field of allFields(definition)) {
    const condition = field.showIf;
    const target = condition && shown.get(condition.field);
    if (condition && !(target && hasValue(target) && meets(target, answerOf(answers, target.name), condition.op, condition.value))) continue;
    shown.set(field.name, field);
  }
  return [...shown.values()];
}

function answersSchema(definition: ProcedureDefinition, modeOf: (field: ValueField) => Mode): z.ZodMiniType<Answers, Answers> {
  const fields = allFields(definition).filter(hasValue);
  const schemas = new Map(fields.map((field) => [field.name, valueSchema(field, modeOf(field))]));
  // Information paragraphs take no answer, so their names are unknown keys like any other.
  const shape = Object.fromEntries(fields.map((field) => [field.name, z.optional(z.unknown())]));
  return z.pipe(
    z.strictObject(shape, { error: "Réponses illisibles : rechargez la page et recommencez." }),
    z.transform((answers: Answers, ctx) => {
      const shown = new Set(visibleFields(definition, answers).map((f) => f.name));
      const output: Answers = {};
      for (const field of fields) {
        const mode = modeOf(field);
        // A hidden field is neither required nor kept on submission. A draft keeps it, so that
        // changing an answer back brings back what was typed.
        if (mode === "submit" && !shown.has(field.name)) continue;
        const value = answerOf(answers, field.name);
        if (isBlank(field, value)) {
          if (mode === "submit" && field.required) ctx.issues.push({ code: "custom", path: [field.name], message: requiredMessage(field), input: value });
          continue;
        }
        const result = schemas.get(field.name)!.safeParse(value);
        if (result.success) output[field.name] = result.data;
        // Only an address has parts the form shows separately; other errors go on the field itself.
        else for (const issue of result.error.issues)
          ctx.issues.push({ code: "custom", path: [field.name, ...(field.type === "address" ? issue.path : [])], message: issue.message, input: value });
      }
      return output;
    }),
  );
}

const PHONE = /^(?:\+33|0)[1-9]\d{8}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

// Every string is bounded first, with `abort` so no later check (a pattern) ever runs on a huge input.
const string = (max: number, error = "Saisissez du texte.", ...checks: z.core.$ZodCheck<string>[]) =>
  z.string({ error }).check(z.maxLength(max, { error: `${max} caractères au plus : raccourcissez votre réponse.`, abort: true }), ...checks);

function valueSchema(field: ValueField, mode: Mode): z.ZodMiniType {
  const strict = mode === "submit";
  switch (field.type) {
    case "text":
    case "textarea": {
      const max = field.maxLength ?? (field.type === "text" ? TEXT_MAX : TEXTAREA_MAX);
      if (!strict) return string(max);
      const checks: z.core.$ZodCheck<string>[] = [z.trim()];
      if (field.minLength) checks.push(z.minLength(field.minLength, `${field.minLength} caractères au moins : complétez votre réponse.`));
      if (field.type === "text" && field.pattern) checks.push(z.regex(patternRegExp(field.pattern), field.patternMessage ?? "Format incorrect."));
      return string(max, undefined, ...checks);
    }
    case "email":
      if (!strict) return string(254);
      return z.pipe(string(254, undefined, z.trim()), z.email("Adresse électronique invalide, par exemple prenom.nom@exemple.fr."));
    case "phone":
      if (!strict) return string(20, "Saisissez un numéro de téléphone.");
      return string(
        20,
        "Saisissez un numéro de téléphone.",
        z.overwrite((v) => v.replace(/[\s.-]/g, "")),
        z.regex(PHONE, "Numéro à 10 chiffres (06 12 34 56 78) ou commençant par +33."),
      );
    case "number": {
      // A form input gives "12" or "12,5"; anything else that is not a number is refused.
      const checks: z.core.$ZodCheck<number>[] = [];
      if (strict && field.integer) checks.push(z.refine(Number.isSafeInteger, "Saisissez un nombre entier, sans virgule."));
      if (strict && field.min !== undefined) checks.push(z.minimum(field.min, `Saisissez un nombre supérieur ou égal à ${field.min}.`));
      if (strict && field.max !== undefined) checks.push(z.maximum(field.max, `Saisissez un nombre inférieur ou égal à ${field.max}.`));
      const number = z.number({ error: "Saisissez un nombre, par exemple 12." }).check(...checks);
      return z.pipe(z.transform((v: unknown) => (typeof v === "string" && /^\s*-?\d{1,15}([.,]\d{1,15})?\s*$/.test(v) ? Number(v.trim().replace(",", ".")) : v)), number);
    }
    case "date": {
      const day = z
        .string({ error: "Indiquez une date (jour, mois, année)." })
        .check(
          z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Indiquez une date (jour, mois, année).", abort: true }),
          z.refine(isRealDay, { error: "Cette date n'existe pas : vérifiez le jour et le mois.", abort: true }),
        );
      if (!strict) return day;
      // Bounds such as "today+7" are resolved when the answers are checked, not when the schema is built.
      return day.check(z.superRefine((value: string, ctx) => {
        const min = field.min && resolveDateBound(field.min);
        const max = field.max && resolveDateBound(field.max);
        if (min && value < min) ctx.addIssue({ code: "custom", message: `Choisissez une date à partir du ${frenchDay(min)}.` });
        if (max && value > max) ctx.addIssue({ code: "custom", message: `Choisissez une date jusqu'au ${frenchDay(max)} au plus tard.` });
      }));
    }
    case "choice":
      return z.enum(optionValues(field), { error: "Choisissez l'une des réponses proposées." });
    case "multi": {
      const values = optionValues(field);
      const checks: z.core.$ZodCheck<string[]>[] = [
        z.maxLength(values.length, { error: "Cochez uniquement des réponses proposées.", abort: true }),
        z.refine((list: string[]) => new Set(list).size === list.length, "Chaque réponse ne se coche qu'une fois."),
      ];
      const { minSelected: min, maxSelected: max } = field;
      if (strict && min) checks.push(z.refine((list: string[]) => list.length >= min, `Cochez au moins ${min} réponse${min > 1 ? "s" : ""}.`));
      if (strict && max) checks.push(z.refine((list: string[]) => list.length <= max, `Cochez au plus ${max} réponse${max > 1 ? "s" : ""}.`));
      return z.array(z.enum(values, { error: "Cochez uniquement des réponses proposées." }), { error: "Cochez une ou plusieurs réponses." }).check(...checks);
    }
    case "yesno":
      // Radio buttons give "true" and "false".
      return z.pipe(z.transform((v: unknown) => (v === "true" ? true : v === "false" ? false : v)), z.boolean({ error: "Répondez par oui ou par non." }));
    case "address":
      return addressSchema(strict);
    case "member":
      // Only the shape here: the server checks that the member belongs to the account.
      return z.string({ error: "Choisissez la personne concernée." }).check(z.regex(ID, "Choisissez la personne concernée dans la liste."));
    case "file":
      // Only the reference here: the upload route checks the piece's type and size against the field.
      return z.discriminatedUnion(
        "kind",
        [
          z.strictObject({ kind: z.literal("upload"), attachmentId: z.string().check(z.regex(ID)) }),
          z.strictObject({ kind: z.literal("paper") }),
        ],
        { error: "Ajoutez la pièce, ou cochez « Je la fournirai sur papier »." },
      );
  }
}

function addressSchema(strict: boolean) {
  const part = (max: number, missing: string) => (strict ? string(max, undefined, z.trim(), z.minLength(1, missing)) : z.optional(string(max)));
  return z.strictObject(
    {
      line1: part(TEXT_MAX, "Indiquez le numéro et la voie."),
      line2: z.optional(strict ? string(TEXT_MAX, undefined, z.trim()) : string(TEXT_MAX)),
      postalCode: strict ? string(10, undefined, z.trim(), z.regex(/^\d{5}$/, "Le code postal compte 5 chiffres, par exemple 34200.")) : z.optional(string(10)),
      city: part(100, "Indiquez la commune."),
    },
    { error: "Adresse illisible : saisissez-la de nouveau." },
  );
}

// Nothing typed yet: an empty or blank string, an unchecked list, an empty number input (NaN), an
// address whose parts are all empty. A draft leaves it out; a submission asks for it if required.
function isBlank(field: ValueField, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (typeof value === "number") return Number.isNaN(value);
  if (Array.isArray(value)) return value.length === 0;
  if (field.type === "address" && typeof value === "object")
    return Object.entries(value).every(([key, part]) => ["line1", "line2", "postalCode", "city"].includes(key) && (part == null || part === ""));
  return false;
}

function requiredMessage(field: ValueField): string {
  switch (field.type) {
    case "date":
      return "Ce champ est obligatoire : indiquez une date.";
    case "choice":
      return "Ce champ est obligatoire : choisissez une réponse.";
    case "multi":
      return "Ce champ est obligatoire : cochez au moins une réponse.";
    case "yesno":
      return "Ce champ est obligatoire : répondez par oui ou par non.";
    case "address":
      return "Ce champ est obligatoire : indiquez l'adresse (numéro et voie, code postal, commune).";
    case "member":
      return "Ce champ est obligatoire : choisissez la personne concernée.";
    case "file":
      return "Cette pièce est obligatoire : ajoutez-la, ou cochez « Je la fournirai sur papier ».";
    default:
      return "Ce champ est obligatoire : renseignez-le.";
  }
}

// Conditions compare the answer as the draft schema reads it ("true" is true, "12" is 12).
function meets(target: ValueField, raw: unknown, op: "equals" | "notEquals" | "contains", expected: string | number | boolean): boolean {
  if (isBlank(target, raw)) return false;
  const parsed = valueSchema(target, "draft").safeParse(raw);
  if (!parsed.success) return false;
  const value = typeof parsed.data === "string" ? parsed.data.trim() : parsed.data;
  if (op === "contains") return Array.isArray(value) && value.includes(expected);
  return (value === expected) === (op === "equals");
}

// Own keys only: an answer named like an Object.prototype member must not read the prototype.
const answerOf = (answers: unknown, name: string): unknown =>
  answers !== null && typeof answers === "object" && Object.hasOwn(answers, name) ? (answers as Answers)[name] : undefined;

const optionValues = (field: { options: { value: string }[] }) => field.options.map((o) => o.value) as [string, ...string[]];

const frenchDay = (day: string) => day.split("-").reverse().join("/");
