"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { confirmAddress, type ConfirmState } from "./actions";
import { LinkProblem } from "./link-problem";

/** The button that confirms (a POST: opening the link alone changes nothing), then its outcome. */
export function ConfirmForm({ token, contactPhone }: { token: string; contactPhone: string }) {
  const [state, action, pending] = useActionState<ConfirmState, FormData>(confirmAddress, null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state) heading.current?.focus();
  }, [state]);

  if (state?.ok) {
    return (
      <>
        <h1 ref={heading} tabIndex={-1} className="text-3xl font-bold">Votre adresse est confirmée</h1>
        <Notice tone="success">
          Nous vous écrirons désormais à l&apos;adresse <strong className="wrap-anywhere">{state.email}</strong>.
        </Notice>
        <p className="mt-6">
          <Link href="/connexion" className="font-semibold text-brand underline">Connexion</Link>
        </p>
      </>
    );
  }
  if (state) return <LinkProblem reason={state.reason} contactPhone={contactPhone} headingRef={heading} />;

  return (
    <form action={action}>
      <h1 className="text-3xl font-bold">Confirmer mon adresse électronique</h1>
      <p className="mt-4 leading-relaxed">
        Vous avez indiqué cette adresse pour votre Compte Citoyen. Confirmez qu&apos;elle est bien la vôtre : la mairie pourra alors
        l&apos;utiliser pour vous écrire.
      </p>
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="mt-6" disabled={pending}>
        {pending ? "Confirmation…" : "Confirmer mon adresse"}
      </Button>
    </form>
  );
}
