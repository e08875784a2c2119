"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { get, useForm, type FieldPath, type Resolver } from "react-hook-form";
import { HoneypotField } from "@/components/honeypot-field";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import {
  EMPTY_VALUES,
  fieldId,
  LAST_STEP,
  OWN_QUESTION,
  newSubmissionKey,
  payloadOf,
  stepOfField,
  stepSchema,
  STEPS,
  withIsoDates,
  type SignupValues,
} from "./signup-model";
import { ContactStep, HolderStep, HouseholdStep, ReviewStep, SecurityStep, TermsStep } from "./signup-steps";

type SignUp = (input: unknown) => Promise<ActionResult<{ identifiant: string }>>;
type Summary = { key: number; message?: string; errors: Record<string, string> };

const SERVER_UNREACHABLE =
  "L'envoi n'a pas abouti : la connexion avec la mairie a été interrompue. Vos informations sont conservées ; vérifiez votre connexion internet puis choisissez de nouveau « Envoyer ».";

/**
 * The sign-up in six steps. One react-hook-form holds every value; the resolver checks only the step
 * on screen, with the schema the server uses. « Étape suivante » moves on only when the step is valid;
 * going back keeps everything; the server's answer is mapped back onto the step it concerns.
 */
type Demarche = { title: string; href: string };

