import * as z from "zod";

// What a server action reads of the form it was sent, through zod, before anything else: each
// reader gives a value of the expected type whatever was sent (a file, an object, nothing).

const TEXT = z.string().catch("");
const WHOLE = z.string().trim().regex(/^-?\d{1,12}$/).transform(Number).catch(Number.NaN);

/** A text field of a form, cut at `max` characters; "" when it is absent or not text (a file, say). */
export function formText(formData: FormData, name: string, max = 300): string {
  return TEXT.parse(formData.get(name)).slice(0, max);
}

/** A value sent where text is expected (a bound argument, a field of a JSON object), cut at `max` characters; "" for anything else. */
export function textOf(value: unknown, max = 300): string {
  return TEXT.parse(value).slice(0, max);
}

/** A whole number of a form (a revision, a position): the number, or NaN when the field holds anything else. */
export function formInt(formData: FormData, name: string): number {
  return WHOLE.parse(formData.get(name));
}

/** The FormData an action was sent, or an empty one: a crafted call may send anything else (its fields are still input to parse). */
export function formOf(sent: unknown): FormData {
  return sent instanceof FormData ? sent : new FormData();
}
