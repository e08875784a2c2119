import * as z from "zod/mini";

// A démarche's form is data: ordered steps of typed fields, written by the commune in the back
// office and stored as JSON in ProcedureVersion.definition. This module is the one description of
// that JSON: its zod schema, its TypeScript types, and the checks a shape cannot express.
// No server-only import: the browser renders the same definition. zod/mini, as every schema the
// browser loads (docs/decisions/0026-zod-in-the-browser.md).

export const TEXT_MAX = 200;
export const TEXTAREA_MAX = 5000;
export const MAX_FILE_SIZE_MB = 10;
export const FILE_KINDS = ["pdf", "jpeg", "png"] as const;

/** What the account knows, and the only field type each piece can fill. */
export const PREFILL_TYPES = {
  "holder.firstNames": "text",
  "holder.lastName": "text",
  "holder.birthDate": "date",
  "holder.birthPlace": "text",
  "holder.address": "address",
  "holder.email": "email",
  "holder.phone": "phone",
  "holder.mobile": "phone",
  "member.firstNames": "text",
  "member.lastName": "text",
  "member.birthDate": "date",
} as const;
export type PrefillSource = keyof typeof PREFILL_TYPES;
const PREFILL_SOURCES = Object.keys(PREFILL_TYPES) as [PrefillSource, ...PrefillSource[]];

// A date bound is a day ("2026-09-01") or a number of days from today ("today", "today+7", "today-30").
const DATE_BOUND = /^(?:\d{4}-\d{2}-\d{2}|today(?:[+-]\d{1,4})?)$/;

const fieldName = z.string({ error: "Donnez un nom technique au champ." }).check(
  z.maxLength(50, "Le nom technique : 50 caractères au plus."),
  z.regex(/^[a-z][a-z0-9_]*$/, "Le nom technique commence par une lettre et ne contient que des minuscules sans accent, des chiffres et _ (par exemple date_souhaitee)."),
  // Answers are plain objects: a name like "constructor" would read Object.prototype.
  z.refine((name) => !(name in Object.prototype), "Ce nom technique est réservé : choisissez-en un autre."),
  // The form's own inputs (the anti-robot check, the hidden trap field) already carry these names.
  z.refine((name) => !["website", "altcha"].includes(name), "Ce nom technique est réservé au formulaire : choisissez-en un autre."),
);
const label = z
  .string({ error: "Indiquez un libellé." })
  .check(z.trim(), z.minLength(1, "Indiquez un libellé."), z.maxLength(TEXT_MAX, `Le libellé : ${TEXT_MAX} caractères au plus.`));
const help = z.optional(z.string({ error: "L'aide est un texte." }).check(z.trim(), z.maxLength(1000, "L'aide : 1000 caractères au plus.")));
const count = (max: number) =>
  z.optional(z.int({ error: "Indiquez un nombre entier." }).check(z.minimum(0, "Indiquez un nombre positif."), z.maximum(max, `${max} au plus.`)));
const dateBound = z.optional(
  z.string({ error: "Borne de date attendue." }).check(z.regex(DATE_BOUND, "Une borne de date s'écrit AAAA-MM-JJ, « today », ou « today+7 » pour dans sept jours.")),
);

const showIf = z.strictObject({
  field: z.string({ error: "Indiquez le nom du champ dont dépend la condition." }),
  op: z.enum(["equals", "notEquals", "contains"], { error: "Condition : choisissez « equals », « notEquals » ou « contains »." }),
  value: z.union([z.string().check(z.maxLength(TEXT_MAX)), z.number(), z.boolean()], { error: "Condition : la valeur est un texte, un nombre ou true/false." }),
});

const option = z.strictObject({
  value: z
    .string({ error: "Indiquez la valeur de l'option." })
    .check(z.trim(), z.minLength(1, "Indiquez la valeur de l'option."), z.maxLength(100, "La valeur d'une option : 100 caractères au plus.")),
  label,
});
const options = (min: number) =>
  z
    .array(option, { error: "Indiquez les options." })
    .check(z.minLength(min, min > 1 ? `Proposez au moins ${min} options.` : "Proposez au moins une option."), z.maxLength(100, "100 options au plus."));

// Every field, with or without a value.
const common = { name: fieldName, label, help, showIf: z.optional(showIf) };
// Every field that takes an answer.
const valued = {
  ...common,
  required: z._default(z.boolean({ error: "« required » vaut true ou false." }), false),
  prefill: z.optional(z.enum(PREFILL_SOURCES, { error: `Pré-remplissage inconnu : choisissez parmi ${PREFILL_SOURCES.join(", ")}.` })),
};

