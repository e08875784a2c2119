"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { importCsv, type ImportState } from "./actions";

const MAX_BYTES = 1024 * 1024;
const TOO_BIG = "Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers.";

/** The CSV upload, checked for size here before it is sent; the report of the import shows below it. */
export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importCsv, null);
  const [tooBig, setTooBig] = useState(false);
  const router = useRouter();
  // The list below shows the invoices just imported.
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const error = tooBig ? TOO_BIG : state?.fieldErrors?.fichier;
  const report = state?.ok ? state.report : undefined;
  return (
    <div>
      <form key={state?.at} action={action} noValidate className="mt-3" onSubmit={(event) => { if (tooBig) event.preventDefault(); }}>
        {state && !state.ok && !tooBig ? <ErrorSummary id="import-erreurs" message={state.message} errors={state.fieldErrors ?? {}} fieldIds={{ fichier: "import-fichier" }} /> : null}
        <label htmlFor="import-fichier" className="block font-semibold">Fichier CSV des factures</label>
        <p id="import-fichier-aide" className="mt-1 text-sm text-slate-600">
          Une facture par ligne, 5 000 au plus, 1 Mo au plus ; colonnes séparées par des points-virgules (ou des virgules), encodage UTF-8.
        </p>
        {error ? <p id="import-fichier-erreur" className="mt-1 text-sm font-semibold text-red-700">{error}</p> : null}
        <input
          id="import-fichier" name="fichier" type="file" accept=".csv,text/csv" aria-invalid={error ? true : undefined}
          aria-describedby={`import-fichier-aide${error ? " import-fichier-erreur" : ""}`} className="mt-1 block w-full text-base"
          onChange={(event) => setTooBig((event.target.files?.[0]?.size ?? 0) > MAX_BYTES)}
        />
        <Button type="submit" className="mt-3" disabled={pending}>{pending ? "Import en cours…" : "Importer le fichier"}</Button>
      </form>
      {report ? (
        <div>
          <Notice tone={report.rejected.length ? "warning" : "success"} title={`Import de « ${state?.file} » : ${state?.message}`} live>
            {report.rejected.length ? <p>Les lignes refusées n&apos;ont pas été importées : corrigez-les dans le fichier puis importez-le de nouveau (les factures déjà importées ne seront pas dupliquées).</p> : null}
          </Notice>
          {report.rejected.length ? (
            <div className="relative mt-4 overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left text-sm">
                <caption className="text-left text-lg font-bold">Lignes refusées</caption>
                <thead>
                  <tr className="border-b-2 border-slate-300">
                    <th scope="col" className="p-2">Ligne</th>
                    <th scope="col" className="p-2">Numéro</th>
                    <th scope="col" className="p-2">Pourquoi</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rejected.map((r) => (
                    <tr key={r.line} className="border-b border-slate-200 align-top">
                      <td className="p-2">{r.line}</td>
                      <td className="p-2 wrap-anywhere">{r.numero ?? "—"}</td>
                      <td className="p-2">
                        <ul className="list-disc pl-5">{r.reasons.map((reason) => <li key={reason} className="wrap-anywhere">{reason}</li>)}</ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {report.skippedLines.length ? (
            <details className="mt-4">
              <summary className="cursor-pointer font-semibold text-brand underline">Lignes déjà importées ({report.skippedLines.length})</summary>
              <ul className="mt-2 list-disc pl-5 text-sm">
                {report.skippedLines.map((s) => <li key={s.line}>Ligne {s.line}, facture {s.numero} : {s.reason}</li>)}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
