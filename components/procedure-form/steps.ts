// The wizard's steps in its address (?etape=2 is the second step, ?etape=verification the review)
// and where it keeps unsaved answers.
// Plain module: the page (server) and the wizard (browser) read the parameter the same way; the
// wizard and the counter's form hold answers the same way.
import { allFields, hasValue, type ProcedureDefinition } from "@/lib/procedures/definition";
import type { Answers } from "@/lib/procedures/form-schema";

export const REVIEW = "verification";

/** The step index (0-based; the review is `reviewIndex`) an ?etape= value names; the first step otherwise. */
export function stepOfParam(param: string | null | undefined, reviewIndex: number): number {
  if (param === REVIEW) return reviewIndex;
  const n = Number(param);
  return Number.isInteger(n) && n >= 1 && n <= reviewIndex ? n - 1 : 0;
}

/** Stored answers as the form's inputs hold them: yes/no and numbers as text, addresses complete. */
export function toFormValues(definition: ProcedureDefinition, answers: Answers): Answers {
  const values: Answers = {};
  for (const field of allFields(definition)) {
    if (!hasValue(field)) continue;
    const value = answers[field.name];
    if (field.type === "yesno" && typeof value === "boolean") values[field.name] = String(value);
    else if (field.type === "number" && typeof value === "number") values[field.name] = String(value).replace(".", ",");
    else if (field.type === "address") values[field.name] = { line1: "", line2: "", postalCode: "", city: "", ...(value as object) };
    else if (field.type === "multi") values[field.name] = Array.isArray(value) ? value : [];
    else if (field.type === "file") values[field.name] = value;
    else values[field.name] = value ?? "";
  }
  return values;
}

/** The démarche's answers among the form's values (which also hold the captcha and the honeypot). */
export function answersOf(definition: ProcedureDefinition, values: Answers): Answers {
  return Object.fromEntries(allFields(definition).filter(hasValue).flatMap((f) => (Object.hasOwn(values, f.name) ? [[f.name, values[f.name]]] : [])));
}

const PART_LABELS: Record<string, string> = { line1: "numéro et voie", line2: "complément", postalCode: "code postal", city: "commune" };

/** A field (or a part of an address) named as the error summary says it. */
export function labelOf(definition: ProcedureDefinition, path: string): string {
  if (path === "altcha") return "Vérification";
  const [name, part] = path.split(".");
  const field = allFields(definition).find((f) => f.name === name);
  if (!field) return "Formulaire";
  return part && PART_LABELS[part] ? `${field.label} (${PART_LABELS[part]})` : field.label;
}

