"use client";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { z } from "zod";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { PasswordStrength } from "@/components/password-strength";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-policy";
import { counterCodeSchema, RECOVERY_UNAVAILABLE, resetPasswordSchema } from "@/lib/accounts/recovery-schema";
import type { ActionResult } from "@/lib/forms";

const FIELD_IDS = { answer: "reponse", identifiant: "identifiant", code: "code-mairie", password: "nouveau-mot-de-passe", passwordConfirm: "confirmation-mot-de-passe" } as const;

type Values = { answer?: string; identifiant?: string; code?: string; password: string; passwordConfirm: string };

/** What proves the person may choose the password: the emailed link and the security question, or the town hall's code. */
export type Proof = { kind: "question"; question: string; identifiant: string } | { kind: "code" };

/**
 * A new password, twice, with its proof: the answer to the security question (the emailed link's
 * page), or the identifiant and the town hall's code. `context`: words the password must not be
 * built on (checked again, more fully, by the server).
 */
export function PasswordResetForm({
  proof, context, action,
}: {
  proof: Proof;
  context: string[];
  action: (input: unknown) => Promise<ActionResult>;
}) {
  const router = useRouter();
  const schema = useMemo(
    () => (proof.kind === "question" ? resetPasswordSchema(context) : counterCodeSchema(context)) as unknown as z.ZodType<Values, Values>,
    [proof.kind, context],
  );
  const [done, setDone] = useState(false);
  const { form, submit, result, errors, pending } = useActionForm({
    name: "nouveau-mot-de-passe",
    schema,
    defaultValues: proof.kind === "question" ? { answer: "", password: "", passwordConfirm: "" } : { identifiant: "", code: "", password: "", passwordConfirm: "" },
    action,
    technicalError: RECOVERY_UNAVAILABLE,
    onSuccess: () => setDone(true),
    // The link may have stopped working (worn out by wrong answers, used elsewhere): the page says so.
    onFailure: () => (proof.kind === "question" ? router.refresh() : undefined),
  });
  const { register, watch } = form;
  const [shown, setShown] = useState(false);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const password = watch("password");

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (done) {
    return (
      <section aria-labelledby="titre-termine">
        <h2 id="titre-termine" ref={doneRef} tabIndex={-1} className="text-xl font-bold focus:outline-none">
          Votre mot de passe est changé
        </h2>
        <Notice tone="success" live>
          <p>Vous pouvez dès maintenant vous connecter avec votre nouveau mot de passe.</p>
          <p className="mt-2">
            Par sécurité, les sessions ouvertes avec l&apos;ancien mot de passe sont fermées, sur tous vos appareils. Un
            courriel de confirmation vous a été envoyé.
          </p>
        </Notice>
        <p className="mt-6">
          <ButtonLink href="/connexion">
            Connexion
          </ButtonLink>
        </p>
      </section>
    );
  }

  return (
    <form noValidate aria-labelledby="titre-formulaire" onSubmit={submit}>
      {proof.kind === "question" ? (
        <>
          <h2 id="titre-formulaire" className="text-xl font-bold">Votre question de sécurité</h2>
          <FormFeedback form="nouveau-mot-de-passe" result={result} errors={errors} fieldIds={FIELD_IDS} success={false} />
          {/* For password managers: the account whose password changes. */}
          <input type="text" name="username" autoComplete="username" value={proof.identifiant} readOnly hidden />
          <TextField
            id={FIELD_IDS.answer}
            label={proof.question}
            hint="La réponse choisie à la création de votre compte. Les majuscules et les accents ne comptent pas."
            autoComplete="off"
            error={errors.answer}
            {...register("answer")}
          />
        </>
      ) : (
        <>
          <h2 id="titre-formulaire" className="text-xl font-bold">Votre identifiant et le code de la mairie</h2>
          <FormFeedback form="nouveau-mot-de-passe" result={result} errors={errors} fieldIds={FIELD_IDS} success={false} />
          <TextField id={FIELD_IDS.identifiant} label="Identifiant" hint="Par exemple : prenom.nom" autoComplete="username" autoCapitalize="none" spellCheck={false} error={errors.identifiant} {...register("identifiant")} />
          <TextField
            id={FIELD_IDS.code}
            label="Code reçu de la mairie"
            hint="Douze lettres et chiffres, par exemple K7PM-3QXD-9TRA, sur le courrier ou dans le courriel de la mairie."
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            error={errors.code}
            {...register("code")}
          />
        </>
      )}

      <h2 className="mt-8 text-xl font-bold">Votre nouveau mot de passe</h2>
      <TextField
        id={FIELD_IDS.password}
        label="Nouveau mot de passe"
        hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères. Une phrase ou plusieurs mots faciles à retenir font un bon mot de passe ; évitez votre nom et celui de la commune.`}
        type={shown ? "text" : "password"}
        autoComplete="new-password"
        error={errors.password}
        {...register("password")}
      />
      <PasswordStrength password={password ?? ""} />
      <TextField
        id={FIELD_IDS.passwordConfirm}
        label="Confirmez le nouveau mot de passe"
        type={shown ? "text" : "password"}
        autoComplete="new-password"
        error={errors.passwordConfirm}
        {...register("passwordConfirm")}
      />
      <label className="mt-3 inline-flex min-h-11 items-center gap-2">
        <input type="checkbox" className="h-5 w-5 accent-brand" checked={shown} onChange={(e) => setShown(e.target.checked)} />
        <span>Afficher les mots de passe</span>
      </label>
      <div>
        <Button type="submit" className="mt-5 w-full sm:w-auto" disabled={pending}>
          {pending ? "Enregistrement…" : "Confirmer"}
        </Button>
      </div>
    </form>
  );
}
