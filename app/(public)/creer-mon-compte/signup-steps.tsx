"use client";

import { useEffect, useState, type ReactNode } from "react";
import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { CaptchaField } from "@/components/captcha-field";
import { PasswordStrength } from "@/components/password-strength";
import { Button } from "@/components/ui/button";
import { Choice, ChoiceGroup, SelectField, TextField } from "@/components/ui/field";
import { identifiantBase } from "@/lib/accounts/identifiant";
import { checkPassword } from "@/lib/accounts/password-policy";
import { CHANNELS, CIVILITIES, frenchDate, isMobileNumber, passwordContext, RELATIONS, SECURITY_QUESTIONS } from "@/lib/accounts/schema";
import { familyNameOf, fieldId, OWN_QUESTION, STEPS, type MemberValues, type SignupValues } from "./signup-model";

const DATE_HINT = "Jour, mois et année, par exemple 14/05/1990.";

// The six panels of the sign-up form. Each registers its fields in the one form of signup-form.tsx,
// which keeps every value when a panel is left.

export type StepProps = {
  form: UseFormReturn<SignupValues>;
  /** The message of a field's error, if any ("members.0.firstNames"). */
  errorOf: (path: string) => string | undefined;
};

export function TermsStep({ form, errorOf, terms }: StepProps & { terms: ReactNode }) {
  return (
    <>
      <p className="mt-2 text-slate-700">Lisez les conditions d&apos;utilisation du service de la commune, puis acceptez-les pour continuer.</p>
      <div className="mt-4 rounded border border-slate-300 bg-slate-50 p-4 sm:p-6">{terms}</div>
      <ChoiceGroup legend="Acceptation des conditions" name="acceptTerms" error={errorOf("acceptTerms")}>
        <Choice
          type="checkbox"
          id={fieldId("acceptTerms")}
          label="J'ai lu les conditions générales d'utilisation et je les accepte"
          aria-invalid={errorOf("acceptTerms") ? true : undefined}
          {...form.register("acceptTerms")}
        />
      </ChoiceGroup>
    </>
  );
}

export function HolderStep({ form, errorOf }: StepProps) {
  const { register } = form;
  return (
    <>
      <p className="mt-2 text-slate-700">La personne qui ouvre le compte, telle qu&apos;elle figure à l&apos;état civil.</p>
      <ChoiceGroup legend="Civilité" name="civility" error={errorOf("civility")}>
        {CIVILITIES.map((civility, i) => (
          <Choice key={civility} type="radio" value={civility} label={civility} id={i === 0 ? fieldId("civility") : undefined} {...register("civility")} />
        ))}
      </ChoiceGroup>
      <TextField
        label="Prénom(s)"
        hint="Dans l'ordre de l'état civil, séparés par une virgule. Le premier sert à créer votre identifiant."
        id={fieldId("firstNames")}
        error={errorOf("firstNames")}
        autoComplete="given-name"
        {...register("firstNames")}
      />
      <TextField label="Nom de naissance" id={fieldId("birthName")} error={errorOf("birthName")} autoComplete="family-name" {...register("birthName")} />
      <TextField
        label="Nom d'usage (facultatif)"
        hint="Par exemple le nom de votre conjoint, si vous l'utilisez au quotidien."
        id={fieldId("usageName")}
        error={errorOf("usageName")}
        {...register("usageName")}
      />
      <TextField
        label="Date de naissance"
        hint={DATE_HINT}
        inputMode="numeric"
        id={fieldId("birthDate")}
        error={errorOf("birthDate")}
        autoComplete="bday"
        {...register("birthDate")}
      />
      <TextField
        label="Lieu de naissance"
        hint="La commune, suivie du pays si elle est à l'étranger."
        id={fieldId("birthPlace")}
        error={errorOf("birthPlace")}
        {...register("birthPlace")}
      />
    </>
  );
}