export function SignupForm({ commune, terms, action, demarche, smsEnabled = true }: { commune: string; terms: ReactNode; action: SignUp; demarche?: Demarche; smsEnabled?: boolean }) {
  const [step, setStep] = useState(0);
  const [furthest, setFurthest] = useState(0);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [pending, setPending] = useState(false);
  const [captchaKey, setCaptchaKey] = useState(0);
  const [created, setCreated] = useState<{ identifiant: string; email: string } | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  // One key per filled form: sending it again never creates a second account (lib/accounts/registration).
  const [submissionKey] = useState(newSubmissionKey);
  const heading = useRef<HTMLHeadingElement>(null);
  // Which step the resolver checks (a ref: the resolver is called outside React's render).
  const checkedStep = useRef(0);
  const busy = useRef(false);

  const resolver: Resolver<SignupValues> = (values, context, options) => {
    const schema = stepSchema(checkedStep.current, commune, values);
    return (zodResolver(schema) as unknown as Resolver<SignupValues>)(withIsoDates(values), context, options);
  };
  const form = useForm<SignupValues>({ defaultValues: EMPTY_VALUES, resolver, shouldFocusError: false });
  const { errors } = form.formState;
  const errorOf = (path: string) => (get(errors, path) as { message?: string } | undefined)?.message || undefined;

  // Once an error is shown, it is checked again as the person corrects that field.
  const { subscribe, getFieldState, trigger } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name }) => {
          if (name && getFieldState(name as FieldPath<SignupValues>).error) void trigger(name as FieldPath<SignupValues>);
        },
      }),
    [subscribe, getFieldState, trigger],
  );

  useEffect(() => {
    if (focusRequest) heading.current?.focus();
  }, [focusRequest]);

  function goTo(target: number, focus = true) {
    checkedStep.current = target;
    setStep(target);
    setFurthest((f) => Math.max(f, target));
    if (focus) setFocusRequest((n) => n + 1);
  }

  /** Leaves the current step without checking it (back, or a step already reached). */
  function jump(target: number) {
    form.clearErrors();
    setSummary(null);
    goTo(target);
  }

  function showErrors(target: number, found: Record<string, string>, message?: string) {
    const shown = Object.fromEntries(Object.entries(found).filter(([path]) => path !== "_" && stepOfField(path) === target));
    setSummary((previous) => ({ key: (previous?.key ?? 0) + 1, message, errors: shown }));
    if (target !== step) goTo(target, false);
  }

  /** Checks one step with its schema; on failure shows that step with its errors. */
  async function check(target: number): Promise<boolean> {
    checkedStep.current = target;
    const valid = await form.trigger();
    checkedStep.current = step;
    if (!valid) {
      // The same schema again, for the summary: its issues come in the order of the fields.
      const values = withIsoDates(form.getValues());
      const result = stepSchema(target, commune, values).safeParse(values);
      showErrors(target, result.success ? {} : fieldErrorsOf(result.error));
    }
    return valid;
  }

  async function next() {
    if (busy.current) return;
    busy.current = true;
    try {
      if (await check(step)) {
        setSummary(null);
        goTo(step + 1);
      }
    } finally {
      busy.current = false;
    }
  }

  function resetCaptcha() {
    form.setValue("altcha", "");
    setCaptchaKey((k) => k + 1);
  }

  async function send() {
    if (busy.current) return; // a second click while the first is on its way does nothing
    busy.current = true;
    setPending(true);
    try {
      for (let s = 0; s <= LAST_STEP; s++) if (!(await check(s))) return;
      const values = form.getValues();
      const result = await action({ ...payloadOf(values), submissionKey, ...(demarche ? { continueInDemarche: true } : {}) });
      if (result.ok) {
        setCreated({ identifiant: result.data.identifiant, email: values.email });
        return;
      }
      resetCaptcha();
      const fieldErrors = result.fieldErrors ?? {};
      const paths = Object.keys(fieldErrors).filter((path) => path !== "_");
      for (const path of paths) form.setError(path as FieldPath<SignupValues>, { type: "server", message: fieldErrors[path] });
      const target = paths.length ? Math.min(...paths.map(stepOfField)) : LAST_STEP;
      showErrors(target, fieldErrors, [result.message, fieldErrors._].filter(Boolean).join(" ") || undefined);
    } catch {
      resetCaptcha();
      showErrors(LAST_STEP, {}, SERVER_UNREACHABLE);
    } finally {
      busy.current = false;
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void (step < LAST_STEP ? next() : send());
  }

  if (created) return <Created identifiant={created.identifiant} email={created.email} demarche={demarche} />;

  const questionChoice = form.getValues("questionChoice");
  const idOf = (path: string) =>
    path === "altcha" ? "verification" : path === "securityQuestion" && questionChoice !== OWN_QUESTION ? fieldId("questionChoice") : fieldId(path);
  const stepProps = { form, errorOf };

  return (
    <>
      <h1 className="text-3xl font-bold">Créer mon compte</h1>
      {demarche ? (
        <Notice title={`Votre démarche « ${demarche.title} » commence par la création de votre compte`}>
          Une fois le compte créé, vous passez directement au formulaire de la démarche, déjà rempli avec ce que vous saisissez ici.
        </Notice>
      ) : null}
      <p className="mt-3 text-slate-700">
        Six étapes, une dizaine de minutes. Vous avez déjà un compte ?{" "}
        <Link href="/connexion" className="font-semibold text-brand underline">Connexion</Link>
      </p>

      <Progress step={step} furthest={furthest} onJump={jump} />

      <form noValidate onSubmit={onSubmit} aria-labelledby="titre-etape" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-8">
        <h2 id="titre-etape" ref={heading} tabIndex={-1} className="text-2xl font-bold">
          <span className="block text-base font-semibold text-slate-600">
            Étape {step + 1} sur {STEPS.length}
          </span>
          {STEPS[step]?.title}
        </h2>

        {summary ? (
          <ErrorSummary
            key={summary.key}
            message={summary.message}
            errors={summary.errors}
            fieldIds={Object.fromEntries(Object.keys(summary.errors).map((path) => [path, idOf(path)]))}
          />
        ) : null}

        {step === 0 ? <TermsStep {...stepProps} terms={terms} /> : null}
        {step === 1 ? <HolderStep {...stepProps} /> : null}
        {step === 2 ? <ContactStep {...stepProps} smsEnabled={smsEnabled} /> : null}
        {step === 3 ? <HouseholdStep {...stepProps} /> : null}
        {step === 4 ? <SecurityStep {...stepProps} commune={commune} /> : null}
        {step === LAST_STEP ? <ReviewStep {...stepProps} onEdit={jump} captchaKey={captchaKey} /> : null}

        <HoneypotField {...form.register("website")} />

        <div className="mt-8 flex flex-col gap-3 border-t border-slate-200 pt-6 sm:flex-row sm:justify-between">
          {step > 0 ? (
            <Button variant="secondary" onClick={() => jump(step - 1)} disabled={pending}>
              Étape précédente
            </Button>
          ) : (
            <span className="hidden sm:block" />
          )}
          {step < LAST_STEP ? (
            <Button type="submit">Étape suivante</Button>
          ) : (
            <Button type="submit" disabled={pending} aria-describedby="etat-envoi">
              {pending ? "Envoi en cours…" : "Envoyer"}
            </Button>
          )}
        </div>
        <p id="etat-envoi" role="status" className="sr-only">
          {pending ? "Envoi en cours, veuillez patienter." : ""}
        </p>
      </form>
    </>
  );
}

