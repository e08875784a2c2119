import { longFrenchDate } from "@/lib/procedures/answer-text";
import { todayInFrance } from "@/lib/procedures/definition";
import type { listRecentRequests } from "@/lib/requests/drafts";
import { statusLabel } from "@/lib/requests/status";

type Item = Awaited<ReturnType<typeof listRecentRequests>>[number];

/** The citizen's sent requests: démarche, number, day sent, status. */
export function RequestList({ requests }: { requests: Item[] }) {
  return (
    <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
      {requests.map((r) => (
        <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-2 p-4">
          <span>
            <span className="font-semibold">{r.procedure.title}</span>
            <span className="block text-sm text-slate-700">
              N° {r.numero}{r.submittedAt ? `, envoyée le ${longFrenchDate(todayInFrance(r.submittedAt))}` : ""}
            </span>
          </span>
          <span className="rounded-full bg-slate-100 px-3 py-1 text-sm font-semibold">{statusLabel(r.status)}</span>
        </li>
      ))}
    </ul>
  );
}