/** SMS is offered only when the commune sends them (`smsEnabled`, its « Réglages du portail »). */
export function ContactStep({ form, errorOf, smsEnabled = true }: StepProps & { smsEnabled?: boolean }) {
  const { register, setValue, control } = form;
  const [mobile, phone, channel] = useWatch({ control, name: ["mobile", "phone", "channel"] });
  const smsReachable = smsEnabled && isMobileNumber(mobile);
  const phoneReachable = Boolean(phone.trim() || mobile.trim());
  // A channel that can no longer reach the person (number erased) falls back to email.
  useEffect(() => {
    if ((channel === "SMS" && !smsReachable) || (channel === "TELEPHONE" && !phoneReachable)) setValue("channel", "EMAIL");
  }, [channel, smsReachable, phoneReachable, setValue]);
  const offered = (["EMAIL", "SMS", "TELEPHONE"] as const).filter(
    (c) => c === "EMAIL" || (c === "SMS" && smsReachable) || (c === "TELEPHONE" && phoneReachable),
  );

  return (
    <>
      <p className="mt-2 text-slate-700">Votre adresse et les moyens de vous joindre.</p>
      <TextField label="Adresse" hint="Numéro et nom de la voie." id={fieldId("addressLine1")} error={errorOf("addressLine1")} autoComplete="address-line1" {...register("addressLine1")} />
      <TextField
        label="Complément d'adresse (facultatif)"
        hint="Bâtiment, étage, lieu-dit…"
        id={fieldId("addressLine2")}
        error={errorOf("addressLine2")}
        autoComplete="address-line2"
        {...register("addressLine2")}
      />
      <div className="grid gap-x-4 sm:grid-cols-[12rem_1fr]">
        <TextField label="Code postal" inputMode="numeric" id={fieldId("postalCode")} error={errorOf("postalCode")} autoComplete="postal-code" {...register("postalCode")} />
        <TextField label="Commune" id={fieldId("city")} error={errorOf("city")} autoComplete="address-level2" {...register("city")} />
      </div>
      <TextField
        label="Adresse électronique"
        hint="Obligatoire : votre identifiant et un lien pour confirmer cette adresse y seront envoyés. Par exemple : prenom.nom@exemple.fr"
        type="email"
        id={fieldId("email")}
        error={errorOf("email")}
        autoComplete="email"
        spellCheck={false}
        {...register("email")}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label="Téléphone fixe (facultatif)" type="tel" id={fieldId("phone")} error={errorOf("phone")} autoComplete="tel" {...register("phone")} />
        <TextField
          label="Téléphone mobile (facultatif)"
          hint={smsEnabled ? "Nécessaire pour recevoir des SMS." : undefined}
          type="tel"
          id={fieldId("mobile")}
          error={errorOf("mobile")}
          autoComplete="tel"
          {...register("mobile")}
        />
      </div>
      <ChoiceGroup
        legend="Comment souhaitez-vous recevoir les messages de la mairie ?"
        hint={
          !smsEnabled ? (phoneReachable ? undefined : "Le téléphone est proposé dès que vous indiquez un numéro.")
          : offered.length < 3 ? "Le SMS est proposé dès que vous indiquez un numéro de mobile, le téléphone dès que vous indiquez un numéro." : undefined
        }
        name="channel"
        error={errorOf("channel")}
      >
        {offered.map((c, i) => (
          <Choice key={c} type="radio" value={c} label={CHANNELS[c]} id={i === 0 ? fieldId("channel") : undefined} {...register("channel")} />
        ))}
      </ChoiceGroup>
    </>
  );
}

const MAX_MEMBERS = 15;

