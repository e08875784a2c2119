"use client";

import { useMemo, useState } from "react";
import * as z from "zod/mini";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PasswordStrength } from "@/components/password-strength";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-policy";
import { passwordFields } from "@/lib/accounts/schema";
import type { ActionResult } from "@/lib/forms";

const passwordSchema = z.object({
  email: z.string().check(z.trim(), z.minLength(1, "Indiquez votre adresse électronique professionnelle."), z.maxLength(254, "Adresse électronique trop longue.")),
  password: z.string().check(z.minLength(1, "Indiquez votre mot de passe."), z.maxLength(200, "Le mot de passe : 200 caractères au plus.")),
});

/** First step of an agent's login. */
/** `retour`: the back-office page to open after the code step (a session that expired there). */
export function AgentPasswordForm({ action, retour }: { action: (input: unknown) => Promise<ActionResult>; retour?: string }) {
  const { form, submit, result, errors, pending } = useActionForm({
    name: "agent", schema: passwordSchema, defaultValues: { email: "", password: "" },
    action: (input) => action(retour ? { ...(input as object), retour } : input),
  });
  return (
    <form onSubmit={submit} noValidate className="mt-6 max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <FormFeedback form="agent" result={result} errors={errors} fieldIds={{ email: "agent-email", password: "agent-mdp" }} success={false} />
      <TextField id="agent-email" label="Adresse électronique" type="email" autoComplete="username" error={errors.email} {...form.register("email")} />
      <TextField id="agent-mdp" label="Mot de passe" type="password" autoComplete="current-password" error={errors.password} {...form.register("password")} />
      <Button type="submit" className="mt-6" disabled={pending}>{pending ? "Vérification…" : "Continuer"}</Button>
    </form>
  );
}

const codeSchema = z.object({
  code: z.string().check(z.trim(), z.minLength(1, "Saisissez le code à 6 chiffres de votre application, ou un code de secours."), z.maxLength(20, "Ce code est trop long : 6 chiffres, ou un code de secours.")),
});

/** Second step: the code of the authenticator app, or a recovery code. */
export function AgentCodeForm({ action, secret, finish }: {
  action: (input: unknown) => Promise<ActionResult<{ recoveryCodes: string[]; ticket: string }>> | Promise<ActionResult>;
  secret?: string;
  /** After an enrolment: the action that opens the back office once the codes are read. */
  finish?: (formData: FormData) => Promise<void>;
}) {
  const [codes, setCodes] = useState<{ list: string[]; ticket: string } | null>(null);
  const { form, submit, result, errors, pending } = useActionForm({
    name: "code",
    schema: codeSchema,
    defaultValues: { code: "" },
    action: (input) => action({ ...(input as object), secret }) as Promise<ActionResult>,
    onSuccess: (_values, answer) => {
      const data = (answer as { data?: { recoveryCodes?: string[]; ticket?: string } }).data;
      if (data?.recoveryCodes && data.ticket) setCodes({ list: data.recoveryCodes, ticket: data.ticket });
    },
  });
  if (codes) {
    return (
      <section aria-labelledby="codes-secours" className="mt-6 max-w-md rounded-lg border-2 border-brand bg-white p-5">
        <h2 id="codes-secours" className="text-xl font-bold">Vos codes de secours</h2>
        <p className="mt-2">Chacun remplace une fois le code de l&apos;application si vous perdez votre téléphone. Imprimez-les ou rangez-les en lieu sûr : ils ne seront plus affichés.</p>
        <ul className="mt-3 grid grid-cols-2 gap-2 font-mono text-lg">{codes.list.map((c) => <li key={c}>{c}</li>)}</ul>
        <form action={finish} className="mt-4">
          <input type="hidden" name="ticket" value={codes.ticket} />
          <Button type="submit">J&apos;ai noté mes codes : accéder à l&apos;espace agents</Button>
        </form>
      </section>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="mt-6 max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <FormFeedback form="code" result={result} errors={errors} fieldIds={{ code: "agent-code" }} success={false} />
      <TextField id="agent-code" label="Code à 6 chiffres" hint="Affiché par votre application d'authentification ; ou l'un de vos codes de secours." inputMode="numeric" autoComplete="one-time-code" error={errors.code} {...form.register("code")} />
      <Button type="submit" className="mt-6" disabled={pending}>{pending ? "Vérification…" : "Valider"}</Button>
    </form>
  );
}

/** The invitation's page: the agent's own password, twice; then the login (and the authenticator's enrolment). */
export function AgentWelcomeForm({ email, context, action }: { email: string; context: string[]; action: (input: unknown) => Promise<ActionResult> }) {
  const [done, setDone] = useState(false);
  const schema = useMemo(() => passwordFields(context), [context]);
  const { form, submit, result, errors, pending } = useActionForm({
    name: "bienvenue", schema, defaultValues: { password: "", passwordConfirm: "" }, action, onSuccess: () => setDone(true),
  });
  if (done) {
    return (
      <div className="mt-6">
        <Notice tone="success" live>Votre mot de passe est enregistré. Connectez-vous : vous associerez ensuite votre application d&apos;authentification.</Notice>
        <ButtonLink href="/admin/connexion" className="mt-4">Se connecter</ButtonLink>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="mt-6 max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <FormFeedback form="bienvenue" result={result} errors={errors} fieldIds={{ password: "agent-nouveau-mdp", passwordConfirm: "agent-confirmation" }} success={false} />
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField id="agent-nouveau-mdp" label="Mot de passe" hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères ; une phrase de plusieurs mots convient bien.`} type="password" autoComplete="new-password" error={errors.password} {...form.register("password")} />
      <PasswordStrength password={form.watch("password") ?? ""} />
      <TextField id="agent-confirmation" label="Confirmez le mot de passe" type="password" autoComplete="new-password" error={errors.passwordConfirm} {...form.register("passwordConfirm")} />
      <Button type="submit" className="mt-6" disabled={pending}>{pending ? "Enregistrement…" : "Enregistrer"}</Button>
    </form>
  );
}
