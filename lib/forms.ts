import type * as z from "zod";

// No runtime zod here: the browser loads this module with its forms (the readers of a form's
// fields, which parse with zod, are in lib/form-input).

// The one shape every server action returns: ok, or a French message and errors per field.
export type ActionResult<T = undefined> =
  | ({ ok: true; message?: string } & (T extends undefined ? object : { data: T }))
  | { ok: false; message?: string; fieldErrors?: Record<string, string> };

/** zod's issues as { "field.path": "first message" }, the way forms show them. */
export function fieldErrorsOf(error: z.core.$ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A failed parse as an action result. */
export function invalid(error: z.core.$ZodError, message = "Certaines informations sont à corriger."): ActionResult<never> {
  return { ok: false, message, fieldErrors: fieldErrorsOf(error) };
}

/** "1 minute", "3 minutes": a wait in seconds, rounded up to whole minutes, at least one. */
export function minutesText(seconds: number): string {
  const minutes = Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : 1;
  return `${minutes} minute${minutes > 1 ? "s" : ""}`;
}

/** What an action of a signed-in page answers once the session has expired; forms keep the input and offer to sign in again. */
export const SESSION_EXPIRED_MESSAGE = "Votre session a expiré : reconnectez-vous. Vos réponses sont gardées dans ce navigateur.";

/** Text a person can type: no control characters but tabs and line breaks (PostgreSQL refuses NUL, and the others have no place in a form). */
export const TYPED_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
export const TYPED_TEXT_MESSAGE = "Ce texte contient des caractères invisibles qui ne sont pas acceptés : retapez-le.";