export function HouseholdStep({ form, errorOf }: StepProps) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "members" });
  const rows = fields.map((field, index) => ({ field, index }));
  const adults = rows.filter((r) => r.field.relation !== "ENFANT");
  const children = rows.filter((r) => r.field.relation === "ENFANT");
  const full = fields.length >= MAX_MEMBERS;

  const add = (relation: MemberValues["relation"]) => {
    const member: MemberValues = { relation, firstNames: "", lastName: familyNameOf(form.getValues()), birthDate: "", sex: "" };
    append(member, { focusName: `members.${fields.length}.${relation === "ENFANT" ? "firstNames" : "relation"}` });
  };
  const removeRow = (index: number, child: boolean) => {
    remove(index);
    // Focus goes to the group's heading rather than being lost with the removed row.
    document.getElementById(child ? "foyer-enfants" : "foyer-adultes")?.focus();
  };

  return (
    <>
      <p className="mt-2 text-slate-700" id={fieldId("members")}>
        Facultatif : déclarez les personnes qui vivent avec vous pour faire des démarches en leur nom. Vous pourrez compléter votre foyer
        plus tard, une fois votre compte validé. Le nom de chaque personne ajoutée reprend le vôtre : modifiez-le s&apos;il est différent.
      </p>
      {errorOf("members") ? <p className="mt-2 font-semibold text-red-700">{errorOf("members")}</p> : null}

      <section aria-labelledby="foyer-adultes" className="mt-6">
        <h3 id="foyer-adultes" tabIndex={-1} className="text-lg font-bold">Adultes</h3>
        <p className="mt-1 text-slate-700">Vous êtes le premier adulte du foyer ; ajoutez votre conjoint ou un autre adulte vivant avec vous.</p>
        {adults.map(({ field, index }, n) => (
          <MemberRow key={field.id} form={form} errorOf={errorOf} index={index} label={`Adulte ${n + 1}`} child={false} onRemove={() => removeRow(index, false)} />
        ))}
        {full ? null : (
          <Button variant="secondary" className="mt-4" onClick={() => add("")}>
            Ajouter un adulte
          </Button>
        )}
      </section>

      <section aria-labelledby="foyer-enfants" className="mt-8">
        <h3 id="foyer-enfants" tabIndex={-1} className="text-lg font-bold">Enfants</h3>
        {children.length === 0 ? <p className="mt-1 text-slate-700">Aucun enfant déclaré.</p> : null}
        {children.map(({ field, index }, n) => (
          <MemberRow key={field.id} form={form} errorOf={errorOf} index={index} label={`Enfant ${n + 1}`} child onRemove={() => removeRow(index, true)} />
        ))}
        {full ? null : (
          <Button variant="secondary" className="mt-4" onClick={() => add("ENFANT")}>
            Ajouter un enfant
          </Button>
        )}
      </section>
      {full ? <p className="mt-4 text-slate-700">Le foyer compte déjà {MAX_MEMBERS} personnes déclarées : c&apos;est le maximum en ligne.</p> : null}
    </>
  );
}

function MemberRow({ form, errorOf, index, label, child, onRemove }: StepProps & { index: number; label: string; child: boolean; onRemove: () => void }) {
  const { register } = form;
  const path = (field: keyof MemberValues) => `members.${index}.${field}` as const;
  return (
    <fieldset className="mt-4 rounded border border-slate-300 p-4">
      <legend className="px-1 font-bold">{label}</legend>
      {child ? null : (
        <SelectField label="Lien avec vous" id={fieldId(path("relation"))} error={errorOf(path("relation"))} {...register(path("relation"))}>
          <option value="">Choisissez</option>
          <option value="CONJOINT">{RELATIONS.CONJOINT}</option>
          <option value="AUTRE_ADULTE">{RELATIONS.AUTRE_ADULTE}</option>
        </SelectField>
      )}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label="Prénom(s)" id={fieldId(path("firstNames"))} error={errorOf(path("firstNames"))} {...register(path("firstNames"))} />
        <TextField label="Nom" id={fieldId(path("lastName"))} error={errorOf(path("lastName"))} {...register(path("lastName"))} />
      </div>
      <TextField label="Date de naissance" hint={DATE_HINT} inputMode="numeric" id={fieldId(path("birthDate"))} error={errorOf(path("birthDate"))} {...register(path("birthDate"))} />
      <ChoiceGroup legend="Sexe" name={path("sex")} error={errorOf(path("sex"))}>
        <Choice type="radio" value="F" label="Féminin" id={fieldId(path("sex"))} {...register(path("sex"))} />
        <Choice type="radio" value="M" label="Masculin" {...register(path("sex"))} />
      </ChoiceGroup>
      <Button variant="secondary" className="mt-4" onClick={onRemove}>
        Retirer {child ? "l'enfant" : "l'adulte"} {label.split(" ")[1]}
      </Button>
    </fieldset>
  );
}

