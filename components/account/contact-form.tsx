"use client";

import { useEffect, useMemo, useState } from "react";
import * as z from "zod/mini";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, TextField } from "@/components/ui/field";
import { CHANNELS, contactStep, type ContactValues } from "@/lib/accounts/schema";
import type { ActionResult } from "@/lib/forms";

export type { ContactValues };

const ids = {
  addressLine1: "contact-adresse",
  addressLine2: "contact-complement",
  postalCode: "contact-code-postal",
  city: "contact-commune",
  email: "contact-courriel",
  currentPassword: "contact-mot-de-passe",
  phone: "contact-telephone",
  mobile: "contact-mobile",
  channel: "contact-canal-EMAIL",
};

/**
 * « Modifier mon compte », general data: address, email, phones and the way to be reached. SMS is
 * offered only when the commune sends them (`smsEnabled`, its « Réglages du portail »).
 */
export function ContactForm({ initial, action, smsEnabled = true }: { initial: ContactValues; action: (input: unknown) => Promise<ActionResult>; smsEnabled?: boolean }) {
  // The address the account has now: a different one needs the current password.
  const [savedEmail, setSavedEmail] = useState(initial.email);
  const schema = useMemo(
    () =>
      z.intersection(contactStep, z.object({ currentPassword: z.optional(z.string().check(z.maxLength(200, "Le mot de passe : 200 caractères au plus."))) })).check(
        z.superRefine((v, ctx) => {
          if (v.email !== savedEmail && !v.currentPassword) {
            ctx.addIssue({ code: "custom", path: ["currentPassword"], message: "Indiquez votre mot de passe actuel pour changer d'adresse électronique." });
          }
        }),
      ),
    [savedEmail],
  );
  const { form, submit, result, errors, pending } = useActionForm({
    name: "contact",
    schema,
    // A choice of SMS the commune no longer honours shows as what it has become: email.
    defaultValues: { ...initial, channel: !smsEnabled && initial.channel === "SMS" ? "EMAIL" : initial.channel, currentPassword: "" },
    action,
    onSuccess: (values) => {
      setSavedEmail(values.email);
      form.setValue("currentPassword", "");
    },
  });
  const { register, watch } = form;
  const emailChanged = (watch("email") ?? "").trim().toLowerCase() !== savedEmail;
  // Back to the saved address: the password is no longer asked, nor its error shown.
  useEffect(() => {
    if (!emailChanged) form.clearErrors("currentPassword");
  }, [emailChanged, form]);

  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-coordonnees" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="titre-coordonnees" className="text-xl font-bold">Mes coordonnées</h2>
      <FormFeedback form="contact" result={result} errors={errors} fieldIds={ids} />

      <TextField id={ids.addressLine1} label="Adresse" autoComplete="address-line1" error={errors.addressLine1} {...register("addressLine1")} />
      <TextField id={ids.addressLine2} label="Complément d'adresse (facultatif)" hint="Bâtiment, étage, lieu-dit…" autoComplete="address-line2" error={errors.addressLine2} {...register("addressLine2")} />
      <div className="grid gap-x-4 sm:grid-cols-[10rem_1fr]">
        <TextField id={ids.postalCode} label="Code postal" inputMode="numeric" autoComplete="postal-code" error={errors.postalCode} {...register("postalCode")} />
        <TextField id={ids.city} label="Commune" autoComplete="address-level2" error={errors.city} {...register("city")} />
      </div>

      <TextField
        id={ids.email}
        label="Adresse électronique"
        type="email"
        autoComplete="email"
        spellCheck={false}
        hint="Une nouvelle adresse reçoit un lien de confirmation ; l'ancienne reste utilisée jusque-là."
        error={errors.email}
        {...register("email")}
      />
      {emailChanged ? (
        <TextField
          id={ids.currentPassword}
          label="Mot de passe actuel"
          type="password"
          autoComplete="current-password"
          hint="Pour changer d'adresse électronique, confirmez avec votre mot de passe."
          error={errors.currentPassword}
          {...register("currentPassword")}
        />
      ) : null}

      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id={ids.phone} label="Téléphone fixe (facultatif)" type="tel" autoComplete="tel" error={errors.phone} {...register("phone")} />
        <TextField id={ids.mobile} label="Téléphone mobile (facultatif)" type="tel" autoComplete="tel" hint={smsEnabled ? "Nécessaire pour recevoir des SMS." : undefined} error={errors.mobile} {...register("mobile")} />
      </div>

      <ChoiceGroup legend="Recevoir nos messages par" name="channel" error={errors.channel}>
        {(Object.entries(CHANNELS) as [keyof typeof CHANNELS, string][]).filter(([value]) => smsEnabled || value !== "SMS").map(([value, label]) => (
          <Choice key={value} id={`contact-canal-${value}`} type="radio" value={value} label={label} {...register("channel")} />
        ))}
      </ChoiceGroup>

      <Button type="submit" className="mt-6" disabled={pending}>
        {pending ? "Enregistrement…" : "Sauver"}
      </Button>
    </form>
  );
}
