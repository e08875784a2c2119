"use client";
import { useEffect, useRef, useState } from "react";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { RECOVERY_UNAVAILABLE, resetRequestSchema } from "@/lib/accounts/recovery-schema";
import type { ActionResult } from "@/lib/forms";

const FIELD_IDS = { identifiant: "identifiant" };

/** « Mot de passe oublié ? »: the identifiant, then the same neutral confirmation whatever it is. */
export function PasswordResetRequestForm({ action }: { action: (input: unknown) => Promise<ActionResult> }) {
  const [sent, setSent] = useState<string | null>(null);
  const { form, submit, result, errors, pending } = useActionForm({
    name: "demande",
    schema: resetRequestSchema,
    defaultValues: { identifiant: "" },
    action,
    technicalError: RECOVERY_UNAVAILABLE,
    onSuccess: (_values, answer) => setSent(answer.message ?? ""),
  });
  const { register } = form;
  const sentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

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
    <form noValidate aria-labelledby="titre-demande" onSubmit={submit}>
      <h2 id="titre-demande" className="text-xl font-bold">Recevoir un lien par courriel</h2>
      <FormFeedback form="demande" result={result} errors={errors} fieldIds={FIELD_IDS} success={false} />
      <TextField
        id={FIELD_IDS.identifiant}
        label="Identifiant"
        hint="Par exemple : prénom.nom. L'adresse électronique de votre compte convient aussi."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        error={errors.identifiant}
        {...register("identifiant")}
      />
      <Button type="submit" className="mt-5 w-full sm:w-auto" disabled={pending}>
        {pending ? "Envoi…" : "Envoyer"}
      </Button>
    </form>
  );
}
