"use client";

import { useEffect, useRef } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

// The confirmation after « Envoyer »: the number first, what happens next, and, without an
// account, the tracking code that lets the person follow this one request.

export type SentProps = { numero: string; title: string; processingDays: number; paper: string[] } & (
  | { kind: "account"; channelText: string | null }
  | { kind: "anonymous"; trackingCode: string | null; email: string }
);

export function Sent(props: SentProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="demande-envoyee" className="mt-6">
      <h2 id="demande-envoyee" ref={heading} tabIndex={-1} className="text-2xl font-bold">Votre demande est envoyée</h2>
      <div className="mt-6 rounded-lg border-2 border-brand bg-white p-6 text-center shadow-sm">
        <p className="text-lg">Numéro de votre demande</p>
        <p className="mt-2 text-2xl font-bold text-brand wrap-anywhere sm:text-3xl" data-testid="numero">{props.numero}</p>
        {props.kind === "anonymous" && props.trackingCode ? (
          <>
            <p className="mt-4 text-lg">Code de suivi</p>
            <p className="mt-2 font-mono text-2xl font-bold tracking-wider" data-testid="code-suivi">{props.trackingCode}</p>
          </>
        ) : null}
      </div>
      {props.kind === "anonymous" ? (
        <p className="mt-6 leading-relaxed">
          {props.trackingCode ? "Notez ce numéro et ce code : ensemble, " : "Avec ce numéro et le code de suivi reçu par courriel, "}ils vous
          permettent de suivre votre demande sans compte, depuis la page « Suivre une demande ». Nous vous les avons envoyés par courriel à{" "}
          <strong className="wrap-anywhere">{props.email}</strong>.
        </p>
      ) : (
        <p className="mt-6 leading-relaxed">
          La mairie a bien reçu votre demande « {props.title} ».{" "}
          {props.channelText
            ? `Un accusé de réception vous est envoyé ${props.channelText}.`
            : "Votre adresse électronique n'étant pas encore confirmée, nous ne vous envoyons pas d'accusé de réception : ce numéro en tient lieu."}{" "}
          Vous suivrez son avancement dans « Mes demandes ».
        </p>
      )}
      <p className="mt-3">Délai de traitement habituel : {props.processingDays} jours environ.</p>
      {props.paper.length ? (
        <Notice tone="warning" title="Pièces à fournir sur papier">
          <p>Apportez-les à l&apos;accueil de la mairie ou envoyez-les par courrier, en indiquant le numéro {props.numero} :</p>
          <ul className="mt-2 list-disc pl-5">{props.paper.map((label) => <li key={label}>{label}</li>)}</ul>
          <p className="mt-2">La mairie traite la demande une fois toutes les pièces reçues.</p>
        </Notice>
      ) : null}
      <p className="mt-8 flex flex-wrap gap-4">
        {props.kind === "account" ? (
          <>
            <ButtonLink href="/accueil">Retour à l&apos;accueil</ButtonLink>
            <ButtonLink href="/demandes" variant="secondary">Mes demandes</ButtonLink>
          </>
        ) : (
          <>
            <ButtonLink href="/suivi">Suivre ma demande</ButtonLink>
            <ButtonLink href="/services" variant="secondary">Autres démarches</ButtonLink>
          </>
        )}
      </p>
    </section>
  );
}
