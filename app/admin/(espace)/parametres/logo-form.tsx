"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { saveLogo, type SettingsState } from "./actions";

const MAX_BYTES = 512 * 1024;

/** The logo: sent as PNG or SVG, checked for size here before the upload, redrawn by the server. */
export function LogoForm({ logoUrl }: { logoUrl: string | null }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveLogo, null);
  const [tooBig, setTooBig] = useState(false);
  const error = tooBig ? "Le logo pèse plus de 512 Ko : réduisez-le (un logo de 512 pixels de côté suffit)." : state?.fieldErrors?.logo;
  return (
    <div>
      {logoUrl ? (
        <p className="mt-3 flex items-center gap-4">
          {/* eslint-disable-next-line @next/next/no-img-element -- the commune's own small logo */}
          <img src={logoUrl} alt="Logo actuel de la commune" width={64} height={64} className="h-16 w-16 rounded border border-slate-300 bg-white object-contain p-1" />
          <span className="text-slate-700">Logo actuel, affiché dans l&apos;en-tête du portail, les courriels et les récapitulatifs PDF.</span>
        </p>
      ) : <p className="mt-3 text-slate-700">Aucun logo : le portail affiche le nom de la commune seul.</p>}
      <form action={action} noValidate className="mt-3" onSubmit={(event) => { if (tooBig) event.preventDefault(); }}>
        {state && !state.ok && !tooBig ? <ErrorSummary id="logo-erreurs" message={state.message} errors={state.fieldErrors ?? {}} fieldIds={{ logo: "logo-fichier" }} /> : null}
        <label htmlFor="logo-fichier" className="block font-semibold">Nouveau logo</label>
        <p id="logo-fichier-aide" className="mt-1 text-sm text-slate-600">PNG ou SVG, 512 Ko au plus. Il est redessiné en PNG de 256 pixels au plus ; un SVG ne garde ni script ni lien.</p>
        {error ? <p id="logo-fichier-erreur" className="mt-1 text-sm font-semibold text-red-700">{error}</p> : null}
        <input id="logo-fichier" name="logo" type="file" accept="image/png,image/svg+xml,.png,.svg" aria-invalid={error ? true : undefined}
          aria-describedby={`logo-fichier-aide${error ? " logo-fichier-erreur" : ""}`} className="mt-1 block w-full text-base"
          onChange={(event) => setTooBig((event.target.files?.[0]?.size ?? 0) > MAX_BYTES)} />
        <Button type="submit" className="mt-3" disabled={pending}>Envoyer le logo</Button>
      </form>
      {logoUrl ? (
        <form action={action} className="mt-2">
          <input type="hidden" name="acte" value="retirer" />
          <Button type="submit" variant="secondary" disabled={pending}>Retirer le logo</Button>
        </form>
      ) : null}
    </div>
  );
}
