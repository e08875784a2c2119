"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Choice, ChoiceGroup, SelectField, TextField } from "@/components/ui/field";
import { LetterView } from "../letter";
import { createCounterAccount, type CounterState } from "./actions";

/**
 * The counter's sign-up: the person's identity and contact details, as on their papers, and how
 * they receive their code. What was typed comes back with a refusal; once created, the identifiant
 * and, for a letter, the letter to print.
 */
export function CounterForm({ commune }: { commune: string }) {
  // A new key starts the next person from an empty form.
  const [round, setRound] = useState(0);
  return <OnePerson key={round} commune={commune} onAnother={() => setRound((r) => r + 1)} />;
}

function OnePerson({ commune, onAnother }: { commune: string; onAnother: () => void }) {
  const [state, action, pending] = useActionState<CounterState, FormData>(createCounterAccount, null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state?.created) doneRef.current?.focus();
  }, [state?.created]);

  if (state?.created) {
    const { created } = state;
    return (
      <section aria-labelledby="cree">
        <h2 id="cree" ref={doneRef} tabIndex={-1} className="text-2xl font-bold outline-none">Compte {created.identifiant} créé</h2>
        <p className="mt-2">
          {created.letter
            ? "Remettez ce courrier à la personne : elle y trouve son identifiant et le code pour choisir son mot de passe."
            : "La personne reçoit par courriel son identifiant et le code pour choisir son mot de passe, et un lien pour confirmer son adresse."}
        </p>
        {created.letter ? <LetterView letter={created.letter} commune={commune} created /> : null}
        <p className="mt-4 flex flex-wrap gap-4">
          <Link href={`/admin/comptes/${created.accountId}`} className="font-semibold text-brand underline">Ouvrir le compte</Link>
          <button type="button" className="font-semibold text-brand underline" onClick={onAnother}>Créer un autre compte</button>
        </p>
      </section>
    );
  }

  const v = state?.values ?? {};
  const e = state?.fieldErrors ?? {};
  const ids = Object.fromEntries(["civility", "firstNames", "birthName", "birthDate", "birthPlace", "addressLine1", "postalCode", "city", "email", "phone", "mobile", "channel", "via"].map((f) => [f, `guichet-${f}`]));
  return (
    <form action={action} noValidate>
      {state && !state.ok ? <ErrorSummary message={state.message} errors={e} fieldIds={{ ...ids, civility: "guichet-civility-0", via: "guichet-via-0" }} /> : null}
      <h2 className="text-xl font-bold">Identité (d&apos;après une pièce d&apos;identité)</h2>
      <ChoiceGroup legend="Civilité" name="civility" error={e.civility}>
        {["Madame", "Monsieur"].map((c, i) => <Choice key={c} type="radio" id={`guichet-civility-${i}`} name="civility" value={c} label={c} defaultChecked={v.civility === c} />)}
      </ChoiceGroup>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id={ids.firstNames} name="firstNames" label="Prénoms" defaultValue={v.firstNames} error={e.firstNames} />
        <TextField id={ids.birthName} name="birthName" label="Nom de naissance" defaultValue={v.birthName} error={e.birthName} />
        <TextField id="guichet-usageName" name="usageName" label="Nom d'usage (facultatif)" defaultValue={v.usageName} error={e.usageName} />
        <TextField id={ids.birthDate} name="birthDate" label="Date de naissance" hint="JJ/MM/AAAA" inputMode="numeric" defaultValue={v.birthDate} error={e.birthDate} />
        <TextField id={ids.birthPlace} name="birthPlace" label="Lieu de naissance" defaultValue={v.birthPlace} error={e.birthPlace} />
      </div>
      <h2 className="mt-8 text-xl font-bold">Coordonnées</h2>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id={ids.addressLine1} name="addressLine1" label="Adresse" defaultValue={v.addressLine1} error={e.addressLine1} />
        <TextField id="guichet-addressLine2" name="addressLine2" label="Complément d'adresse (facultatif)" defaultValue={v.addressLine2} error={e.addressLine2} />
        <TextField id={ids.postalCode} name="postalCode" label="Code postal" inputMode="numeric" defaultValue={v.postalCode} error={e.postalCode} />
        <TextField id={ids.city} name="city" label="Commune" defaultValue={v.city ?? commune} error={e.city} />
        <TextField id={ids.email} name="email" type="email" label="Adresse électronique" defaultValue={v.email} error={e.email} />
        <TextField id={ids.phone} name="phone" type="tel" label="Téléphone fixe (facultatif)" defaultValue={v.phone} error={e.phone} />
        <TextField id={ids.mobile} name="mobile" type="tel" label="Téléphone mobile (facultatif)" defaultValue={v.mobile} error={e.mobile} />
        <SelectField id={ids.channel} name="channel" label="Messages de la mairie par" defaultValue={v.channel ?? "EMAIL"} error={e.channel}>
          <option value="EMAIL">Courriel</option>
          <option value="SMS">SMS</option>
          <option value="TELEPHONE">Téléphone</option>
        </SelectField>
      </div>
      <ChoiceGroup legend="La personne reçoit son code pour choisir son mot de passe" name="via" error={e.via}>
        <Choice type="radio" id="guichet-via-0" name="via" value="courrier" label="Sur un courrier imprimé maintenant" defaultChecked={v.via !== "courriel"} />
        <Choice type="radio" id="guichet-via-1" name="via" value="courriel" label="Par courriel" defaultChecked={v.via === "courriel"} />
      </ChoiceGroup>
      <Button type="submit" className="mt-6" disabled={pending}>{pending ? "Création…" : "Créer le compte"}</Button>
    </form>
  );
}
