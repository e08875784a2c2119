import Link from "next/link";
import type { Ref } from "react";

// Why a confirmation link does not work, and what to do instead.
const TEXTS = {
  used: {
    title: "Ce lien a déjà servi",
    body: "Chaque lien de confirmation ne fonctionne qu'une fois : votre adresse est sans doute déjà confirmée. Si vous avez reçu plusieurs courriels, seul le plus récent compte.",
  },
  expired: {
    title: "Ce lien a expiré",
    body: "Un lien de confirmation reste valable 7 jours. Passé ce délai, il ne peut plus servir.",
  },
  unknown: {
    title: "Ce lien n'est pas valable",
    body: "Il ne correspond à aucune adresse à confirmer dans cette commune. Vérifiez que l'adresse du lien a été copiée en entier, ou ouvrez-le directement depuis le courriel reçu.",
  },
  error: {
    title: "La confirmation n'a pas abouti",
    body: "Un incident technique nous a empêchés d'enregistrer la confirmation. Rechargez la page et réessayez dans un instant.",
  },
} as const;

export type LinkProblemReason = keyof typeof TEXTS;

export function LinkProblem({ reason, contactPhone, headingRef }: { reason: LinkProblemReason; contactPhone: string; headingRef?: Ref<HTMLHeadingElement> }) {
  const text = TEXTS[reason];
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="text-3xl font-bold">{text.title}</h1>
      <p className="mt-4 leading-relaxed">{text.body}</p>
      {reason !== "error" ? (
        <p className="mt-3 leading-relaxed">
          Pour recevoir un nouveau lien ou pour toute question, contactez la mairie au {contactPhone}. Vous pouvez déjà vous
          connecter à votre compte avec votre identifiant.
        </p>
      ) : null}
      <p className="mt-6">
        <Link href="/connexion" className="font-semibold text-brand underline">Connexion</Link>
      </p>
    </>
  );
}
