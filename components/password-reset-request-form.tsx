"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { resetRequestSchema } from "@/lib/accounts/recovery-schema";
import type { ActionResult } from "@/lib/forms";

type Input = z.infer<typeof resetRequestSchema>;
type Summary = { message?: string; errors: Record<string, string> };

const FIELD_IDS = { identifiant: "identifiant" };
const UNAVAILABLE = "Le service ne répond pas pour le moment. Réessayez dans quelques instants.";

/** « Mot de passe oublié ? »: the identifiant, then the same neutral confirmation whatever it is. */
export function PasswordResetRequestForm({ action }: { action: (input: unknown) => Promise<ActionResult> }) {
  const { register, handleSubmit, setError, formState } = useForm<Input>({ resolver: zodResolver(resetRequestSchema) });
  // The summary is a snapshot of the last submission: it does not move while the person corrects.
  const [summary, setSummary] = useState<Summary>({ errors: {} });
  const [sent, setSent] = useState<string | null>(null);
  const sentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  const onValid = async (values: Input) => {
    setSummary({ errors: {} });
    let result: ActionResult;
    try {
      result = await action(values);
    } catch {
      result = { ok: false, message: UNAVAILABLE };
    }
    if (result.ok) {
      setSent(result.message ?? "");
      return;
    }
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
      if (field in FIELD_IDS) setError(field as keyof Input, { type: "server", message });
    }
    setSummary({ message: result.message, errors: result.fieldErrors ?? {} });
  };

  if (sent !== null) {
    return (
      <div ref={sentRef} tabIndex={-1} className="focus:outline-none">
        <Notice tone="success" title="Demande enregistrée" live>
          <p>{sent}</p>
          <p className="mt-2">
            Rien reçu au bout de quelques minutes ? Regardez dans les courriers indésirables, vérifiez l&apos;identifiant
            saisi, puis refaites une demande si besoin.
          </p>
        </Notice>
      </div>
    );
  }

  return (
    <form
      noValidate
      aria-labelledby="titre-demande"
      onSubmit={handleSubmit(onValid, (errors) =>
        setSummary({ errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v?.message ?? "")])) }),
      )}
    >
      <h2 id="titre-demande" className="text-xl font-bold">Recevoir un lien par courriel</h2>
      <ErrorSummary message={summary.message} errors={summary.errors} fieldIds={FIELD_IDS} />
      <TextField
        id={FIELD_IDS.identifiant}
        label="Identifiant"
        hint="Par exemple : prénom.nom. L'adresse électronique de votre compte convient aussi."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={formState.errors.identifiant?.message}
        {...register("identifiant")}
      />
      <Button type="submit" className="mt-5 w-full sm:w-auto" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Envoi…" : "Envoyer"}
      </Button>
    </form>
  );
}
