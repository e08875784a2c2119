import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { devMailboxEnabled, listMailbox } from "@/lib/notifications/mailbox";
import { requireTenant } from "@/lib/tenancy/request";
import { sendTestMessage } from "./actions";

export const metadata: Metadata = { title: "Boîte aux lettres de démonstration", robots: { index: false } };

const statusLabel = { EN_ATTENTE: "En attente d'envoi", ENVOYE: "Envoyé", ECHEC: "Échec" } as const;
const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Paris" });

// For people trying the demo: every message the commune queued, as the citizen would read it.
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!devMailboxEnabled()) notFound();
  const tenant = await requireTenant();
  const params = await searchParams;
  const address = typeof params.a === "string" ? params.a.slice(0, 320) : "";
  const messages = await listMailbox(tenant, address || null);

  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">Boîte aux lettres de démonstration</h1>
      <p className="mt-3 text-slate-700">
        En démonstration, aucun courriel ni SMS ne quitte ce serveur : les messages de la commune s&apos;affichent ici.
      </p>

      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        <div className="flex-1">
          <label htmlFor="a" className="block font-semibold">Adresse ou numéro</label>
          <input id="a" name="a" type="text" defaultValue={address} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
        </div>
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">Afficher</button>
      </form>

      <section aria-labelledby="essai" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="essai" className="text-lg font-semibold">Envoyer un message d&apos;essai</h2>
        {params.erreur === "limite" ? (
          <p className="mt-2 font-semibold text-red-700" role="status">Trop de messages d&apos;essai depuis votre connexion : réessayez dans une heure.</p>
        ) : params.erreur ? (
          <p className="mt-2 font-semibold text-red-700" role="status">
            Saisissez une adresse électronique valide, ou un numéro de téléphone pour un SMS.
          </p>
        ) : null}
        {params.envoye ? <p className="mt-2 text-green-800" role="status">Le message d&apos;essai est dans la boîte.</p> : null}
        <form action={sendTestMessage} className="mt-3 flex flex-wrap items-end gap-3">
          <div className="flex-1">
            <label htmlFor="to" className="block font-semibold">Destinataire</label>
            <input id="to" name="to" type="text" required defaultValue={address} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
          </div>
          <div>
            <label htmlFor="channel" className="block font-semibold">Canal</label>
            <select id="channel" name="channel" className="mt-1 rounded border border-slate-400 px-3 py-2">
              <option value="EMAIL">Courriel</option>
              <option value="SMS">SMS</option>
            </select>
          </div>
          <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">Envoyer</button>
        </form>
      </section>

      <h2 className="mt-8 text-2xl font-bold [overflow-wrap:anywhere]">
        {messages.length} message{messages.length > 1 ? "s" : ""}
        {address ? ` pour ${address}` : ""}
      </h2>
      <ol className="mt-4 space-y-6">
        {messages.map((m) => (
          <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <article aria-labelledby={`m-${m.id}`}>
              <h3 id={`m-${m.id}`} className="text-lg font-semibold">{m.channel === "SMS" ? "SMS" : m.subject}</h3>
              <p className="text-sm text-slate-700 [overflow-wrap:anywhere]">
                {m.channel === "SMS" ? "SMS" : "Courriel"} à {m.to} · {when.format(m.createdAt)} · {statusLabel[m.status]}
              </p>
              {m.html ? (
                <iframe
                  title={`Courriel : ${m.subject}`}
                  srcDoc={m.html}
                  sandbox=""
                  className="mt-3 h-[28rem] w-full rounded border border-slate-200"
                />
              ) : (
                <p className="mt-3 whitespace-pre-line rounded bg-slate-100 p-3">{m.text}</p>
              )}
              {m.html ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-brand underline">Version texte</summary>
                  <p className="mt-2 whitespace-pre-line rounded bg-slate-100 p-3 text-sm">{m.text}</p>
                </details>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}
