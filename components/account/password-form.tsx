"use client";

import { useMemo } from "react";
import * as z from "zod/mini";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { PasswordStrength } from "@/components/password-strength";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-policy";
import { passwordFields } from "@/lib/accounts/schema";
import type { ActionResult } from "@/lib/forms";

const ids = { currentPassword: "mdp-actuel", password: "mdp-nouveau", passwordConfirm: "mdp-confirmation" };

/** « Modifier mon mot de passe »: the current one, then the new one twice with a strength hint. */
export function PasswordForm({ context, action }: { context: string[]; action: (input: unknown) => Promise<ActionResult> }) {
  const schema = useMemo(
    () => z.intersection(passwordFields(context), z.object({ currentPassword: z.string().check(z.minLength(1, "Indiquez votre mot de passe actuel."), z.maxLength(200, "Le mot de passe : 200 caractères au plus.")) })),
    [context],
  );
  const { form, submit, result, errors, pending } = useActionForm({
    name: "mot-de-passe",
    schema,
    defaultValues: { currentPassword: "", password: "", passwordConfirm: "" },
    action,
    // Nothing of the passwords stays on screen once they are saved.
    onSuccess: () => form.reset({ currentPassword: "", password: "", passwordConfirm: "" }),
  });
  const { register, watch } = form;
  const typed = watch("password") ?? "";

  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-mot-de-passe" className="mt-6 max-w-xl rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="titre-mot-de-passe" className="text-xl font-bold">Nouveau mot de passe</h2>
      <FormFeedback form="mot-de-passe" result={result} errors={errors} fieldIds={ids} />

      <TextField id={ids.currentPassword} label="Mot de passe actuel" type="password" autoComplete="current-password" error={errors.currentPassword} {...register("currentPassword")} />
      <TextField
        id={ids.password}
        label="Nouveau mot de passe"
        type="password"
        autoComplete="new-password"
        hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner ; évitez votre nom et celui de la commune.`}
        error={errors.password}
        {...register("password")}
      />
      <PasswordStrength password={typed} label="Solidité" />
      <TextField id={ids.passwordConfirm} label="Confirmer le nouveau mot de passe" type="password" autoComplete="new-password" error={errors.passwordConfirm} {...register("passwordConfirm")} />

      <Button type="submit" className="mt-6" disabled={pending}>
        {pending ? "Enregistrement…" : "Sauver"}
      </Button>
    </form>
  );
}
