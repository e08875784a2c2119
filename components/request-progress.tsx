import { progressText, SQUARE_LABELS, squareOf, type RequestStatus } from "@/lib/requests/status";

/**
 * The four squares of a request (1 reçue, 2 en cours, 3 complète, 4 traitée): filled up to the
 * current one, which is amber while the town hall waits for the citizen. The sentence under them
 * says all of it in words (« Étape 2 sur 4 : en cours de traitement (en attente de votre
 * complément) »), so that nothing is told by colour alone (RGAA 3.1); screen readers read only it.
 */
export function RequestProgress({ status }: { status: RequestStatus }) {
  const square = squareOf(status);
  const waiting = status === "INCOMPLETE";
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <ol aria-hidden="true" className="flex gap-1">
        {SQUARE_LABELS.map((label, i) => (
          <li
            key={label}
            title={label}
            className={`flex h-7 w-7 items-center justify-center rounded text-sm font-bold ${
              i + 1 < square || (i + 1 === square && !waiting)
                ? "bg-brand text-white"
                : i + 1 === square
                  ? "bg-amber-500 text-slate-950"
                  : "border border-slate-400 text-slate-600"
            }`}
          >
            {i + 1}
          </li>
        ))}
      </ol>
      <span className="text-sm text-slate-700 sm:text-right">{progressText(status)}</span>
    </div>
  );
}