/** The list of steps: the current one marked, the ones already reached can be reopened. */
function Progress({ step, furthest, onJump }: { step: number; furthest: number; onJump: (step: number) => void }) {
  return (
    <nav aria-label="Étapes de l'inscription" className="mt-6">
      <ol className="grid grid-cols-6 gap-1 sm:gap-2">
        {STEPS.map((s, i) => {
          const current = i === step;
          const reached = i <= furthest;
          const state = current ? "étape en cours" : i < step || reached ? "étape déjà vue" : "étape à venir";
          const content = (
            <>
              <span aria-hidden="true" className={`block h-2 rounded ${i <= step ? "bg-brand" : reached ? "bg-slate-400" : "bg-slate-200"}`} />
              <span className={`mt-1 block text-sm ${current ? "font-bold text-slate-900" : "text-slate-600"}`}>
                <span aria-hidden="true" className="sm:hidden">{i + 1}</span>
                <span className="sr-only sm:not-sr-only">
                  {i + 1}. {s.short}
                </span>
                <span className="sr-only"> ({state})</span>
              </span>
            </>
          );
          return (
            <li key={s.title} aria-current={current ? "step" : undefined}>
              {reached && !current ? (
                <button type="button" onClick={() => onJump(i)} className="flex min-h-11 w-full flex-col justify-start text-left underline-offset-2 hover:underline">
                  {content}
                </button>
              ) : (
                <div className="min-h-11">{content}</div>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function Created({ identifiant, email, demarche }: { identifiant: string; email: string; demarche?: Demarche }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="compte-cree">
      <h1 id="compte-cree" ref={heading} tabIndex={-1} className="text-3xl font-bold">Votre compte est créé</h1>
      <div className="mt-6 rounded-lg border-2 border-brand bg-white p-6 text-center shadow-sm">
        <p className="text-lg">Votre identifiant</p>
        <p className="mt-2 text-3xl font-bold text-brand wrap-anywhere">{identifiant}</p>
      </div>
      <p className="mt-6 leading-relaxed">
        Notez-le : avec le mot de passe que vous avez choisi, il vous servira à chaque connexion. Nous venons aussi de vous
        l&apos;envoyer par courriel à <strong className="wrap-anywhere">{email}</strong>, avec un lien pour confirmer cette adresse.
      </p>
      <Notice title="Votre compte attend la validation de la mairie">
        Un agent de la mairie va vérifier vos informations. En attendant, vous pouvez déjà vous connecter et faire vos démarches en ligne ;
        la modification de votre compte et vos factures seront accessibles une fois le compte validé. Vous serez prévenu de sa validation.
      </Notice>
      <p className="mt-8">
        {demarche ? (
          // Signed in by the sign-up itself: a full page load, so the header shows the new session.
          <a href={demarche.href} className="inline-flex min-h-11 items-center justify-center rounded bg-brand px-5 py-2 font-semibold text-white no-underline hover:bg-brand-accent">
            Continuer ma démarche « {demarche.title} »
          </a>
        ) : (
          <ButtonLink href="/connexion">Connexion</ButtonLink>
        )}
      </p>
    </section>
  );
}
