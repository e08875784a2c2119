"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState, type BaseSyntheticEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type * as z from "zod/mini";
import { useMarkSubmitted } from "@/components/forms/form-feedback";
import type { ActionResult } from "@/lib/forms";

export const TECHNICAL_ERROR = "La modification n'a pas pu être enregistrée à cause d'un incident technique. Vos informations sont conservées : réessayez dans un instant.";

type Options<S extends z.core.$ZodType<FieldValues, FieldValues>> = {
  /** The form's name on its page (see OneErrorSummary). */
  name: string;
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  /** The server action; it parses the values again and answers in French. */
  action: (input: unknown) => Promise<ActionResult>;
  /** What the action receives, when it differs from the form's values. */
  toInput?: (values: z.output<S>) => unknown;
  /** The form field that shows a server error of this key, when the names differ. */
  fieldOf?: (key: string, values: z.output<S>) => string;
  onSuccess?: (values: z.output<S>, result: ActionResult) => void;
  /** After a refusal, or when the action could not be reached. */
  onFailure?: (result: ActionResult) => void;
  /** What the form says when the action could not be reached (TECHNICAL_ERROR by default). */
  technicalError?: string;
};

/**
 * A react-hook-form form posted to a server action: the same zod schema checks the input in the
 * browser first; the action's field errors land on the fields, its message above the form. What
 * was typed stays on error; a second submit while one is running is ignored.
 */
export function useActionForm<S extends z.core.$ZodType<FieldValues, FieldValues>>({
  name, schema, defaultValues, action, toInput, fieldOf, onSuccess, onFailure, technicalError = TECHNICAL_ERROR,
}: Options<S>) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    // The error summary takes the focus and links to each field (RGAA 11.10).
    shouldFocusError: false,
  });
  const [result, setResult] = useState<ActionResult | null>(null);
  // The ref stops a second submit at once; the state disables the button. (react-hook-form's
  // isSubmitting would end with the ignored second submit, re-enabling the button too early.)
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const markSubmitted = useMarkSubmitted(name);

  async function send(values: z.output<S>) {
    if (running.current) return;
    running.current = true;
    setPending(true);
    setResult(null);
    try {
      const answer = await action(toInput ? toInput(values) : values);
      setResult(answer);
      if (answer.ok) onSuccess?.(values, answer);
      else {
        for (const [key, message] of Object.entries(answer.fieldErrors ?? {})) {
          form.setError((fieldOf?.(key, values) ?? key) as Path<z.input<S>>, { type: "server", message });
        }
        onFailure?.(answer);
      }
    } catch {
      const answer: ActionResult = { ok: false, message: technicalError };
      setResult(answer);
      onFailure?.(answer);
    } finally {
      running.current = false;
      setPending(false);
    }
  }
  const submit = (event?: BaseSyntheticEvent) => {
    markSubmitted();
    return form.handleSubmit(send, () => setResult(null))(event);
  };

  const errors: Record<string, string> = {};
  for (const [key, error] of Object.entries(form.formState.errors)) {
    if (error && typeof error.message === "string") errors[key] = error.message;
  }
  return { form, submit, result, errors, pending };
}
