"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { Letter } from "@/lib/accounts/counter";

/**
 * The letter that carries the town hall's code, to print and hand over (or post). It says how to
 * choose the password, never what it is. Takes the focus when it appears.
 */
export function LetterView({ letter, commune, created }: { letter: Letter; commune: string; created: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="lettre-titre" className="lettre-a-imprimer mt-4 rounded-lg border-2 border-slate-400 bg-white p-6 outline-none">
      <p className="text-right">{letter.name}<br />{letter.address.map((line) => <span key={line}>{line}<br /></span>)}</p>
      <h2 id="lettre-titre" className="mt-6 text-xl font-bold">{created ? `Votre Compte Citoyen de ${commune}` : "Votre code pour choisir un nouveau mot de passe"}</h2>
      <p className="mt-3">{created ? "Votre compte a été créé à la mairie." : "À votre demande, la mairie vous remet ce code."} Votre identifiant : <strong>{letter.identifiant}</strong></p>
      <p className="mt-3">Votre code, valable une fois jusqu&apos;au {letter.validUntil} :</p>
      <p className="mt-1 font-mono text-xl font-bold tracking-widest whitespace-nowrap sm:text-2xl" data-testid="code-mairie">{letter.code}</p>
      <p className="mt-3">Allez sur <strong className="wrap-anywhere">{letter.url}</strong>, saisissez votre identifiant, ce code, puis le mot de passe de votre choix. Personne d&apos;autre ne le connaîtra, pas même la mairie.</p>
      <Button type="button" className="mt-4 print:hidden" onClick={() => window.print()}>Imprimer ce courrier</Button>
    </section>
  );
}
