"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { saveRegie, type RegieFormState } from "./actions";

type Regie = { id: string; name: string; description: string; provider: "SIMULATION" | "STRIPE"; stripeAccountId: string | null };

/** One régie, new or existing: name, description and how it is paid; what was typed stays when it is refused. */
export function RegieForm({ regie }: { regie?: Regie }) {
  const [state, action, pending] = useActionState<RegieFormState, FormData>(saveRegie, null);
  const initial = regie ? { name: regie.name, description: regie.description, provider: regie.provider, stripeAccountId: regie.stripeAccountId ?? "" } : { name: "", description: "", provider: "SIMULATION", stripeAccountId: "" };
  const v = state?.values ?? initial;
  const e = state?.fieldErrors ?? {};
  // The radios are uncontrolled like the other fields: React resets the form after each answer, to
  // the values it holds (`v`, which then are the ones sent). This state, following each click, only
  // shows or hides the account's field.
  const [provider, setProvider] = useState(v.provider === "STRIPE" ? "STRIPE" : "SIMULATION");
  const key = regie?.id ?? "nouvelle";
  const ids = { name: `regie-${key}-nom`, description: `regie-${key}-description`, provider: `regie-${key}-paiement-SIMULATION`, stripeAccountId: `regie-${key}-compte` };
  const group = `regie-${key}-paiement`;
  return (
    <form action={action} noValidate className="mt-2">
      {regie ? <input type="hidden" name="id" value={regie.id} /> : null}
      {state && !state.ok ? <ErrorSummary id={`regie-${key}-erreurs`} message={state.message} errors={e} fieldIds={ids} /> : null}
      <TextField id={ids.name} name="name" label="Nom de la régie" hint={regie ? undefined : "Par exemple : Régie Ville, Régie CCAS."} defaultValue={v.name} error={e.name} />
      <TextField id={ids.description} name="description" label="Ce qu'elle encaisse (facultatif)" hint={regie ? undefined : "Par exemple : scolaire, périscolaire, petite enfance."} defaultValue={v.description} error={e.description} />
      <fieldset className="mt-4" aria-describedby={e.provider ? `${group}-erreur` : undefined}>
        <legend className="font-semibold">Mode de paiement</legend>
        {e.provider ? <p id={`${group}-erreur`} className="mt-1 text-sm font-semibold text-red-700">{e.provider}</p> : null}
        <div className="mt-2 flex flex-col gap-1">
          <label className="inline-flex min-h-11 items-center gap-2">
            <input id={ids.provider} type="radio" name="provider" value="SIMULATION" defaultChecked={v.provider !== "STRIPE"} onChange={() => setProvider("SIMULATION")} className="h-5 w-5 shrink-0 accent-brand" />
            <span>Simulation : une page locale tient lieu de paiement, aucun argent ne circule</span>
          </label>
          <label className="inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="provider" value="STRIPE" defaultChecked={v.provider === "STRIPE"} onChange={() => setProvider("STRIPE")} className="h-5 w-5 shrink-0 accent-brand" />
            <span>Stripe : paiement par carte sur le compte connecté de la régie</span>
          </label>
        </div>
      </fieldset>
      {provider === "STRIPE" ? (
        <TextField
          id={ids.stripeAccountId}
          name="stripeAccountId"
          label="Identifiant du compte Stripe connecté"
          hint="Il commence par acct_ et se lit dans le tableau de bord Stripe de la régie. Jamais de clé secrète ici."
          defaultValue={v.stripeAccountId}
          error={e.stripeAccountId}
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
        />
      ) : null}
      <Button type="submit" className="mt-4" disabled={pending}>{pending ? "Enregistrement…" : regie ? "Enregistrer" : "Ajouter la régie"}</Button>
    </form>
  );
}
