"use client";

import { useEffect, useRef } from "react";
import * as z from "zod/mini";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, SelectField, TextField } from "@/components/ui/field";
import { frenchDate, isoDate, memberSchema, pastDate, RELATIONS } from "@/lib/accounts/schema";
import type { ActionResult } from "@/lib/forms";

export type MemberValues = {
  id?: string;
  relation: keyof typeof RELATIONS;
  firstNames: string;
  lastName: string;
  birthDate: string;
  sex: "F" | "M" | "";
};

// Dates typed as « 21/06/2015 » (decision 0007: the browser's date picker follows its own language)
// and sent as the schema's "2015-06-21".
const schema = z.extend(memberSchema, {
  birthDate: z.pipe(z.pipe(z.string(), z.transform(isoDate)), pastDate("la date de naissance")),
});

const ids = {
  firstNames: "membre-prenoms",
  lastName: "membre-nom",
  birthDate: "membre-naissance",
  sex: "membre-sexe-F",
  relation: "membre-lien",
};

/**
 * One member of the household, added (no id) or changed, inline in the household list. The
 * heading takes the focus when the form opens.
 */
export function MemberForm({
  title, initial, action, onSaved, onCancel,
}: {
  title: string;
  initial: MemberValues;
  action: (input: unknown) => Promise<ActionResult>;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const child = initial.relation === "ENFANT";
  const { form, submit, result, errors, pending } = useActionForm({
    name: "membre",
    schema,
    defaultValues: { ...initial, birthDate: frenchDate(initial.birthDate) } as never,
    action,
    onSuccess: (_values, answer) => onSaved(answer.message ?? "Modifications enregistrées."),
  });
  const { register } = form;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-membre" className="mt-3 rounded-lg border-2 border-brand bg-white p-4 sm:p-5">
      <h4 id="titre-membre" ref={heading} tabIndex={-1} className="text-lg font-bold">{title}</h4>
      <FormFeedback form="membre" result={result} errors={errors} fieldIds={ids} success={false} />

      <TextField id={ids.firstNames} label="Prénom(s)" autoComplete="off" error={errors.firstNames} {...register("firstNames")} />
      <TextField id={ids.lastName} label="Nom" hint={initial.id ? undefined : "Prérempli avec votre nom de famille : modifiez-le s'il est différent."} autoComplete="off" error={errors.lastName} {...register("lastName")} />
      <div className="sm:max-w-xs">
        <TextField id={ids.birthDate} label="Date de naissance" hint="Jour, mois et année, par exemple 21/06/2015" inputMode="numeric" autoComplete="off" error={errors.birthDate} {...register("birthDate")} />
      </div>
      <ChoiceGroup legend="Sexe" name="membre-sexe" error={errors.sex}>
        <Choice id="membre-sexe-F" type="radio" value="F" label={child ? "Fille" : "Femme"} {...register("sex")} />
        <Choice id="membre-sexe-M" type="radio" value="M" label={child ? "Garçon" : "Homme"} {...register("sex")} />
      </ChoiceGroup>
      {child ? null : (
        <SelectField id={ids.relation} label="Lien avec vous" error={errors.relation} {...register("relation")}>
          <option value="CONJOINT">{RELATIONS.CONJOINT}</option>
          <option value="AUTRE_ADULTE">{RELATIONS.AUTRE_ADULTE}</option>
        </SelectField>
      )}

      <div className="mt-6 flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Enregistrement…" : "Sauver"}</Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>Annuler</Button>
      </div>
    </form>
  );
}
