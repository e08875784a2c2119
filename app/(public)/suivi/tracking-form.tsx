"use client";

import { useEffect, useRef, useState } from "react";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/forms";
import { longFrenchDate } from "@/lib/procedures/answer-text";
import { todayInFrance } from "@/lib/procedures/definition";
import { statusLabel } from "@/lib/requests/status";
import { trackingFormSchema, type TrackedRequest } from "@/lib/requests/tracking-schema";

const FIELD_IDS = { numero: "numero", code: "code-de-suivi" };

// The commune's day, wherever the browser is.
/** « 3 mars 2026 », the day in France. */
const day = { format: (date: Date) => longFrenchDate(todayInFrance(date)) };

type Props = {
  action: (input: unknown) => Promise<ActionResult<TrackedRequest>>;
  /** A number of this commune, for the hint: « SET-2026-000123 ». */
  example: string;
};

/**
 * « Suivre une demande »: the number and the tracking code, then the request's progress. The link
 * of the acknowledgement email carries both in the fragment (#numero=…&code=…): they fill the form,
 * leave the address bar, and the request is looked up at once — one click from the email.
 */
export function TrackingForm({ action, example }: Props) {
  const [found, setFound] = useState<TrackedRequest | null>(null);
  const { form, submit, result, errors, pending } = useActionForm({
    name: "suivi",
    schema: trackingFormSchema,
    defaultValues: { numero: "", code: "" },
    action,
    technicalError: "Le suivi des demandes ne répond pas pour le moment. Réessayez dans un instant.",
    onSuccess: (_values, answer) => setFound((answer as Extract<ActionResult<TrackedRequest>, { ok: true }>).data),
  });
  const { register } = form;
  const heading = useRef<HTMLHeadingElement>(null);

  // Read once: the effect runs again in development (Strict Mode), and finds the fragment gone.
  const fromLink = useRef(false);
  useEffect(() => {
    if (fromLink.current) return;
    const params = new URLSearchParams(window.location.hash.slice(1));
    const numero = params.get("numero");
    const code = params.get("code");
    if (!numero || !code) return;
    fromLink.current = true;
    // The code leaves the address bar and this history entry: not left on screen or in a shared link.
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
    form.reset({ numero: numero.slice(0, 40), code: code.slice(0, 40) });
    void submit();
  }, [form, submit]);

  useEffect(() => {
    if (found) heading.current?.focus();
  }, [found]);

  if (found) {
    return (
      <section aria-labelledby="demande-suivie" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="demande-suivie" ref={heading} tabIndex={-1} className="text-2xl font-bold focus:outline-none">{found.title}</h2>
        <dl className="mt-4 grid gap-3 sm:grid-cols-3">
          <div>
            <dt className="font-semibold">Numéro de demande</dt>
            <dd>{found.numero}</dd>
          </div>
          <div>
            <dt className="font-semibold">État</dt>
            <dd>{statusLabel(found.status)}</dd>
          </div>
          <div>
            <dt className="font-semibold">Envoyée le</dt>
            <dd>{day.format(found.submittedAt)}</dd>
          </div>
        </dl>
        <h3 className="mt-6 text-lg font-bold">Étapes</h3>
        <ol className="mt-2 space-y-3 border-l-2 border-slate-300 pl-4">
          {found.events.map((event, i) => (
            <li key={i}>
              <p>
                <span className="font-semibold">{day.format(event.date)}</span> : {event.isMessage ? "Message de la mairie" : statusLabel(event.status)}
              </p>
              {event.message ? <p className="mt-1 whitespace-pre-line text-slate-800">{event.message}</p> : null}
            </li>
          ))}
        </ol>
        <Button
          variant="secondary"
          className="mt-6"
          onClick={() => {
            form.reset({ numero: "", code: "" });
            setFound(null);
          }}
        >
          Suivre une autre demande
        </Button>
      </section>
    );
  }

  return (
    <form noValidate aria-labelledby="titre-suivi" onSubmit={submit} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="titre-suivi" className="text-xl font-bold">Votre demande</h2>
      <FormFeedback form="suivi" result={result} errors={errors} fieldIds={FIELD_IDS} success={false} />
      <TextField
        id={FIELD_IDS.numero}
        label="Numéro de demande"
        hint={`Par exemple : ${example}`}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        error={errors.numero}
        {...register("numero")}
      />
      <TextField
        id={FIELD_IDS.code}
        label="Code de suivi"
        hint="10 caractères, par exemple K7QFM-Z3PXA. Majuscules, espaces et tiret sont facultatifs."
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        error={errors.code}
        {...register("code")}
      />
      <Button type="submit" className="mt-5 w-full sm:w-auto" disabled={pending}>
        {pending ? "Recherche…" : "Suivre ma demande"}
      </Button>
    </form>
  );
}
