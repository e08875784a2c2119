"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { createKey, type ApiKeyState } from "./actions";

/** « Créer une clé »: a name, then the key shown once, to copy. */
export function ApiKeyForm() {
  const [state, action, pending] = useActionState<ApiKeyState, FormData>(createKey, null);
  const router = useRouter();
  // The list below shows the new key (its first characters only).
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <div>
      {state?.ok && state.key ? (
        <Notice tone="success" title={state.message} live>
          <p>Copiez-la maintenant dans le logiciel de facturation : elle ne sera plus jamais affichée. Perdue, révoquez-la et créez-en une autre.</p>
          <label htmlFor="cle-creee" className="mt-3 block font-semibold">Clé d&apos;accès</label>
          <input id="cle-creee" readOnly value={state.key} spellCheck={false} className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 font-mono text-sm" onFocus={(event) => event.currentTarget.select()} />
        </Notice>
      ) : null}
      <form key={state?.at} action={action} noValidate className="mt-2">
        {state && !state.ok ? <ErrorSummary id="cle-erreurs" message={state.message} errors={state.fieldErrors ?? {}} fieldIds={{ name: "cle-nom" }} /> : null}
        <TextField id="cle-nom" name="name" label="Nom de la clé" hint="Pour la reconnaître : le logiciel ou le service qui l'utilise, par exemple « Logiciel de facturation enfance »." defaultValue={state?.ok ? "" : state?.values.name ?? ""} error={state?.fieldErrors?.name} autoComplete="off" />
        <Button type="submit" className="mt-3" disabled={pending}>Créer la clé</Button>
      </form>
    </div>
  );
}
