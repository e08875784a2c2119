"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { saveFaq, type FaqFormState } from "./actions";

/** One FAQ entry, new or existing; what was typed stays when it is refused. */
export function FaqForm({ entry, sections }: { entry?: { id: string; section: string; question: string; answer: string }; sections: string[] }) {
  const [state, action, pending] = useActionState<FaqFormState, FormData>(saveFaq, null);
  const v = state?.values ?? entry ?? { section: "", question: "", answer: "" };
  const e = state?.fieldErrors ?? {};
  const key = entry?.id ?? "nouvelle";
  const ids = { section: `faq-${key}-section`, question: `faq-${key}-question`, answer: `faq-${key}-reponse` };
  return (
    <form action={action} noValidate className="mt-2">
      {entry ? <input type="hidden" name="id" value={entry.id} /> : null}
      {state && !state.ok ? <ErrorSummary id={`faq-${key}-erreurs`} message={state.message} errors={e} fieldIds={{ ...ids, answer: ids.answer }} /> : null}
      <TextField id={ids.section} name="section" label="Rubrique" list="faq-rubriques" defaultValue={v.section} error={e.section} />
      <datalist id="faq-rubriques">{sections.map((s) => <option key={s} value={s} />)}</datalist>
      <TextField id={ids.question} name="question" label="Question" defaultValue={v.question} error={e.question} />
      <div className="mt-4">
        <label htmlFor={ids.answer} className="block font-semibold">Réponse</label>
        <p id={`${ids.answer}-aide`} className="text-sm text-slate-600">Paragraphes séparés par une ligne vide ; « - » en début de ligne pour une liste. Le HTML s&apos;affiche tel quel.</p>
        {e.answer ? <p id={`${ids.answer}-erreur`} className="text-sm font-semibold text-red-700">{e.answer}</p> : null}
        <textarea id={ids.answer} name="answer" rows={5} defaultValue={v.answer} aria-invalid={e.answer ? true : undefined}
          aria-describedby={`${ids.answer}-aide${e.answer ? ` ${ids.answer}-erreur` : ""}`} className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2" />
      </div>
      <Button type="submit" className="mt-3" disabled={pending}>{entry ? "Enregistrer" : "Ajouter la question"}</Button>
    </form>
  );
}
