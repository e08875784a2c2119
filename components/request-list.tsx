import Link from "next/link";
import { RequestProgress } from "@/components/request-progress";
import type { RequestStatus } from "@/lib/requests/status";
import { longFrenchDate } from "@/lib/procedures/answer-text";
import { todayInFrance } from "@/lib/procedures/definition";

export type RequestItem = {
  id: string;
  numero: string | null;
  status: RequestStatus;
  submittedAt: Date | null;
  memberName: string | null;
  procedure: { title: string };
  /** For a request waiting for the citizen: what the town hall asked. */
  expected?: string | null;
};

/** The citizen's sent requests: démarche, number, person, day sent, and the four squares. */
export function RequestList({ requests }: { requests: RequestItem[] }) {
  return (
    <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
      {requests.map((r) => (
        <li key={r.id} className={`p-4 ${r.status === "INCOMPLETE" ? "border-l-4 border-amber-500 bg-amber-50" : ""}`}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <Link href={`/demandes/${r.numero}`} className="font-semibold text-brand underline">
                {r.procedure.title}<span className="sr-only">, demande {r.numero}</span>
              </Link>
              <p className="text-sm text-slate-700">
                N° {r.numero}
                {r.memberName ? `, pour ${r.memberName}` : ""}
                {r.submittedAt ? `, envoyée le ${longFrenchDate(todayInFrance(r.submittedAt))}` : ""}
              </p>
            </div>
            <RequestProgress status={r.status} />
          </div>
          {r.status === "INCOMPLETE" ? (
            <div className="mt-3">
              <p className="font-semibold">La mairie attend un complément de votre part{r.expected ? " :" : "."}</p>
              {r.expected ? <p className="mt-1 whitespace-pre-line">{r.expected}</p> : null}
              <p className="mt-2">
                <Link href={`/demandes/${r.numero}/completer`} className="font-semibold text-brand underline">
                  Compléter ma demande<span className="sr-only"> {r.numero}</span>
                </Link>
              </p>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
