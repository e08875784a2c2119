import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RequestProgress } from "@/components/request-progress";
import { Button, ButtonLink } from "@/components/ui/button";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { requireCitizen } from "@/lib/auth/session";
import { fileSize, frenchDateTime } from "@/lib/procedures/answer-text";
import { getRequestDetail } from "@/lib/requests/detail";
import { transitionsFor, WITHDRAW_MOTIF } from "@/lib/requests/lifecycle";
import { statusLabel } from "@/lib/requests/status";
import { withdraw } from "./actions";

type Params = Promise<{ numero: string }>;
type Search = Promise<{ complement?: string; retrait?: string; retirer?: string }>;

// A fixed title: the number in the address is whatever a link says until the page has checked it.
export const metadata: Metadata = { title: "Ma demande" };

const WITHDRAWAL = {
  fait: { tone: "success", text: "Votre demande est retirée. La mairie ne la traitera pas." },
  conflit: { tone: "warning", text: "Votre demande a changé entre-temps (la mairie y a travaillé) : relisez-la, puis retirez-la de nouveau si vous le souhaitez." },
  impossible: { tone: "warning", text: "Cette demande ne peut plus être retirée : la mairie l'a déjà traitée ou la traite." },
  erreur: { tone: "warning", text: "Le retrait n'a pas pu être enregistré à cause d'un incident technique : votre demande est inchangée. Réessayez dans un instant." },
} as const;

export default async function RequestPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const numero = decodeURIComponent((await params).numero);
  const citizen = await requireCitizen(`/demandes/${encodeURIComponent(numero)}`);
  const search = await searchParams;
  const request = await getRequestDetail(citizen, numero);
  if (!request) notFound();
  const canWithdraw = transitionsFor(request.status, "citizen").some((t) => t.to === "SANS_SUITE");
  const withdrawal = search.retrait && search.retrait in WITHDRAWAL ? WITHDRAWAL[search.retrait as keyof typeof WITHDRAWAL] : null;
  const expected = request.status === "INCOMPLETE" ? request.events.findLast((e) => e.to === "INCOMPLETE" && e.from !== e.to)?.publicMessage : null;

  return (
    <article className="mx-auto max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm text-slate-700"><Link href="/demandes" className="text-brand underline">Mes demandes</Link> › {request.numero}</nav>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">{request.title}</h1>
          <p className="mt-1 text-slate-700">
            N° {request.numero}{request.member ? `, pour ${request.member.firstNames} ${request.member.lastName}` : ""}, envoyée le {frenchDateTime(request.submittedAt)}
          </p>
          <p className="mt-1 font-semibold">{statusLabel(request.status)}</p>
        </div>
        <RequestProgress status={request.status} />
      </div>

      {search.complement === "envoye" ? <ArrivalNotice tone="success" title="Votre complément est envoyé">La mairie reprend l&apos;instruction de votre demande.</ArrivalNotice> : null}
      {withdrawal ? <ArrivalNotice tone={withdrawal.tone}>{withdrawal.text}</ArrivalNotice> : null}

      {request.status === "INCOMPLETE" ? (
        <section aria-labelledby="a-completer" className="mt-6 rounded border-l-4 border-amber-500 bg-amber-50 p-4">
          <h2 id="a-completer" className="text-xl font-bold">La mairie attend un complément de votre part</h2>
          {expected ? <p className="mt-2 whitespace-pre-line">{expected}</p> : null}
          <p className="mt-3"><ButtonLink href={`/demandes/${request.numero}/completer`}>Compléter ma demande</ButtonLink></p>
        </section>
      ) : null}

      {request.decision ? (
        <section aria-labelledby="decision" className="mt-6 rounded-lg border-2 border-brand bg-white p-5">
          <h2 id="decision" className="text-xl font-bold">Décision : {statusLabel(request.decision.status)}</h2>
          {request.decision.motif ? <p className="mt-2 whitespace-pre-line">{request.decision.motif}</p> : null}
        </section>
      ) : null}

      <p className="mt-6 flex flex-wrap gap-x-6 gap-y-2">
        {/* Plain links: the browser shows or saves the PDF itself, no pop-up to allow. */}
        <a href={`/demandes/${request.numero}/pdf`} className="font-semibold text-brand underline">Voir le récapitulatif (PDF)</a>
        <a href={`/demandes/${request.numero}/pdf`} download={`demande-${request.numero}.pdf`} className="font-semibold text-brand underline">
          Enregistrer le récapitulatif (PDF)
        </a>
      </p>

      <section aria-labelledby="historique" className="mt-8">
        <h2 id="historique" className="text-2xl font-bold">Historique</h2>
        <ol className="mt-3 space-y-3 border-l-2 border-slate-300 pl-4">
          {request.events.map((e, i) => (
            <li key={i}>
              <p className="text-sm text-slate-700">{frenchDateTime(e.at)}, {e.actor}</p>
              <p className="font-semibold">{e.from === e.to ? "Message de la mairie" : statusLabel(e.to)}</p>
              {e.publicMessage ? <p className="mt-1 whitespace-pre-line">{e.publicMessage}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="reponses" className="mt-8">
        <h2 id="reponses" className="text-2xl font-bold">Vos réponses</h2>
        {request.sections.map((section) => (
          <div key={section.title} className="mt-4">
            <h3 className="text-lg font-bold">{section.title}</h3>
            <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)]">
              {section.items.map((item) => (
                <div key={item.label} className="contents">
                  <dt className="font-semibold">{item.label}</dt>
                  <dd className="wrap-anywhere whitespace-pre-line">{item.text}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>

      {request.pieces.length ? (
        <section aria-labelledby="pieces" className="mt-8">
          <h2 id="pieces" className="text-2xl font-bold">Pièces justificatives</h2>
          <ul className="mt-3 space-y-2">
            {request.pieces.map((p) => (
              <li key={p.field}>
                <span className="font-semibold">{p.label}</span> :{" "}
                {p.state === "en ligne" && p.attachmentId ? (
                  <><a href={`/api/pieces/${p.attachmentId}`} className="text-brand underline">{p.fileName}</a>{p.size ? ` (${fileSize(p.size)})` : ""}</>
                ) : p.state === "reçue" ? (
                  "reçue sur papier par la mairie"
                ) : p.state === "sur papier" ? (
                  `à fournir sur papier, avec le numéro ${request.numero}`
                ) : (
                  "non fournie"
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {canWithdraw ? (
        <section aria-labelledby="retirer" className="mt-10 border-t border-slate-200 pt-6">
          <h2 id="retirer" className="text-xl font-bold">Retirer ma demande</h2>
          {search.retirer ? (
            <form action={withdraw} className="mt-3 rounded border-l-4 border-red-700 bg-red-50 p-4">
              <p className="font-semibold">Retirer cette demande ? La mairie la classera sans suite (« {WITHDRAW_MOTIF} ») ; cela ne s&apos;annule pas.</p>
              <input type="hidden" name="numero" value={request.numero} />
              <input type="hidden" name="version" value={request.version} />
              <div className="mt-3 flex flex-wrap gap-3">
                <Button type="submit" variant="danger">Confirmer le retrait</Button>
                <ButtonLink href={`/demandes/${request.numero}`} variant="secondary">Garder ma demande</ButtonLink>
              </div>
            </form>
          ) : (
            <p className="mt-2">
              Vous n&apos;en avez plus besoin ?{" "}
              <Link href={`/demandes/${request.numero}?retirer=1#retirer`} className="font-semibold text-brand underline">Retirer ma demande</Link>
            </p>
          )}
        </section>
      ) : null}
    </article>
  );
}
