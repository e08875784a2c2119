"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { askDeletionAction, type DeletionState } from "./actions";

const ids = { password: "suppression-mot-de-passe", note: "suppression-note" };

/** The password and an optional note; on a refusal the note comes back as typed. */
export function DeletionForm() {
  const [state, action, pending] = useActionState<DeletionState, FormData>(askDeletionAction, null);
  const e = state?.fieldErrors ?? {};
  const described = (id: string, hint: boolean, error?: string) => [hint ? `${id}-aide` : "", error ? `${id}-erreur` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <form key={state?.at} action={action} noValidate className="mt-4">
      {state && !state.ok ? <ErrorSummary id="suppression-erreurs" message={state.message} errors={e} fieldIds={ids} /> : null}
      <div className="mt-4">
        <label htmlFor={ids.password} className="block font-semibold">Mot de passe</label>
        <p id={`${ids.password}-aide`} className="mt-1 text-sm text-slate-600">Pour confirmer que c&apos;est bien vous qui le demandez.</p>
        {e.password ? <p id={`${ids.password}-erreur`} className="mt-1 text-sm font-semibold text-red-700">{e.password}</p> : null}
        <input
          id={ids.password} name="password" type="password" autoComplete="current-password" required aria-invalid={e.password ? true : undefined}
          aria-describedby={described(ids.password, true, e.password)}
          className="mt-1 block w-full max-w-sm rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
        />
      </div>
      <div className="mt-4">
        <label htmlFor={ids.note} className="block font-semibold">Un mot pour la mairie (facultatif)</label>
        <p id={`${ids.note}-aide`} className="mt-1 text-sm text-slate-600">Par exemple : vous déménagez. 1 000 caractères au plus.</p>
        {e.note ? <p id={`${ids.note}-erreur`} className="mt-1 text-sm font-semibold text-red-700">{e.note}</p> : null}
        <textarea
          id={ids.note} name="note" rows={3} maxLength={1000} defaultValue={state?.note ?? ""} aria-invalid={e.note ? true : undefined}
          aria-describedby={described(ids.note, true, e.note)}
          className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
        />
      </div>
      <Button type="submit" variant="danger" className="mt-4" disabled={pending}>Demander la suppression de mon compte</Button>
    </form>
  );
}
