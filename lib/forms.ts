import * as z from "zod";

// The one shape every server action returns: ok, or a French message and errors per field.
export type ActionResult<T = undefined> =
  | ({ ok: true; message?: string } & (T extends undefined ? object : { data: T }))
  | { ok: false; message?: string; fieldErrors?: Record<string, string> };

/** zod's issues as { "field.path": "first message" }, the way forms show them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A failed parse as an action result. */
export function invalid(error: z.ZodError, message = "Certaines informations sont à corriger."): ActionResult<never> {
  return { ok: false, message, fieldErrors: fieldErrorsOf(error) };
}

/** "1 minute", "3 minutes": a wait in seconds, rounded up to whole minutes, at least one. */
export function minutesText(seconds: number): string {
  const minutes = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : 1;
  return `${minutes} minute${minutes > 1 ? "s" : ""}`;
}

/** What an action of a signed-in page answers once the session has expired; forms keep the input and offer to sign in again. */
export const SESSION_EXPIRED_MESSAGE = "Votre session a expiré : reconnectez-vous. Vos réponses sont gardées dans ce navigateur.";

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

/** Text a person can type: no control characters but tabs and line breaks (PostgreSQL refuses NUL, and the others have no place in a form). */
export const TYPED_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
export const TYPED_TEXT_MESSAGE = "Ce texte contient des caractères invisibles qui ne sont pas acceptés : retapez-le.";
