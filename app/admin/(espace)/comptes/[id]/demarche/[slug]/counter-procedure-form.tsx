"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { useForm, useWatch, type FieldPath, type Resolver } from "react-hook-form";
import { AnswerField } from "@/components/procedure-form/answer-field";
import { answersOf, labelOf, toFormValues } from "@/components/procedure-form/steps";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { fieldErrorsOf } from "@/lib/forms";
import type { ProcedureDefinition } from "@/lib/procedures/definition";
import { buildAnswersSchema, visibleFields, type Answers } from "@/lib/procedures/form-schema";
import type { Person } from "@/lib/procedures/prefill";
import { sendAtCounter } from "./actions";

/**
 * The démarche on one page, as the agent fills it in with the person: every step's questions
 * shown by the answers given, checked as the online form checks them; pieces « sur papier ».
 */
export function CounterProcedureForm({ accountId, slug, definition, people, initialAnswers }: {
  accountId: string; slug: string; definition: ProcedureDefinition; people: Person[]; initialAnswers: Answers;
}) {
  const router = useRouter();
  const schema = useMemo(() => buildAnswersSchema(definition, "submit"), [definition]);
  const resolver: Resolver<Answers> = (values, context, options) =>
    (zodResolver(schema as never) as unknown as Resolver<Answers>)(answersOf(definition, values), context, options);
  const form = useForm<Answers>({ defaultValues: toFormValues(definition, initialAnswers), resolver, shouldFocusError: false });
  const values = useWatch({ control: form.control }) as Answers;
  const shown = useMemo(() => new Set(visibleFields(definition, values).map((f) => f.name)), [definition, values]);
  const [summary, setSummary] = useState<{ message?: string; errors: Record<string, string> } | null>(null);
  const [pending, setPending] = useState(false);
  // A second click while the first is on its way does nothing; a retry sends the same key: one request.
  const busy = useRef(false);
  const submissionKey = useRef<string>(crypto.randomUUID());

  const named = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([path, text]) => [path, `${labelOf(definition, path)} : ${text}`]));

  async function send(valid: Answers) {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    try {
      const result = await sendAtCounter(accountId, slug, answersOf(definition, valid), submissionKey.current);
      if (result.ok) {
        router.push(`/admin/demandes/${result.data.numero}?fait=guichet`);
        return;
      }
      for (const [path, message] of Object.entries(result.fieldErrors ?? {})) form.setError(path as FieldPath<Answers>, { type: "server", message });
      setSummary({ message: result.message, errors: named(result.fieldErrors ?? {}) });
    } catch {
      setSummary({ message: "La demande n'a pas pu être enregistrée : la connexion a été interrompue. Les réponses restent à l'écran ; réessayez.", errors: {} });
    } finally {
      busy.current = false;
      setPending(false);
    }
  }

  function refuse() {
    const result = schema.safeParse(answersOf(definition, form.getValues()));
    setSummary({ message: "Certaines réponses sont à compléter.", errors: result.success ? {} : named(fieldErrorsOf(result.error)) });
  }

  return (
    <form noValidate onSubmit={(event) => form.handleSubmit(send, refuse)(event)}>
      {summary ? <ErrorSummary key={JSON.stringify(summary)} message={summary.message} errors={summary.errors} /> : null}
      {definition.steps.map((step) => {
        const fields = step.fields.filter((f) => shown.has(f.name));
        if (!fields.length) return null;
        return (
          <section key={step.id} aria-labelledby={`etape-${step.id}`} className="mt-6">
            <h2 id={`etape-${step.id}`} className="text-xl font-bold">{step.title}</h2>
            {fields.map((field) => <AnswerField key={field.name} field={field} form={form} people={people} files={{ attachments: [], upload: null }} />)}
          </section>
        );
      })}
      <Button type="submit" className="mt-8" disabled={pending}>{pending ? "Enregistrement…" : "Enregistrer la demande"}</Button>
    </form>
  );
}