export function SecurityStep({ form, errorOf, commune }: StepProps & { commune: string }) {
  const { register, setValue, control, getValues } = form;
  const [password, choice] = useWatch({ control, name: ["password", "questionChoice"] });
  const [visible, setVisible] = useState(false);
  const problem = password ? checkPassword(password, passwordContext(commune, getValues())) : null;
  const own = choice === OWN_QUESTION;

  return (
    <>
      <p className="mt-2 text-slate-700">Votre mot de passe, et une question qui vous sera posée si vous l&apos;oubliez.</p>
      <TextField
        label="Mot de passe"
        hint="Au moins 12 caractères. Une phrase de quelques mots est facile à retenir et difficile à deviner ; évitez votre nom et celui de la commune."
        type={visible ? "text" : "password"}
        id={fieldId("password")}
        error={errorOf("password")}
        autoComplete="new-password"
        {...register("password")}
      />
      <PasswordStrength password={password} detail={problem} />
      <TextField
        label="Confirmation du mot de passe"
        type={visible ? "text" : "password"}
        id={fieldId("passwordConfirm")}
        error={errorOf("passwordConfirm")}
        autoComplete="new-password"
        {...register("passwordConfirm")}
      />
      <div className="mt-3">
        <Choice type="checkbox" label="Afficher les mots de passe" checked={visible} onChange={(e) => setVisible(e.currentTarget.checked)} />
      </div>

      <SelectField
        label="Question de sécurité"
        hint="Elle vous sera posée, avec un lien envoyé par courriel, si vous oubliez votre mot de passe."
        id={fieldId("questionChoice")}
        error={own ? undefined : errorOf("securityQuestion")}
        {...register("questionChoice", {
          onChange: (event: { target: { value: string } }) => {
            const value = event.target.value;
            setValue("securityQuestion", value === OWN_QUESTION ? "" : value);
          },
        })}
      >
        <option value="">Choisissez une question</option>
        {SECURITY_QUESTIONS.map((q) => (
          <option key={q} value={q}>{q}</option>
        ))}
        <option value={OWN_QUESTION}>J&apos;écris ma propre question</option>
      </SelectField>
      {own ? (
        <TextField label="Votre question" id={fieldId("securityQuestion")} error={errorOf("securityQuestion")} autoComplete="off" {...register("securityQuestion")} />
      ) : null}
      <TextField
        label="Réponse à la question"
        hint="Les majuscules et les accents ne comptent pas."
        id={fieldId("securityAnswer")}
        error={errorOf("securityAnswer")}
        autoComplete="off"
        {...register("securityAnswer")}
      />
    </>
  );
}

