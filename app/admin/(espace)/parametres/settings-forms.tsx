"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { AA_TEXT, contrastRatio, hexToRgb, ratioText } from "@/lib/colour";
import { saveSettings, type SettingsState } from "./actions";

// The settings page's forms. The colours are previewed as the portal will use them (a button, a
// link, the header) with their contrast, as the server will judge it.

const area = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";

function Area({ name, label, hint, value, error, rows = 4 }: { name: string; label: string; hint?: string; value: string; error?: string; rows?: number }) {
  const id = `parametre-${name}`;
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block font-semibold">{label}</label>
      {hint ? <p id={`${id}-aide`} className="text-sm text-slate-600">{hint}</p> : null}
      {error ? <p id={`${id}-erreur`} className="text-sm font-semibold text-red-700">{error}</p> : null}
      <textarea id={id} name={name} rows={rows} defaultValue={value} aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined} className={area} />
    </div>
  );
}

export function IdentityForm({ initial }: { initial: Record<string, string> }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettings, null);
  const router = useRouter();
  // The header and footer of this very page show the new name and colours at once.
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const v = state?.values ?? initial;
  const e = state?.fieldErrors ?? {};
  const [primary, setPrimary] = useState(v.primaryColor ?? "#1d4ed8");
  const [accent, setAccent] = useState(v.accentColor ?? "#1e3a8a");
  const ids = Object.fromEntries(Object.keys(initial).map((k) => [k, `parametre-${k}`]));
  return (
    <form action={action} noValidate>
      <input type="hidden" name="part" value="identite" />
      {state && !state.ok ? <ErrorSummary id="identite-erreurs" message={state.message} errors={e} fieldIds={ids} /> : null}
      {state?.ok ? <Notice tone="success" live>{state.message}</Notice> : null}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id="parametre-name" name="name" label="Nom de la commune" defaultValue={v.name} error={e.name} />
        <TextField id="parametre-officialName" name="officialName" label="Nom officiel" hint="Par exemple : Mairie de Beaucouzé" defaultValue={v.officialName} error={e.officialName} />
        <TextField id="parametre-contactEmail" name="contactEmail" type="email" label="Courriel de la mairie" defaultValue={v.contactEmail} error={e.contactEmail} />
        <TextField id="parametre-contactPhone" name="contactPhone" type="tel" label="Téléphone de la mairie" defaultValue={v.contactPhone} error={e.contactPhone} />
      </div>
      <Area name="contactAddress" label="Adresse de la mairie" value={v.contactAddress ?? ""} error={e.contactAddress} rows={3} />
      <Area name="openingHours" label="Horaires d'ouverture (facultatif)" hint="Une ligne par jour ou par période." value={v.openingHours ?? ""} error={e.openingHours} rows={3} />
      <Area name="welcomeText" label="Texte d'accueil du portail" value={v.welcomeText ?? ""} error={e.welcomeText} rows={3} />

      <fieldset className="mt-6">
        <legend className="text-lg font-bold">Couleurs</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {[{ name: "primaryColor", label: "Couleur principale", value: primary, set: setPrimary }, { name: "accentColor", label: "Couleur d'accent (survol des boutons)", value: accent, set: setAccent }].map((c) => {
            const valid = hexToRgb(c.value) !== null;
            const ratio = valid ? contrastRatio(c.value, "#ffffff") : 1;
            return (
              <div key={c.name} className="mt-4">
                <label htmlFor={`parametre-${c.name}`} className="block font-semibold">{c.label}</label>
                <p id={`parametre-${c.name}-aide`} className="text-sm text-slate-600">Format #rrvvbb. Contraste avec le blanc : {valid ? ratioText(ratio) : "—"} {valid ? (ratio >= AA_TEXT ? "(suffisant)" : "(insuffisant : 4,5:1 au moins)") : ""}</p>
                {e[c.name] ? <p id={`parametre-${c.name}-erreur`} className="text-sm font-semibold text-red-700">{e[c.name]}</p> : null}
                <div className="mt-1 flex gap-2">
                  <input type="color" aria-label={`${c.label} : nuancier`} value={valid ? c.value : "#000000"} onChange={(ev) => c.set(ev.target.value)} className="h-11 w-14 rounded border border-slate-500" />
                  <input id={`parametre-${c.name}`} name={c.name} value={c.value} onChange={(ev) => c.set(ev.target.value)} spellCheck={false}
                    aria-invalid={e[c.name] ? true : undefined} aria-describedby={`parametre-${c.name}-aide${e[c.name] ? ` parametre-${c.name}-erreur` : ""}`} className={area} />
                </div>
              </div>
            );
          })}
        </div>
        <Preview primary={primary} accent={accent} />
      </fieldset>
      <Button type="submit" className="mt-6" disabled={pending}>{pending ? "Enregistrement…" : "Enregistrer l'identité et les couleurs"}</Button>
    </form>
  );
}

