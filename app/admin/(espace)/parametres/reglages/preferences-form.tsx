"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { savePreferences, type PreferencesState } from "./actions";

const ids = {
  draftLifetimeDays: "reglage-brouillons",
  invoiceWindowMonths: "reglage-factures",
  smsEnabled: "reglage-sms",
  senderName: "reglage-expediteur",
};

/** « Réglages du portail »: drafts, invoices, SMS and the sender's name; what was typed stays when it is refused. */
export function PreferencesForm({ initial, officialName, reminderDays, min, max }: {
  initial: { draftLifetimeDays: string; invoiceWindowMonths: string; smsEnabled: string; senderName: string };
  officialName: string;
  reminderDays: number;
  min: { draftLifetimeDays: number; invoiceWindowMonths: number };
  max: { draftLifetimeDays: number; invoiceWindowMonths: number; senderName: number };
}) {
  const [state, action, pending] = useActionState<PreferencesState, FormData>(savePreferences, null);
  const v = state?.values ?? initial;
  const e = state?.fieldErrors ?? {};
  return (
    <form action={action} noValidate>
      {state && !state.ok ? <ErrorSummary id="reglages-erreurs" message={state.message} errors={e} fieldIds={ids} /> : null}
      {state?.ok ? <Notice tone="success" live>{state.message}</Notice> : null}

      <h2 className="mt-6 text-xl font-bold">Brouillons</h2>
      <TextField
        id={ids.draftLifetimeDays} name="draftLifetimeDays" label="Durée de conservation d'un brouillon (en jours)" inputMode="numeric" className="mt-1 block w-32 rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
        hint={`Un brouillon que son auteur n'a pas modifié pendant cette durée est supprimé ; l'auteur est prévenu ${reminderDays} jours avant (ou à mi-parcours pour une durée courte). Entre ${min.draftLifetimeDays} et ${max.draftLifetimeDays} jours.`}
        defaultValue={v.draftLifetimeDays} error={e.draftLifetimeDays}
      />

      <h2 className="mt-8 text-xl font-bold">Factures</h2>
      <TextField
        id={ids.invoiceWindowMonths} name="invoiceWindowMonths" label="Factures consultables en ligne (en mois)" inputMode="numeric" className="mt-1 block w-32 rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
        hint={`Dans « Mes comptes », les citoyens voient les factures de cette période. Entre ${min.invoiceWindowMonths} et ${max.invoiceWindowMonths} mois.`}
        defaultValue={v.invoiceWindowMonths} error={e.invoiceWindowMonths}
      />

      <h2 className="mt-8 text-xl font-bold">Messages aux citoyens</h2>
      <div className="mt-4">
        <label className="inline-flex min-h-11 items-start gap-2">
          <input id={ids.smsEnabled} type="checkbox" name="smsEnabled" defaultChecked={v.smsEnabled === "on"} aria-describedby={`${ids.smsEnabled}-aide`} className="mt-0.5 h-5 w-5 shrink-0 accent-brand" />
          <span className="font-semibold">Envoyer des SMS aux citoyens qui les choisissent</span>
        </label>
        <p id={`${ids.smsEnabled}-aide`} className="text-sm text-slate-600">
          Sans SMS, tous les messages partent par courriel, et le choix « SMS » n&apos;est plus proposé dans les comptes.
        </p>
        {e.smsEnabled ? <p className="text-sm font-semibold text-red-700">{e.smsEnabled}</p> : null}
      </div>
      <TextField
        id={ids.senderName} name="senderName" label="Nom d'expéditeur des messages (facultatif)" maxLength={max.senderName + 20}
        hint={`Le nom que les citoyens voient comme expéditeur. Vide : « ${officialName} ». ${max.senderName} caractères au plus.`}
        defaultValue={v.senderName} error={e.senderName}
      />
      <Button type="submit" className="mt-6" disabled={pending}>{pending ? "Enregistrement…" : "Enregistrer les réglages"}</Button>
    </form>
  );
}
