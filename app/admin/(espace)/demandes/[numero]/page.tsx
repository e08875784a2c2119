import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { openRequest } from "@/lib/agents/instruction";
import { can } from "@/lib/agents/permissions";
import { requireAgent } from "@/lib/agents/session";
import { fileSize, frenchDateTime, frenchDay } from "@/lib/procedures/answer-text";
import type { Transition } from "@/lib/requests/lifecycle";
import { STATUS_LABELS, statusLabel, type RequestStatus } from "@/lib/requests/status";
import { NoteForm, PreviewedAction, RecordForm } from "./instruction-forms";

type Params = Promise<{ numero: string }>;
type Search = Promise<{ fait?: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Demande ${(await params).numero.slice(0, 40)}` };
}

const OUTCOMES: Record<string, string> = {
  information: "Message envoyé au demandeur.",
  rappel: "Rappel programmé : il partira à la date choisie.",
  note: "Note interne enregistrée. Elle n'est jamais montrée au demandeur.",
  attribuer: "Attribution enregistrée.",
  piece: "Pièce enregistrée comme reçue au guichet.",
  guichet: "Demande enregistrée au guichet. La personne reçoit l'accusé de réception ; cochez les pièces remises.",
};
const outcomeText = (code: string | undefined) => {
  if (!code) return null;
  const status = code.startsWith("statut-") ? (code.slice(7) as RequestStatus) : null;
  if (status && status in STATUS_LABELS) return `La demande est maintenant « ${statusLabel(status)} ». Le demandeur en est averti s'il a un contact confirmé.`;
  return OUTCOMES[code] ?? null;
};

const MESSAGE_STATUS = { EN_ATTENTE: "en attente d'envoi", ENVOYE: "envoyé", ECHEC: "échec de l'envoi" } as const;

/** The fields each move asks for, from its need in the lifecycle table. */
function fieldsOf(t: Transition) {
  const note = { name: "internalNote", label: "Note interne, jamais montrée au demandeur", type: "textarea" as const };
  switch (t.needs) {
    case "message":
      return [{ name: "publicMessage", label: "Message au demandeur : ce qu'il doit fournir ou préciser", type: "textarea" as const, required: true }, note];
    case "motif":
      return [{ name: "motif", label: "Motif, communiqué au demandeur", type: "textarea" as const, required: true, maxLength: 1000 }, note];
    case "optional-message":
      return [{ name: "publicMessage", label: "Message au demandeur", type: "textarea" as const }, note];
    default:
      return [note];
  }
}

const DANGER = new Set(["Refuser", "Classer sans suite"]);