export function ReviewStep({
  form,
  errorOf,
  onEdit,
  captchaKey,
}: StepProps & { onEdit: (step: number) => void; captchaKey: number }) {
  const v = form.getValues();
  const family = familyNameOf(v);
  const adults = v.members.filter((m) => m.relation !== "ENFANT");
  const children = v.members.filter((m) => m.relation === "ENFANT");
  const member = (m: MemberValues) =>
    `${m.firstNames} ${m.lastName}, ${m.sex === "F" ? "née" : "né"} le ${frenchDate(m.birthDate)}${m.relation && m.relation !== "ENFANT" ? ` (${RELATIONS[m.relation].toLowerCase()})` : ""}`;

  return (
    <>
      <p className="mt-2 text-slate-700">Vérifiez vos informations. Pour en corriger une, choisissez « Modifier » : rien de ce que vous avez saisi n&apos;est perdu.</p>

      <Review title={STEPS[0].title} step={0} onEdit={onEdit}>
        <Item term="Conditions">Lues et acceptées</Item>
      </Review>
      <Review title={STEPS[1].title} step={1} onEdit={onEdit}>
        <Item term="Civilité">{v.civility}</Item>
        <Item term="Prénom(s)">{v.firstNames}</Item>
        <Item term="Nom de naissance">{v.birthName}</Item>
        {v.usageName.trim() ? <Item term="Nom d'usage">{v.usageName}</Item> : null}
        <Item term="Naissance">
          le {frenchDate(v.birthDate)} à {v.birthPlace}
        </Item>
      </Review>
      <Review title={STEPS[2].title} step={2} onEdit={onEdit}>
        <Item term="Adresse">
          {v.addressLine1}
          {v.addressLine2.trim() ? <>, {v.addressLine2}</> : null}, {v.postalCode} {v.city}
        </Item>
        <Item term="Adresse électronique">
          <span className="wrap-anywhere">{v.email}</span>
        </Item>
        {v.phone.trim() ? <Item term="Téléphone fixe">{v.phone}</Item> : null}
        {v.mobile.trim() ? <Item term="Téléphone mobile">{v.mobile}</Item> : null}
        <Item term="Messages de la mairie">{CHANNELS[v.channel]}</Item>
      </Review>
      <Review title={STEPS[3].title} step={3} onEdit={onEdit}>
        {v.members.length === 0 ? <Item term="Membres">Aucun pour l&apos;instant</Item> : null}
        {adults.length ? <Item term="Adultes">{adults.map(member).join(" ; ")}</Item> : null}
        {children.length ? <Item term="Enfants">{children.map(member).join(" ; ")}</Item> : null}
      </Review>
      <Review title={STEPS[4].title} step={4} onEdit={onEdit}>
        <Item term="Mot de passe">Choisi (non affiché)</Item>
        <Item term="Question de sécurité">{v.securityQuestion}</Item>
        <Item term="Réponse">Enregistrée (non affichée)</Item>
      </Review>

      <p className="mt-6 rounded bg-slate-100 p-4">
        Votre identifiant sera <strong className="wrap-anywhere">{identifiantBase(v.firstNames, family)}</strong>, suivi d&apos;un numéro si
        ce nom est déjà pris dans la commune. Il s&apos;affichera à l&apos;envoi et vous sera aussi envoyé par courriel.
      </p>

      <section aria-labelledby="verification-titre" id="verification" tabIndex={-1} className="mt-6">
        <h3 id="verification-titre" className="text-lg font-bold">Vérification</h3>
        <p className="mt-1 text-slate-700">Une dernière vérification protège le service contre les inscriptions automatiques.</p>
        <div className="mt-3">
          <CaptchaField
            key={captchaKey}
            error={errorOf("altcha")}
            onChange={(payload) => {
              form.setValue("altcha", payload);
              if (payload) form.clearErrors("altcha");
            }}
          />
        </div>
      </section>
    </>
  );
}

function Review({ title, step, onEdit, children }: { title: string; step: number; onEdit: (step: number) => void; children: ReactNode }) {
  const id = `recapitulatif-${step}`;
  return (
    <section aria-labelledby={id} className="mt-6 border-t border-slate-200 pt-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={id} className="text-lg font-bold">{title}</h3>
        <button type="button" onClick={() => onEdit(step)} className="min-h-11 px-2 font-semibold text-brand underline">
          Modifier<span className="sr-only"> : {title}</span>
        </button>
      </div>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">{children}</dl>
    </section>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-semibold text-slate-700">{term}</dt>
      <dd className="mb-2 sm:mb-0">{children}</dd>
    </>
  );
}
