"use client";

import * as z from "zod/mini";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { SECURITY_QUESTIONS } from "@/lib/accounts/schema";
import type { ActionResult } from "@/lib/forms";

const OTHER = "autre";
const ids = { currentPassword: "question-mot-de-passe", choice: "question-choix", ownQuestion: "question-libre", securityAnswer: "question-reponse" };

const schema = z
  .object({
    currentPassword: z.string().check(z.minLength(1, "Indiquez votre mot de passe actuel."), z.maxLength(200, "Le mot de passe : 200 caractères au plus.")),
    choice: z.string(),
    ownQuestion: z.string().check(z.maxLength(200, "La question : 200 caractères au plus.")),
    securityAnswer: z.string().check(z.trim(), z.minLength(2, "Indiquez la réponse à votre question."), z.maxLength(100, "La réponse : 100 caractères au plus.")),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.choice === OTHER && v.ownQuestion.trim().length < 5) ctx.addIssue({ code: "custom", path: ["ownQuestion"], message: "Écrivez votre question." });
      if (v.choice !== OTHER && !(SECURITY_QUESTIONS as readonly string[]).includes(v.choice)) ctx.addIssue({ code: "custom", path: ["choice"], message: "Choisissez une question." });
    }),
  );

/** « Modifier ma question/réponse »: a question from the list or one's own, its answer, the current password. */
export function QuestionForm({ current, action }: { current: string; action: (input: unknown) => Promise<ActionResult> }) {
  const listed = (SECURITY_QUESTIONS as readonly string[]).includes(current);
  const { form, submit, result, errors, pending } = useActionForm({
    name: "question",
    schema,
    defaultValues: { currentPassword: "", choice: listed ? current : OTHER, ownQuestion: listed ? "" : current, securityAnswer: "" },
    action,
    toInput: (v) => ({ currentPassword: v.currentPassword, securityQuestion: v.choice === OTHER ? v.ownQuestion : v.choice, securityAnswer: v.securityAnswer }),
    fieldOf: (key, v) => (key === "securityQuestion" ? (v.choice === OTHER ? "ownQuestion" : "choice") : key),
    onSuccess: (v) => form.reset({ ...v, currentPassword: "", securityAnswer: "" }),
  });
  const { register, watch } = form;
  const own = watch("choice") === OTHER;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-question" className="mt-6 max-w-xl rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="titre-question" className="text-xl font-bold">Nouvelle question</h2>
      <FormFeedback form="question" result={result} errors={errors} fieldIds={ids} />

      <TextField id={ids.currentPassword} label="Mot de passe actuel" type="password" autoComplete="current-password" error={errors.currentPassword} {...register("currentPassword")} />
      <SelectField id={ids.choice} label="Question" error={errors.choice} {...register("choice")}>
        {SECURITY_QUESTIONS.map((q) => (
          <option key={q} value={q}>{q}</option>
        ))}
        <option value={OTHER}>Autre question (à écrire)</option>
      </SelectField>
      {own ? (
        <TextField id={ids.ownQuestion} label="Votre question" hint="Une question dont vous seul connaissez la réponse, qui ne se trouve pas sur Internet." autoComplete="off" error={errors.ownQuestion} {...register("ownQuestion")} />
      ) : null}
      <TextField
        id={ids.securityAnswer}
        label="Réponse"
        hint="Majuscules et accents ne comptent pas. Notez-la : elle vous sera demandée si vous oubliez votre mot de passe."
        autoComplete="off"
        error={errors.securityAnswer}
        {...register("securityAnswer")}
      />

      <Button type="submit" className="mt-6" disabled={pending}>
        {pending ? "Enregistrement…" : "Sauver"}
      </Button>
    </form>
  );
}