export const fieldSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      ...valued,
      type: z.literal("text"),
      minLength: count(TEXT_MAX),
      maxLength: count(TEXT_MAX),
      pattern: z.optional(z.string().check(z.minLength(1), z.maxLength(200, "Le motif : 200 caractères au plus."))),
      patternMessage: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(TEXT_MAX))),
    }),
    z.strictObject({ ...valued, type: z.literal("textarea"), minLength: count(TEXTAREA_MAX), maxLength: count(TEXTAREA_MAX) }),
    z.strictObject({ ...valued, type: z.literal("email") }),
    z.strictObject({ ...valued, type: z.literal("phone") }),
    z.strictObject({
      ...valued,
      type: z.literal("number"),
      min: z.optional(z.number({ error: "Le minimum est un nombre." })),
      max: z.optional(z.number({ error: "Le maximum est un nombre." })),
      integer: z._default(z.boolean({ error: "« integer » vaut true ou false." }), false),
    }),
    z.strictObject({ ...valued, type: z.literal("date"), min: dateBound, max: dateBound }),
    z.strictObject({
      ...valued,
      type: z.literal("choice"),
      display: z._default(z.enum(["radio", "select"], { error: "Affichage : « radio » ou « select »." }), "radio"),
      options: options(2),
    }),
    z.strictObject({ ...valued, type: z.literal("multi"), options: options(1), minSelected: count(100), maxSelected: count(100) }),
    z.strictObject({ ...valued, type: z.literal("yesno") }),
    z.strictObject({ ...valued, type: z.literal("address") }),
    z.strictObject({
      ...valued,
      type: z.literal("member"),
      /** Who may be chosen: anyone of the household, only its children, or only its adults. */
      among: z._default(z.enum(["all", "children", "adults"], { error: "« among » vaut all, children ou adults." }), "all"),
    }),
    z.strictObject({
      ...common,
      type: z.literal("info"),
      text: z
        .string({ error: "Écrivez le texte du paragraphe." })
        .check(z.trim(), z.minLength(1, "Écrivez le texte du paragraphe."), z.maxLength(TEXTAREA_MAX, `Le paragraphe : ${TEXTAREA_MAX} caractères au plus.`)),
    }),
    z.strictObject({
      ...valued,
      type: z.literal("file"),
      accept: z._default(
        z
          .array(z.enum(FILE_KINDS, { error: "Formats acceptés : pdf, jpeg ou png." }), { error: "Indiquez les formats acceptés." })
          .check(z.minLength(1, "Acceptez au moins un format : pdf, jpeg ou png.")),
        [...FILE_KINDS],
      ),
      maxSizeMb: z._default(
        z
          .number({ error: "La taille maximale est un nombre de Mo." })
          .check(z.positive("La taille maximale est un nombre de Mo positif."), z.maximum(MAX_FILE_SIZE_MB, `Une pièce fait ${MAX_FILE_SIZE_MB} Mo au plus.`)),
        MAX_FILE_SIZE_MB,
      ),
    }),
  ],
  { error: "Type de champ inconnu : text, textarea, email, phone, number, date, choice, multi, yesno, address, member, info ou file." },
);

const stepSchema = z.strictObject({
  id: z
    .string({ error: "Donnez un identifiant à l'étape." })
    .check(
      z.maxLength(50, "L'identifiant de l'étape : 50 caractères au plus."),
      z.regex(/^[a-z][a-z0-9_-]*$/, "L'identifiant de l'étape ne contient que des minuscules sans accent, des chiffres, - et _."),
    ),
  title: label,
  help,
  fields: z
    .array(fieldSchema, { error: "Indiquez les champs de l'étape." })
    .check(z.minLength(1, "Une étape contient au moins un champ."), z.maxLength(50, "Une étape : 50 champs au plus.")),
});

export const procedureDefinitionSchema = z.strictObject({
  steps: z
    .array(stepSchema, { error: "Indiquez les étapes du formulaire." })
    .check(z.minLength(1, "Le formulaire contient au moins une étape."), z.maxLength(20, "20 étapes au plus.")),
}, { error: "Un formulaire s'écrit { steps: [...] }, sans autre clé." });

/** A definition as stored and used (defaults applied). */
export type ProcedureDefinition = z.output<typeof procedureDefinitionSchema>;
/** A definition as written (in the seed, the back office): `required`, `accept`… may be left out. */
export type ProcedureDefinitionInput = z.input<typeof procedureDefinitionSchema>;
export type Step = ProcedureDefinition["steps"][number];
export type Field = Step["fields"][number];
export type FieldType = Field["type"];
export type FieldOf<T extends FieldType> = Extract<Field, { type: T }>;
/** A field that takes an answer: every type but the information paragraph. */
export type ValueField = Exclude<Field, { type: "info" }>;
export type ShowIf = NonNullable<Field["showIf"]>;
export type DateBound = string;