export default async function AgentRequestPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const agent = await requireAgent("demandes.voir");
  const { numero } = await params;
  const request = await openRequest(agent, numero);
  if (!request) notFound();
  const outcome = outcomeText((await searchParams).fait);
  const instruct = can(agent.role, "demandes.instruire");
  const write = can(agent.role, "messages.envoyer");
  const late = request.dueAt && request.dueAt < new Date() && ["DEPOSEE", "EN_COURS", "INCOMPLETE", "COMPLETE"].includes(request.status);

  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/demandes" className="text-brand underline">Demandes</Link> › {request.numero}
      </nav>
      <h1 className="mt-2 text-3xl font-bold">{request.title}</h1>
      <p className="mt-1 text-lg">
        N° {request.numero} · <strong>{statusLabel(request.status)}</strong>
        {late ? <strong className="ml-2 text-red-800">En retard</strong> : null}
      </p>
      <p className="mt-1 text-slate-700">
        Déposée le {frenchDateTime(request.submittedAt)}
        {request.dueAt ? `, échéance le ${frenchDay(request.dueAt)}` : ""}
        {request.theme ? ` · ${request.theme}` : ""}
        {request.enteredBy ? ` · saisie au guichet par ${request.enteredBy}` : ""}
      </p>
      {outcome ? <ArrivalNotice tone="success">{outcome}</ArrivalNotice> : null}
      {/* On a phone the actions come after the whole file: a way straight there. */}
      <p className="mt-3 lg:hidden"><a href="#actions" className="font-semibold text-brand underline">Aller aux actions</a></p>

      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="min-w-0">
          <Panel id="demandeur" title="Demandeur">
            <p className="mt-2">
              {request.requester.accountId ? (
                <Link href={`/admin/comptes/${request.requester.accountId}`} className="font-semibold text-brand underline">{request.requester.name}</Link>
              ) : request.requester.name}
              {request.requester.identifiant ? ` (${request.requester.identifiant})` : ""}
            </p>
            <p>{request.requester.contact}</p>
            {request.member ? <p>Personne concernée : {request.member}</p> : null}
          </Panel>

          <Panel id="reponses" title="Réponses">
            {request.sections.map((s) => (
              <div key={s.title} className="mt-3">
                <h3 className="font-bold">{s.title}</h3>
                <dl className="mt-1 grid gap-x-6 gap-y-1 sm:grid-cols-[14rem_1fr]">
                  {s.items.map((i) => (
                    <div key={i.label} className="contents">
                      <dt className="font-semibold">{i.label}</dt>
                      <dd className="whitespace-pre-wrap">{i.text}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </Panel>

          <Panel id="pieces" title="Pièces justificatives">
            {request.pieces.length ? (
              <ul className="mt-2 space-y-3">
                {request.pieces.map((p) => (
                  <li key={p.field}>
                    <span className="font-semibold">{p.label}</span> :{" "}
                    {p.state === "en ligne" ? (
                      <a href={`/admin/demandes/${request.numero}/pieces/${p.attachmentId}`} target="_blank" rel="noopener" className="text-brand underline">
                        ouvrir {p.fileName} ({fileSize(p.size ?? 0)}, nouvel onglet)
                      </a>
                    ) : p.state === "sur papier" ? (
                      <>
                        annoncée sur papier, pas encore reçue
                        {instruct ? (
                          <RecordForm numero={request.numero} kind="piece" submitLabel={`Reçue au guichet : ${p.label}`}>
                            <input type="hidden" name="field" value={p.field} />
                          </RecordForm>
                        ) : null}
                      </>
                    ) : p.state === "reçue" ? "reçue au guichet" : "manquante"}
                  </li>
                ))}
              </ul>
            ) : <p className="mt-2">Aucune pièce demandée.</p>}
          </Panel>

          <Panel id="historique" title="Historique">
            <ol className="mt-2 space-y-3">
              {request.events.map((e) => (
                <li key={e.id} className="border-l-4 border-slate-300 pl-3">
                  <p className="text-sm text-slate-700">{frenchDateTime(e.createdAt)}, {e.who}</p>
                  <p className="font-semibold">{e.fromStatus === e.toStatus ? "Message" : statusLabel(e.toStatus)}</p>
                  {e.publicMessage ? <p className="whitespace-pre-wrap">« {e.publicMessage} »</p> : null}
                  {e.internalNote ? <p className="whitespace-pre-wrap text-slate-700">Note interne : {e.internalNote}</p> : null}
                </li>
              ))}
            </ol>
          </Panel>

          <Panel id="messages" title="Messages envoyés">
            {request.messages.length ? (
              <ul className="mt-2 space-y-2">
                {request.messages.map((m) => (
                  <li key={m.id}>
                    <span className="font-semibold">{m.subject}</span>, {m.channel === "SMS" ? "SMS" : "courriel"} à {m.recipient}
                    {m.accountId === null && request.requester.accountId ? " (copie mairie)" : ""} :{" "}
                    {m.status === "ENVOYE" && m.sentAt ? `envoyé le ${frenchDateTime(m.sentAt)}`
                      : m.status === "EN_ATTENTE" && m.nextAttemptAt > new Date() && m.attempts === 0 ? `programmé pour le ${frenchDateTime(m.nextAttemptAt)}`
                      : MESSAGE_STATUS[m.status]}
                  </li>
                ))}
              </ul>
            ) : <p className="mt-2">Aucun message.</p>}
          </Panel>

          <Panel id="autres" title="Autres demandes de ce demandeur">
            {request.others.length ? (
              <ul className="mt-2 list-disc pl-5">
                {request.others.map((o) => (
                  <li key={o.numero}>
                    <Link href={`/admin/demandes/${o.numero}`} className="text-brand underline">{o.numero}</Link>, {o.procedure.title} : {statusLabel(o.status)}
                  </li>
                ))}
              </ul>
            ) : <p className="mt-2">Aucune autre.</p>}
          </Panel>
        </div>

        <aside aria-labelledby="actions" className="space-y-4">
          <h2 id="actions" tabIndex={-1} className="text-2xl font-bold outline-none">Actions</h2>
          {instruct && request.transitions.length ? (
            request.transitions.map((t) => (
              <details key={t.action} className="rounded-lg border border-slate-300 bg-white p-4">
                <summary className="cursor-pointer text-lg font-semibold text-brand">{t.action}</summary>
                <PreviewedAction
                  id={`t-${t.to}`}
                  numero={request.numero}
                  kind="statut"
                  hidden={{ to: t.to, version: String(request.version) }}
                  fields={fieldsOf(t)}
                  confirmLabel={`Confirmer : ${t.action}`}
                  danger={DANGER.has(t.action)}
                />
              </details>
            ))
          ) : <p>Aucun changement de statut possible.</p>}

          {instruct ? (
            <details className="rounded-lg border border-slate-300 bg-white p-4">
              <summary className="cursor-pointer text-lg font-semibold text-brand">Attribuer</summary>
              <p className="mt-2">Actuellement : {request.assignee ?? "personne"}.</p>
              <RecordForm numero={request.numero} kind="attribuer" submitLabel="Attribuer">
                <label htmlFor="attribuer-agent" className="mt-2 block font-semibold">Agent</label>
                <select id="attribuer-agent" name="agentId" defaultValue={request.assignedAgentId ?? ""} className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2">
                  <option value="">Personne</option>
                  {request.assignable.map((a) => <option key={a.id} value={a.id}>{a.id === agent.id ? `${a.name} (moi)` : a.name}</option>)}
                </select>
              </RecordForm>
            </details>
          ) : null}

          {write ? (
            <>
              <details className="rounded-lg border border-slate-300 bg-white p-4">
                <summary className="cursor-pointer text-lg font-semibold text-brand">Envoyer un message d&apos;information</summary>
                <PreviewedAction id="information" numero={request.numero} kind="information" confirmLabel="Envoyer ce message"
                  fields={[{ name: "message", label: "Message au demandeur", type: "textarea", required: true }]} />
              </details>
              <details className="rounded-lg border border-slate-300 bg-white p-4">
                <summary className="cursor-pointer text-lg font-semibold text-brand">Programmer un rappel</summary>
                <PreviewedAction id="rappel" numero={request.numero} kind="rappel" confirmLabel="Programmer ce rappel"
                  fields={[
                    { name: "date", label: "Date d'envoi", type: "date", required: true },
                    { name: "time", label: "Heure d'envoi", hint: "9 h 00 si vous n'en choisissez pas.", type: "time" },
                    { name: "message", label: "Texte du rappel", type: "textarea", required: true, maxLength: 500 },
                  ]} />
              </details>
            </>
          ) : null}

          <section aria-labelledby="notes" className="rounded-lg border border-slate-300 bg-white p-4">
            <h3 id="notes" className="text-lg font-semibold">Notes internes</h3>
            {request.notes.length ? (
              <ul className="mt-2 space-y-2">
                {request.notes.map((n) => <li key={n.id}><span className="text-sm text-slate-700">{frenchDateTime(n.createdAt)}, {n.who} :</span> <span className="whitespace-pre-wrap">{n.text}</span></li>)}
              </ul>
            ) : <p className="mt-2 text-slate-700">Aucune note.</p>}
            {instruct ? (
              <NoteForm numero={request.numero} />
            ) : null}
          </section>
        </aside>
      </div>
    </div>
  );
}

/** One block of the request's file, titled. */
function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6 rounded-lg border border-slate-200 bg-white p-5 first:mt-0">
      <h2 id={id} className="text-xl font-bold">{title}</h2>
      {children}
    </section>
  );
}
