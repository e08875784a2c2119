"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { signInWithPassword } from "@/components/auth-requests";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { safeReturn } from "@/lib/auth/return-to";
import { minutesText } from "@/lib/forms";

/** The French sentence for a code thrown by lib/auth/options (the same whether the account exists or not). */
export function loginErrorMessage(code: string | null | undefined): string {
  if (!code) return "";
  if (code === "identifiants" || code === "CredentialsSignin") return "Identifiant ou mot de passe incorrect.";
  if (code.startsWith("attente:")) return `Trop de tentatives de connexion. Par sécurité, réessayez dans ${minutesText(Number(code.slice(8)))}.`;
  if (code === "refuse") return "Ce compte n'a pas été accepté par la mairie. Contactez-la pour en connaître la raison.";
  return "La connexion n'a pas abouti. Réessayez dans un instant.";
}

export function LoginForm({ returnTo, initialError, headingLevel = 2 }: { returnTo?: string; initialError?: string; headingLevel?: 1 | 2 }) {
  const router = useRouter();
  const [error, setError] = useState(loginErrorMessage(initialError));
  const [pending, setPending] = useState(false);
  const Heading = headingLevel === 1 ? "h1" : "h2";
  // Until the page's script runs, the button stays disabled: a native submit would be useless here.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError("");
    try {
      const refusal = await signInWithPassword(String(form.get("identifiant") ?? ""), String(form.get("password") ?? ""));
      if (!refusal) {
        router.replace(safeReturn(returnTo));
        router.refresh();
        return;
      }
      setError(loginErrorMessage(refusal));
    } catch {
      setError(loginErrorMessage("autre"));
    }
    setPending(false);
  }

  return (
    // POST, never GET: whatever happens, a password never ends up in an address.
    <form method="post" onSubmit={submit} noValidate aria-labelledby="titre-connexion">
      <Heading id="titre-connexion" className={headingLevel === 1 ? "text-3xl font-bold" : "text-xl font-bold"}>
        Connexion
      </Heading>
      {error ? (
        <p role="alert" className="mt-3 rounded border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800">{error}</p>
      ) : null}
      <TextField label="Identifiant" name="identifiant" autoComplete="username" required hint="Par exemple : prénom.nom" autoCapitalize="none" spellCheck={false} />
      <TextField label="Mot de passe" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="mt-5 w-full" disabled={pending || !hydrated}>
        {pending ? "Connexion…" : "Connexion"}
      </Button>
      <p className="mt-4">
        <Link href="/mot-de-passe-oublie" className="text-brand underline">Mot de passe oublié ?</Link>
      </p>
      <p className="mt-2">
        <Link href="/creer-mon-compte" className="font-semibold text-brand underline">Je souhaite créer mon compte</Link>
      </p>
    </form>
  );
}

const noSubscription = () => () => {};