export const hasValue = (field: Field): field is ValueField => field.type !== "info";

/** Whether a household member (by relation: TITULAIRE, CONJOINT, AUTRE_ADULTE, ENFANT) may answer a « member » field. */
export const mayBeChosen = (field: FieldOf<"member">, relation: string) =>
  field.among === "all" || (field.among === "children") === (relation === "ENFANT");

/** Every field of the definition, in the order the citizen meets them. */
export const allFields = (definition: ProcedureDefinition): Field[] => definition.steps.flatMap((step) => step.fields);

/** The anchored expression of a text field's pattern: the whole answer must match. */
export const patternRegExp = (pattern: string) => new RegExp(`^(?:${pattern})$`);

// Made once: building a formatter costs far more than formatting.
const franceDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" });
/** Today in France as "AAAA-MM-JJ": communes count days in their own time zone, not the server's. */
export function todayInFrance(now = new Date()): string {
  return franceDay.format(now);
}

/** A bound as a day: "today+7" → the day a week from today in France. */
export function resolveDateBound(bound: DateBound, now = new Date()): string {
  const relative = /^today([+-]\d+)?$/.exec(bound);
  if (!relative) return bound;
  const day = new Date(`${todayInFrance(now)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + Number(relative[1] ?? 0));
  return day.toISOString().slice(0, 10);
}

export type DefinitionResult = { ok: true; definition: ProcedureDefinition } | { ok: false; errors: string[] };

/** Parses a definition and checks what its shape cannot: unique names, sound conditions, bounds. */
export function validateDefinition(input: unknown): DefinitionResult {
  const parsed = procedureDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => placeOf(input, issue.path) + issue.message) };
  const errors = definitionProblems(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, definition: parsed.data };
}

function definitionProblems(definition: ProcedureDefinition): string[] {
  const errors: string[] = [];
  const stepIds = new Set<string>();
  for (const step of definition.steps) {
    if (stepIds.has(step.id)) errors.push(`Étape « ${step.title} » : l'identifiant « ${step.id} » est déjà pris, choisissez-en un autre.`);
    stepIds.add(step.id);
  }
  // Fields met so far: a condition may only look back, so the citizen has answered it before.
  const earlier = new Map<string, Field>();
  for (const field of allFields(definition)) {
    const problems = fieldProblems(field);
    if (earlier.has(field.name)) problems.push(`le nom technique « ${field.name} » est déjà pris : chaque champ a le sien.`);
    if (field.showIf) problems.push(...conditionProblems(field.showIf, earlier.get(field.showIf.field)));
    errors.push(...problems.map((problem) => `Champ « ${field.label} » : ${problem}`));
    if (!earlier.has(field.name)) earlier.set(field.name, field);
  }
  if (!allFields(definition).some(hasValue)) errors.push("Le formulaire ne demande rien : ajoutez au moins un champ à remplir.");
  return errors;
}