export function TextsForm({ initial }: { initial: Record<string, string> }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettings, null);
  const v = state?.values ?? initial;
  const e = state?.fieldErrors ?? {};
  const hint = "Paragraphes séparés par une ligne vide ; « ## » en début de ligne pour un titre, « - » pour une liste.";
  return (
    <form action={action} noValidate>
      <input type="hidden" name="part" value="textes" />
      {state && !state.ok ? <ErrorSummary id="textes-erreurs" message={state.message} errors={e} fieldIds={Object.fromEntries(Object.keys(initial).map((k) => [k, `parametre-${k}`]))} /> : null}
      {state?.ok ? <Notice tone="success" live>{state.message}</Notice> : null}
      <Area name="legalNotice" label="Mentions légales" hint={hint} value={v.legalNotice ?? ""} error={e.legalNotice} rows={8} />
      <Area name="privacyPolicy" label="Données personnelles" hint={hint} value={v.privacyPolicy ?? ""} error={e.privacyPolicy} rows={8} />
      <Area name="accessibilityText" label="Déclaration d'accessibilité : texte de la commune" hint={`${hint} L'état de conformité, les résultats des tests, le contact de la mairie et les voies de recours s'y ajoutent d'eux-mêmes.`} value={v.accessibilityText ?? ""} error={e.accessibilityText} rows={8} />
      <Area name="termsOfUse" label="Conditions générales d'utilisation" hint={hint} value={v.termsOfUse ?? ""} error={e.termsOfUse} rows={8} />
      <Button type="submit" className="mt-6" disabled={pending}>{pending ? "Enregistrement…" : "Enregistrer les textes"}</Button>
    </form>
  );
}

/**
 * The colours as the portal uses them. A colour that fails the contrast is shown as a plain swatch,
 * never with text on it: this page must stay readable itself.
 */
function Preview({ primary, accent }: { primary: string; accent: string }) {
  const readable = (colour: string) => hexToRgb(colour) !== null && contrastRatio(colour, "#ffffff") >= AA_TEXT;
  const sample = (colour: string, text: string, className: string) =>
    readable(colour) ? (
      <span className={`${className} text-white`} style={{ background: colour }}>{text}</span>
    ) : (
      <span className={`${className} border-2 border-dashed border-slate-500 text-slate-900`}>
        <span aria-hidden="true" className="mr-2 inline-block size-4 align-middle" style={{ background: hexToRgb(colour) ? colour : "transparent" }} />
        {text} : texte illisible sur cette couleur
      </span>
    );
  return (
    <div className="mt-4 rounded border border-slate-300 bg-white p-4">
      <p className="text-sm font-semibold text-slate-700">Aperçu</p>
      <p className="mt-2">{sample(primary, "En-tête du portail", "block rounded px-3 py-2 font-bold")}</p>
      <p className="mt-3">Un {readable(primary) ? <span className="underline" style={{ color: primary }}>lien</span> : <span className="underline">lien (illisible)</span>} dans un texte.</p>
      <p className="mt-3 flex flex-wrap gap-2">
        {sample(primary, "Bouton", "inline-block rounded px-4 py-2 font-semibold")}
        {sample(accent, "Bouton survolé", "inline-block rounded px-4 py-2 font-semibold")}
      </p>
    </div>
  );
}
