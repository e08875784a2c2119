"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/field";
import { createProcedureAction, saveThemeAction, type BuilderFormState } from "./actions";

/** A theme's name, new or existing; what was typed stays when it is refused. */
export function ThemeForm({ theme }: { theme?: { id: string; title: string } }) {
  const [state, action, pending] = useActionState<BuilderFormState, FormData>(saveThemeAction, null);
  const key = theme?.id ?? "nouveau";
  return (
    <form key={state?.at} action={action} noValidate className="mt-2">
      {theme ? <input type="hidden" name="id" value={theme.id} /> : null}
      {state && !state.ok ? <ErrorSummary id={`theme-${key}-erreurs`} message={state.message} errors={state.fieldErrors ?? {}} fieldIds={{ title: `theme-${key}-titre` }} /> : null}
      <TextField id={`theme-${key}-titre`} name="title" label={theme ? "Nouveau nom du thème" : "Nom du thème"} defaultValue={state?.values.title ?? theme?.title ?? ""} error={state?.fieldErrors?.title} />
      <Button type="submit" className="mt-3" disabled={pending}>{theme ? "Renommer" : "Ajouter le thème"}</Button>
    </form>
  );
}

/** « Nouvelle démarche »: a title and a theme; the rest is set in the builder. */
export function NewProcedureForm({ themes }: { themes: { id: string; title: string }[] }) {
  const [state, action, pending] = useActionState<BuilderFormState, FormData>(createProcedureAction, null);
  const e = state?.fieldErrors ?? {};
  return (
    <form key={state?.at} action={action} noValidate className="mt-2">
      {state && !state.ok ? <ErrorSummary id="nouvelle-erreurs" message={state.message} errors={e} fieldIds={{ title: "nouvelle-titre", themeId: "nouvelle-theme" }} /> : null}
      <TextField id="nouvelle-titre" name="title" label="Titre de la démarche" hint="Tel que les habitants le liront, par exemple « Demande de stationnement pour un déménagement »." defaultValue={state?.values.title ?? ""} error={e.title} />
      <SelectField id="nouvelle-theme" name="themeId" label="Thème" defaultValue={state?.values.themeId ?? themes[0]?.id ?? ""} error={e.themeId}>
        {themes.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
      </SelectField>
      <Button type="submit" className="mt-3" disabled={pending || themes.length === 0}>Créer la démarche</Button>
    </form>
  );
}