function fieldProblems(field: Field): string[] {
  const problems: string[] = [];
  const checkBounds = (min: number | undefined, max: number | undefined, message: string) => {
    if (min !== undefined && max !== undefined && min > max) problems.push(message);
  };
  if (field.type !== "info" && field.prefill && PREFILL_TYPES[field.prefill] !== field.type)
    problems.push(`« ${field.prefill} » ne peut pas pré-remplir un champ « ${field.type} » : il faut un champ « ${PREFILL_TYPES[field.prefill]} ».`);
  switch (field.type) {
    case "text":
    case "textarea":
      checkBounds(field.minLength, field.maxLength, "la longueur minimum dépasse la longueur maximum : corrigez l'une des deux.");
      if (field.maxLength === 0) problems.push("une longueur maximum de 0 ne laisse rien écrire : indiquez au moins 1, ou aucune.");
      if (field.type === "text" && field.pattern !== undefined) problems.push(...patternProblems(field.pattern, field.patternMessage));
      break;
    case "number":
      checkBounds(field.min, field.max, "le minimum dépasse le maximum : corrigez l'un des deux.");
      break;
    case "date":
      if (field.min && field.max && isRelative(field.min) === isRelative(field.max)) {
        // Two bounds of the same kind compare the same way whatever the day.
        const reference = new Date("2000-01-01T12:00:00Z");
        if (resolveDateBound(field.min, reference) > resolveDateBound(field.max, reference)) problems.push("la date minimum est après la date maximum : corrigez l'une des deux.");
      }
      for (const bound of [field.min, field.max]) if (bound && !isRelative(bound) && !isRealDay(bound)) problems.push(`« ${bound} » n'est pas une date du calendrier.`);
      // One bound fixed, the other counted from today: impossible today is enough to refuse.
      if (field.min && field.max && isRelative(field.min) !== isRelative(field.max) && resolveDateBound(field.min) > resolveDateBound(field.max)) {
        problems.push("aucune date n'est possible aujourd'hui entre la date minimum et la date maximum : corrigez l'une des deux.");
      }
      break;
    case "choice":
    case "multi": {
      const values = field.options.map((o) => o.value);
      const repeated = values.filter((value, i) => values.indexOf(value) !== i);
      if (repeated.length) problems.push(`la valeur « ${repeated[0]} » est donnée à plusieurs options : chaque option a sa propre valeur.`);
      if (field.type === "multi") {
        checkBounds(field.minSelected, field.maxSelected, "le minimum de cases à cocher dépasse le maximum : corrigez l'un des deux.");
        if (field.maxSelected === 0) problems.push("un maximum de 0 case ne laisse rien cocher : indiquez au moins 1, ou aucun.");
        if ((field.minSelected ?? 0) > values.length) problems.push("le minimum de cases à cocher dépasse le nombre d'options.");
      }
      break;
    }
  }
  return problems;
}

function patternProblems(pattern: string, message: string | undefined): string[] {
  try {
    new RegExp(pattern);
    patternRegExp(pattern);
  } catch {
    return [`le motif « ${pattern} » n'est pas une expression régulière valide.`];
  }
  // A quantified group that holds a quantifier, like (a+)+, can take exponential time on a crafted answer.
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/.test(pattern)) return ["le motif répète un groupe déjà répété, comme (a+)+ : simplifiez-le."];
  return message ? [] : ["un champ avec un motif indique aussi « patternMessage », le message qui explique le format attendu."];
}

export function conditionProblems(condition: ShowIf, target: Field | undefined): string[] {
  if (!target) return [`la condition porte sur « ${condition.field} », qui n'est pas un champ placé avant celui-ci : choisissez un champ précédent.`];
  const about = `la condition porte sur « ${target.label} »`;
  if (["info", "file", "address", "member"].includes(target.type))
    return [`${about}, dont la réponse ne se compare pas : choisissez une question à réponse simple (texte, nombre, date, choix, oui/non).`];
  if (target.type === "multi") {
    if (condition.op !== "contains") return [`${about}, un choix multiple : utilisez « contains » (« comprend »).`];
  } else if (condition.op === "contains") {
    return ["« contains » (« comprend ») ne s'applique qu'à un choix multiple : utilisez « equals » (« est ») ou « notEquals » (« n'est pas »)."];
  }
  if (target.type === "choice" || target.type === "multi") {
    return target.options.some((o) => o.value === condition.value) ? [] : [`${about}, mais « ${String(condition.value)} » n'est pas l'une de ses options.`];
  }
  const expected = target.type === "yesno" ? "boolean" : target.type === "number" ? "number" : "string";
  const names = { boolean: "true ou false", number: "un nombre", string: "un texte" };
  return typeof condition.value === expected ? [] : [`${about} : la valeur attendue est ${names[expected]}.`];
}

const isRelative = (bound: string) => bound.startsWith("today");
/** True for "AAAA-MM-JJ" naming a day of the calendar (not 2026-02-30). */
export const isRealDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
};

// "Étape 2, champ « Date souhaitée » (min) : " for an issue found by zod, from the raw input.
function placeOf(input: unknown, path: PropertyKey[]): string {
  const [steps, stepIndex, fields, fieldIndex, ...rest] = path;
  if (steps !== "steps" || typeof stepIndex !== "number") return "";
  let place = `Étape ${stepIndex + 1}`;
  if (fields === "fields" && typeof fieldIndex === "number") {
    const field = child(child(child(child(input, "steps"), stepIndex), "fields"), fieldIndex);
    const text = child(field, "label");
    place += typeof text === "string" && text.trim() ? `, champ « ${text.trim()} »` : `, champ ${fieldIndex + 1}`;
    const key = rest.map((k) => (typeof k === "number" ? k + 1 : String(k))).join(" ");
    if (key) place += ` (${key})`;
  } else if (fields !== undefined) {
    place += ` (${String(fields)})`;
  }
  return `${place} : `;
}

const child = (node: unknown, key: string | number): unknown =>
  node !== null && typeof node === "object" && Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
