import type { Metadata } from "next";
import { requireCitizen } from "@/lib/auth/session";
import { openInbox } from "@/lib/notifications/inbox";
import { frenchDateTime } from "@/lib/procedures/answer-text";
import { MarkRead } from "./mark-read";

export const metadata: Metadata = { title: "Mes messages" };

const STATUS = { EN_ATTENTE: "En cours d'envoi", ENVOYE: "Envoyé", ECHEC: "Non distribué" } as const;

export default async function MessagesPage() {
  const citizen = await requireCitizen("/messages");
  const messages = await openInbox(citizen);
  const newest = messages.find((m) => m.isNew) ? messages[0]!.createdAt.toISOString() : null;
  return (
    <div>
      {newest ? <MarkRead upTo={newest} /> : null}
      <h1 className="text-3xl font-bold">Mes messages</h1>
      <p className="mt-2 text-slate-700">
        Les courriels et SMS que la mairie vous a envoyés. Ils partent d&apos;une adresse qui ne lit pas les réponses : pour
        répondre, passez par votre demande ou appelez la mairie.
      </p>
      {messages.length ? (
        <ul className="mt-6 space-y-3">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <details>
                <summary className="flex min-h-11 cursor-pointer flex-wrap items-baseline justify-between gap-2">
                  <span>
                    {m.isNew ? <span className="mr-2 rounded bg-brand px-2 py-0.5 text-sm font-semibold text-white">Nouveau</span> : null}
                    <span className="font-semibold">{m.subject}</span>
                    <span className="block text-sm text-slate-700">
                      {m.channel === "SMS" ? "SMS" : "Courriel"}, {frenchDateTime(m.sentAt ?? m.createdAt)}
                    </span>
                  </span>
                  <span className={`rounded-full px-3 py-1 text-sm font-semibold ${m.status === "ECHEC" ? "bg-red-100 text-red-800" : "bg-slate-100"}`}>
                    {STATUS[m.status]}
                  </span>
                </summary>
                {m.failed ? <p className="mt-2 text-sm font-semibold text-red-800">Ce message n&apos;a pas pu être remis : {m.failed}</p> : null}
                <p className="mt-3 whitespace-pre-line wrap-anywhere">{m.text}</p>
              </details>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-6 text-slate-700">Aucun message pour le moment.</p>
      )}
    </div>
  );
}
