"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { LetterView } from "../letter";
import { sendPasswordCode, type CodeState } from "./actions";

/** « Mot de passe perdu »: a code by email or on a printed letter; the agent never sees a password. */
export function CodeForm({ accountId, email, commune }: { accountId: string; email: string; commune: string }) {
  const [state, action, pending] = useActionState<CodeState, FormData>(sendPasswordCode, null);
  return (
    <>
      <form action={action} className="mt-3 flex flex-wrap gap-3">
        <input type="hidden" name="accountId" value={accountId} />
        <Button type="submit" name="via" value="courriel" variant="secondary" disabled={pending}>Envoyer un code par courriel à {email}</Button>
        <Button type="submit" name="via" value="courrier" variant="secondary" disabled={pending}>Préparer un courrier avec un code</Button>
      </form>
      {state?.message ? <Notice tone={state.ok ? "success" : "warning"} live>{state.message}</Notice> : null}
      {state?.letter ? <LetterView letter={state.letter} commune={commune} created={false} /> : null}
    </>
  );
}
