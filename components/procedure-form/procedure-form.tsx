"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { useForm, useWatch, type FieldPath, type Resolver } from "react-hook-form";
import { CaptchaField } from "@/components/captcha-field";
import { HoneypotField } from "@/components/honeypot-field";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { fieldErrorsOf, SESSION_EXPIRED_MESSAGE, type ActionResult } from "@/lib/forms";
import { answerText, frenchTime, type AttachmentInfo } from "@/lib/procedures/answer-text";
import { allFields, hasValue, type Field, type ProcedureDefinition } from "@/lib/procedures/definition";
import { buildAnswersSchema, stepSchema, visibleFields, type Answers } from "@/lib/procedures/form-schema";
import { personConcerned, type AccountFacts, type Person } from "@/lib/procedures/prefill";
import { AnswerField, controlId } from "./answer-field";
import type { UploadResult } from "./file-field";
import { sendFile } from "./upload";
import { Sent, type SentProps } from "./sent";
import { BACKUP_PREFIX } from "./backup-prefix";
import { answersOf, labelOf, REVIEW, stepOfParam, toFormValues } from "./steps";

// The wizard of a démarche: one step per screen, then « Vérifier mes réponses », then « Envoyer ».
// One react-hook-form holds every answer; its resolver checks the step on screen with the schema
// the server uses (lib/procedures/form-schema). With an account, the draft is saved on the server
// when the person changes step, presses « Enregistrer le brouillon », or stops typing for a few
// seconds; whatever is not yet saved also stays in this tab's sessionStorage, so that an expired
// session or a lost connection never loses what was typed.

type SaveDraft = (input: unknown) => Promise<ActionResult<{ draftId: string; version: number; savedAt: string }>>;
type SendDraft = (input: unknown) => Promise<ActionResult<{ numero: string }>>;
type SendAnonymous = (input: unknown) => Promise<ActionResult<{ numero: string; trackingCode: string | null; email: string }>>;

export type ProcedureFormProps = {
  procedure: { slug: string; title: string; processingDays: number; captcha: boolean };
  definition: ProcedureDefinition;
  /** The account's facts; null for a démarche done without an account. */
  facts: AccountFacts | null;
  draft: { id: string; version: number; answers: Answers; savedAt: string; attachments: AttachmentInfo[] } | null;
  /** The answers to start from (the draft's, or the account's pre-filled ones). */
  initialAnswers: Answers;
  initialStep: number;
  /** How the acknowledgement goes (« par courriel », « par SMS »); null when no confirmed contact can receive it. */
  channelText: string | null;
  saveDraft?: SaveDraft;
  sendDraft?: SendDraft;
  sendAnonymous?: SendAnonymous;
  /** The builder's preview: the real form, checked the same way, but nothing is saved or sent. */
  preview?: boolean;
};

type Status = { kind: "saved"; at: string } | { kind: "failed"; message: string } | { kind: "expired" } | null;
type Summary = { key: number; message?: string; errors: Record<string, string> };
type Backup = { draftId: string | null; baseVersion: number | null; answers: Answers; submissionKey?: string };

const AUTOSAVE_MS = 3000;
const noSubscription = () => () => {};

const UNREACHABLE = "Vos réponses n'ont pas pu être envoyées : la connexion avec la mairie a été interrompue. Elles restent dans ce navigateur ; vérifiez votre connexion internet puis réessayez.";

export function ProcedureForm(props: ProcedureFormProps) {
  const { procedure, definition, facts, saveDraft, sendDraft, sendAnonymous } = props;
  const withAccount = facts !== null;
  const steps = definition.steps;
  const reviewIndex = steps.length;
  // Per person: on a shared computer, the next person's form never picks up someone else's answers
  // (the sign-out also clears them, see SignOutButton).
  const holderId = facts?.members.find((m) => m.relation === "TITULAIRE")?.id ?? "sans-compte";
  const backupKey = `${BACKUP_PREFIX}${procedure.slug}:${holderId}`;

  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [step, setStep] = useState(props.initialStep);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [status, setStatus] = useState<Status>(props.draft ? { kind: "saved", at: props.draft.savedAt } : null);
  const [attachments, setAttachments] = useState<AttachmentInfo[]>(props.draft?.attachments ?? []);
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState<SentProps | null>(null);
  const [captchaKey, setCaptchaKey] = useState(0);
  const [previewChecked, setPreviewChecked] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  // One key per filled form: sent twice (double click, retry after a reload), it files one request.
  const submissionKey = useRef<string>(crypto.randomUUID());
  /** Why the last save failed (the message shown), read by « Envoyer » without waiting for a render. */
  const failure = useRef<string | null>(null);
  const stepRef = useRef(step);
  stepRef.current = step;
  const heading = useRef<HTMLHeadingElement>(null);
  const draftRef = useRef(props.draft ? { id: props.draft.id as string | null, version: props.draft.version } : { id: null as string | null, version: 0 });
  const dirty = useRef(false);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const busy = useRef(false);
  const checkedStep = useRef(steps[Math.min(step, steps.length - 1)]!.id);

  // The form also holds the captcha and the honeypot: only the démarche's answers are checked.
  const resolver: Resolver<Answers> = (values, context, options) =>
    (zodResolver(stepSchema(definition, checkedStep.current, "submit") as never) as unknown as Resolver<Answers>)(answersOf(definition, values), context, options);
  const form = useForm<Answers>({ defaultValues: toFormValues(definition, props.initialAnswers), resolver, shouldFocusError: false });
  const values = useWatch({ control: form.control }) as Answers;
  const shown = useMemo(() => new Set(visibleFields(definition, values).map((f) => f.name)), [definition, values]);

  // --- Saving ----------------------------------------------------------------------------------

  function writeBackup() {
    if (props.preview) return;
    const backup: Backup = { draftId: draftRef.current.id, baseVersion: withAccount ? draftRef.current.version : null, answers: answersOf(definition, form.getValues()), submissionKey: submissionKey.current };
    try {
      sessionStorage.setItem(backupKey, JSON.stringify(backup));
    } catch {
      // A full or disabled storage: the server copy remains.
    }
  }
  const clearBackup = () => {
    try {
      sessionStorage.removeItem(backupKey);
    } catch {}
  };

  /** Saves the draft if anything changed (or if it does not exist yet); true once the server has it. */
  function save(): Promise<boolean> {
    if (!withAccount || !saveDraft) return Promise.resolve(true);
    clearTimeout(timer.current);
    chain.current = chain.current.then(async () => {
      if (!dirty.current && draftRef.current.id) return true;
      dirty.current = false;
      failure.current = null;
      try {
        const values = form.getValues();
        let { answers, complete } = savable(definition, values);
        const send = () => {
          const { id, version } = draftRef.current;
          return saveDraft({ procedure: procedure.slug, draftId: id ?? undefined, version: id ? version : undefined, answers });
        };
        let result = await send();
        // Answers only the server can refuse (a member who left the household, a piece gone): shown
        // on their fields, and the rest saved without them rather than nothing at all.
        const refused = !result.ok && result.fieldErrors ? Object.keys(result.fieldErrors) : [];
        if (!result.ok && refused.length) {
          for (const path of refused) form.setError(path as FieldPath<Answers>, { type: "server", message: result.fieldErrors![path] });
          const names = new Set(refused.map((p) => p.split(".")[0]));
          answers = Object.fromEntries(Object.entries(answers).filter(([name]) => !names.has(name)));
          complete = false;
          result = await send();
        }
        if (result.ok) {
          const isNew = !draftRef.current.id;
          draftRef.current = { id: result.data.draftId, version: result.data.version };
          setStatus({ kind: "saved", at: result.data.savedAt });
          // The tab's copy goes once the server holds everything typed (half-typed answers stay).
          if (dirty.current || !complete) writeBackup();
          else clearBackup();
          if (isNew) setUrl(stepRef.current, "replace");
          return true;
        }
        dirty.current = true;
        failure.current = result.message === SESSION_EXPIRED_MESSAGE ? SESSION_EXPIRED_MESSAGE : (result.message ?? UNREACHABLE);
        setStatus(result.message === SESSION_EXPIRED_MESSAGE ? { kind: "expired" } : { kind: "failed", message: failure.current });
        return false;
      } catch {
        dirty.current = true;
        failure.current = UNREACHABLE;
        setStatus({ kind: "failed", message: UNREACHABLE });
        return false;
      }
    });
    return chain.current;
  }

  // The chosen member's facts follow the choice: a field still blank, or still holding what the
  // previous choice filled, takes the new person's; anything the citizen typed stays.
  const memberField = allFields(definition).find((f) => f.type === "member");
  const personRef = useRef(facts ? personConcerned(definition, props.initialAnswers, facts) : null);
  function refillMember() {
    if (!facts) return;
    const values = form.getValues();
    const person = personConcerned(definition, values, facts);
    const previous = personRef.current;
    personRef.current = person;
    for (const field of allFields(definition)) {
      if (!hasValue(field) || !field.prefill?.startsWith("member.")) continue;
      const key = field.prefill.slice("member.".length) as keyof Person;
      const current = values[field.name];
      if (current === "" || current == null || (previous && current === previous[key])) form.setValue(field.name, person?.[key] ?? "");
    }
  }

  // Every change: kept in this tab at once, saved on the server once the person pauses.
  const { subscribe, getFieldState, trigger } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name }) => {
          if (memberField && name === memberField.name) refillMember();
          dirty.current = true;
          writeBackup();
          if (withAccount) {
            clearTimeout(timer.current);
            timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
          }
          // An error once shown is checked again as the person corrects it.
          if (name && getFieldState(name as FieldPath<Answers>).error) void trigger(name as FieldPath<Answers>);
        },
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribed once; the callbacks read refs
    [subscribe],
  );

  // Back from a sign-in after the session expired (or a reload after a lost connection): what this
  // tab kept and the server never got is put back and saved. If the draft changed elsewhere since
  // (another tab), the person chooses which answers to keep.
  const [staleBackup, setStaleBackup] = useState<Backup | null>(null);
  function restore(backup: Backup) {
    if (backup.submissionKey) submissionKey.current = backup.submissionKey;
    form.reset(toFormValues(definition, backup.answers));
    setStaleBackup(null);
    dirty.current = true;
    void save();
  }
  useEffect(() => {
    let backup: Backup | null = null;
    try {
      backup = JSON.parse(sessionStorage.getItem(backupKey) ?? "null") as Backup | null;
    } catch {}
    if (props.preview || !backup || backup.draftId !== draftRef.current.id) return;
    if (!withAccount || !backup.draftId || backup.baseVersion === draftRef.current.version) restore(backup);
    else setStaleBackup(backup);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arrival
  }, []);

  // Closing the tab while a save is due would lose it. Not after an expired session: the tab keeps
  // the answers through « Me reconnecter ».
  const statusKind = useRef<string | undefined>(undefined);
  statusKind.current = status?.kind;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current && withAccount && !props.preview && statusKind.current !== "expired") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [withAccount, props.preview]);

  // --- Steps -----------------------------------------------------------------------------------

  function setUrl(target: number, how: "push" | "replace") {
    const url = new URL(window.location.href);
    if (draftRef.current.id) url.searchParams.set("brouillon", draftRef.current.id);
    url.searchParams.set("etape", target === reviewIndex ? REVIEW : String(target + 1));
    url.searchParams.delete("nouveau");
    window.history[how === "push" ? "pushState" : "replaceState"](null, "", url);
  }

  useEffect(() => {
    // The browser's back button moves between steps, as people expect of a form in pages.
    const onPop = () => {
      const target = stepOfParam(new URL(window.location.href).searchParams.get("etape"), reviewIndex);
      form.clearErrors();
      setSummary(null);
      checkedStep.current = steps[Math.min(target, steps.length - 1)]!.id;
      setStep(target);
      setFocusRequest((n) => n + 1);
      void save();
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  });

  useEffect(() => {
    if (focusRequest) heading.current?.focus();
  }, [focusRequest]);

  function goTo(target: number) {
    form.clearErrors();
    setSummary(null);
    checkedStep.current = steps[Math.min(target, steps.length - 1)]!.id;
    setStep(target);
    setUrl(target, "push");
    setFocusRequest((n) => n + 1);
    void save();
  }

  /** The summary names each field: « Volume : saisissez un nombre », not the message alone. */
  function showErrors(errors: Record<string, string>, message?: string) {
    const named = Object.fromEntries(Object.entries(errors).map(([path, text]) => [path, `${labelOf(definition, path)} : ${lowerFirst(text)}`]));
    setSummary((previous) => ({ key: (previous?.key ?? 0) + 1, message, errors: named }));
  }

  /** Checks one step strictly; on failure shows it with its errors. */
  async function check(target: number): Promise<boolean> {
    checkedStep.current = steps[target]!.id;
    const valid = await form.trigger();
    if (!valid) {
      const result = stepSchema(definition, steps[target]!.id, "submit").safeParse(answersOf(definition, form.getValues()));
      const errors = result.success ? {} : onlyStep(fieldErrorsOf(result.error), steps[target]!.fields);
      if (target !== step) {
        setStep(target);
        setUrl(target, "push");
      }
      showErrors(errors);
    }
    return valid;
  }

  async function next() {
    if (busy.current) return;
    busy.current = true;
    try {
      if (await check(step)) goTo(step + 1);
    } finally {
      busy.current = false;
    }
  }

  /** Server refusals land on their fields, on the first step concerned. */
  function showServerErrors(result: { message?: string; fieldErrors?: Record<string, string> }) {
    const errors = result.fieldErrors ?? {};
    const paths = Object.keys(errors).filter((p) => p !== "_" && stepIndexOf(steps, p) >= 0);
    if (!paths.length) {
      showErrors({}, result.message ?? UNREACHABLE);
      return;
    }
    const target = Math.min(...paths.map((p) => stepIndexOf(steps, p)));
    checkedStep.current = steps[target]!.id;
    setStep(target);
    setUrl(target, "push");
    for (const path of paths) form.setError(path as FieldPath<Answers>, { type: "server", message: errors[path] });
    showErrors(onlyStep(errors, steps[target]!.fields), result.message);
  }

  async function send() {
    if (busy.current) return; // a second click while the first is on its way does nothing
    busy.current = true;
    setPending(true);
    try {
      // Every step again: « Modifier » may have left one half done.
      for (let s = 0; s < steps.length; s++) if (!(await check(s))) return;
      if (props.preview) {
        setPreviewChecked(true);
        return;
      }
      if (withAccount) {
        if (!(await save())) {
          showErrors({}, failure.current ?? UNREACHABLE);
          return;
        }
        const result = await sendDraft!({ draftId: draftRef.current.id, version: draftRef.current.version });
        if (result.ok) {
          clearBackup();
          // The draft is a request now: a reload shows it among « Mes demandes », not a missing draft.
          window.history.replaceState(null, "", "/demandes");
          setSent({ kind: "account", numero: result.data.numero, title: procedure.title, processingDays: procedure.processingDays, channelText: props.channelText, paper: paperPieces(definition, form.getValues()) });
        } else if (result.message === SESSION_EXPIRED_MESSAGE) {
          setStatus({ kind: "expired" });
          showErrors({}, SESSION_EXPIRED_MESSAGE);
        } else showServerErrors(result);
      } else {
        const { website, altcha, ...answers } = form.getValues() as Answers & { website?: string; altcha?: string };
        const result = await sendAnonymous!({ procedure: procedure.slug, answers: savable(definition, answers).answers, altcha, website, submissionKey: submissionKey.current });
        if (result.ok) {
          clearBackup();
          window.history.replaceState(null, "", `/services/${procedure.slug}`);
          setSent({ kind: "anonymous", numero: result.data.numero, trackingCode: result.data.trackingCode, email: result.data.email, title: procedure.title, processingDays: procedure.processingDays, paper: paperPieces(definition, answers) });
        } else {
          form.setValue("altcha", "");
          setCaptchaKey((k) => k + 1);
          if (result.fieldErrors?.altcha) showErrors({ altcha: result.fieldErrors.altcha }, result.message);
          else showServerErrors(result);
        }
      }
    } catch {
      showErrors({}, UNREACHABLE);
    } finally {
      busy.current = false;
      setPending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void (step < reviewIndex ? next() : send());
  }

  // --- Pieces ----------------------------------------------------------------------------------

  async function upload(field: string, file: File, progress: (percent: number) => void): Promise<UploadResult> {
    if (props.preview) return { ok: false, message: "Aperçu : les pièces ne sont pas envoyées. Dans le portail, le fichier serait joint ici." };
    dirty.current = true;
    if (!(await save()) || !draftRef.current.id) {
      return { ok: false, message: "Le brouillon doit être enregistré avant d'ajouter une pièce : reconnectez-vous ou réessayez dans un instant." };
    }
    const result = await sendFile(draftRef.current.id, field, file, progress);
    if (result.ok) setAttachments((list) => [...list, result.attachment]);
    else if (result.expired) setStatus({ kind: "expired" });
    return result;
  }

  // --- Rendering -------------------------------------------------------------------------------

  if (sent) return <Sent {...sent} />;

  const people = facts?.members ?? [];
  // Back to this very form after signing in; a form never saved yet comes back new (not to the
  // choice between older drafts), where this tab's answers are put back.
  const loginHref = () => {
    if (typeof window === "undefined") return `/connexion?retour=${encodeURIComponent(`/services/${procedure.slug}/formulaire`)}`;
    const here = new URL(window.location.href);
    if (!draftRef.current.id) here.searchParams.set("nouveau", "1");
    return `/connexion?retour=${encodeURIComponent(here.pathname + here.search)}`;
  };
  const fieldIds: Record<string, string> = {};
  for (const path of Object.keys(summary?.errors ?? {})) {
    const field = allFields(definition).find((f) => f.name === path.split(".")[0]);
    fieldIds[path] = path === "altcha" ? "verification" : field ? controlId(field, path) : path;
  }
  const current = steps[step];

  return (
    <>
      <StepList steps={steps.map((s) => s.title)} step={step} />

      {previewChecked ? (
        <Notice tone="success" title="Aperçu : réponses acceptées" live>
          Dans le portail, « Envoyer » déposerait maintenant la demande. Ici, rien n&apos;est enregistré ni envoyé.
        </Notice>
      ) : null}

      {status?.kind === "expired" ? (
        <Notice tone="warning" title="Votre session a expiré">
          Vos réponses sont gardées dans ce navigateur.{" "}
          <a href={loginHref()} className="font-semibold text-brand underline">Me reconnecter</a> : elles seront enregistrées dès votre retour sur ce formulaire.
        </Notice>
      ) : null}

      {staleBackup ? (
        <Notice tone="warning" title="Des réponses de cet onglet n'ont pas été enregistrées" live>
          <p>Entre-temps, ce brouillon a été modifié ailleurs (dans un autre onglet ?). Quelles réponses voulez-vous garder ?</p>
          <div className="mt-3 flex flex-wrap gap-3">
            <Button onClick={() => restore(staleBackup)}>Reprendre les réponses de cet onglet</Button>
            <Button variant="secondary" onClick={() => { clearBackup(); setStaleBackup(null); }}>Garder le brouillon enregistré</Button>
          </div>
        </Notice>
      ) : null}

      <form noValidate onSubmit={onSubmit} aria-labelledby="titre-etape" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-8">
        <h2 id="titre-etape" ref={heading} tabIndex={-1} className="text-2xl font-bold">
          <span className="block text-base font-semibold text-slate-600">
            {current ? `Étape ${step + 1} sur ${steps.length}` : `Dernière étape`}
          </span>
          {current ? current.title : "Vérifier mes réponses"}
        </h2>
        {current?.help ? <p className="mt-2 text-slate-700">{current.help}</p> : null}
        {current && step === 0 ? <p className="mt-2 text-sm text-slate-600">Les champs marqués « obligatoire » sont à remplir pour envoyer la demande.</p> : null}

        {summary ? <ErrorSummary key={summary.key} message={summary.message} errors={summary.errors} fieldIds={fieldIds} /> : null}

        {/* Disabled until the page's script runs: a choice made before would show on screen but not
            reach the form's state, and a button would submit the answers in the address. */}
        <fieldset disabled={!hydrated} className="m-0 min-w-0 border-0 p-0">
        {current ? (
          current.fields
            .filter((f) => shown.has(f.name))
            .map((field) => (
              <AnswerField key={field.name} field={field} form={form} people={people} files={{ attachments, upload: withAccount ? upload : null }} />
            ))
        ) : (
          <Review definition={definition} values={values} shown={shown} facts={facts} attachments={attachments} onEdit={goTo} />
        )}

        {!current && !withAccount ? (
          <div className="mt-6">
            {procedure.captcha ? (
              <div id="verification">
                <CaptchaField key={captchaKey} onChange={(payload) => form.setValue("altcha", payload)} error={summary?.errors.altcha} />
              </div>
            ) : null}
            <HoneypotField {...form.register("website")} />
          </div>
        ) : null}

        <div className="mt-8 flex flex-col-reverse gap-3 border-t border-slate-200 pt-6 sm:flex-row sm:justify-between">
          {step > 0 ? (
            <Button variant="secondary" onClick={() => goTo(step - 1)} disabled={pending}>Étape précédente</Button>
          ) : (
            <span className="hidden sm:block" />
          )}
          {current ? (
            <Button type="submit">{step === steps.length - 1 ? "Vérifier mes réponses" : "Étape suivante"}</Button>
          ) : (
            <Button type="submit" disabled={pending}>{pending ? "Envoi en cours…" : "Envoyer"}</Button>
          )}
        </div>
        <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-center">
          {withAccount && !props.preview ? (
            <Button variant="secondary" onClick={() => { dirty.current = true; void save(); }} disabled={pending}>
              Enregistrer le brouillon
            </Button>
          ) : null}
          <SaveStatus status={status} withAccount={withAccount} loginHref={loginHref} />
        </div>
        </fieldset>
      </form>
      {withAccount && !props.preview ? (
        <p className="mt-4 text-sm text-slate-600">
          Vous pouvez quitter ce formulaire à tout moment : votre brouillon vous attend sur votre page <Link href="/accueil" className="text-brand underline">Accueil</Link>.
        </p>
      ) : null}
    </>
  );
}

function SaveStatus({ status, withAccount, loginHref }: { status: Status; withAccount: boolean; loginHref: () => string }) {
  let text = "";
  if (!withAccount) text = "Vos réponses restent dans cet onglet jusqu'à l'envoi.";
  else if (status?.kind === "saved") text = `Brouillon enregistré à ${frenchTime(status.at)}`;
  else if (status?.kind === "failed") text = `Brouillon non enregistré. ${status.message}`;
  return (
    <p role="status" className={`text-sm ${status?.kind === "failed" ? "font-semibold text-red-700" : "text-slate-700"}`}>
      {status?.kind === "expired" ? (
        <>Brouillon non enregistré : votre session a expiré. <a href={loginHref()} className="text-brand underline">Me reconnecter</a></>
      ) : text}
    </p>
  );
}

/** « Étape n sur N » as a list: the step on screen marked for screen readers too. */
function StepList({ steps, step }: { steps: string[]; step: number }) {
  const all = [...steps, "Vérifier mes réponses"];
  return (
    <nav aria-label="Étapes du formulaire" className="mt-6">
      <ol className="flex flex-wrap gap-2">
        {all.map((title, i) => (
          <li key={`${i}-${title}`} aria-current={i === step ? "step" : undefined} className={`rounded-full px-3 py-1 text-sm ${i === step ? "bg-brand font-bold text-white" : i < step ? "bg-slate-200 text-slate-800" : "border border-slate-300 text-slate-700"}`}>
            {i + 1}. {title}
            <span className="sr-only">{i === step ? " (étape en cours)" : i < step ? " (étape passée)" : " (étape à venir)"}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Review({
  definition, values, shown, facts, attachments, onEdit,
}: {
  definition: ProcedureDefinition; values: Answers; shown: Set<string>; facts: AccountFacts | null; attachments: AttachmentInfo[]; onEdit: (step: number) => void;
}) {
  const person = facts ? personConcerned(definition, values, facts) : null;
  return (
    <div>
      <p className="mt-2 text-slate-700">Relisez vos réponses avant l&apos;envoi. Chaque « Modifier » vous ramène à l&apos;étape concernée.</p>
      {person && !allFields(definition).some((f) => f.type === "member") ? (
        <p className="mt-2 text-slate-700">Demande faite par {person.firstNames} {person.lastName}.</p>
      ) : null}
      {definition.steps.map((step, index) => (
        <section key={step.id} aria-labelledby={`revue-${step.id}`} className="mt-6 border-t border-slate-200 pt-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 id={`revue-${step.id}`} className="text-xl font-bold">{step.title}</h3>
            <button type="button" onClick={() => onEdit(index)} className="min-h-11 font-semibold text-brand underline">
              Modifier<span className="sr-only"> « {step.title} »</span>
            </button>
          </div>
          <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)]">
            {step.fields.filter((f) => hasValue(f) && shown.has(f.name)).map((field) => (
              <div key={field.name} className="contents">
                <dt className="font-semibold">{field.label}</dt>
                <dd className="wrap-anywhere whitespace-pre-line">
                  {hasValue(field) ? answerText(field, values[field.name], { people: facts?.members, attachments }) : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

// --- Helpers ---------------------------------------------------------------------------------

/**
 * What a draft can keep: every answer the lenient schema accepts. An answer it refuses (letters in
 * a number) stays on screen and in this tab, to be corrected, but never blocks saving the others.
 */
function savable(definition: ProcedureDefinition, values: Answers): { answers: Answers; complete: boolean } {
  const schema = buildAnswersSchema(definition, "draft");
  let answers = answersOf(definition, values);
  let complete = true;
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = schema.safeParse(answers);
    if (result.success) return { answers, complete };
    const wrong = new Set(result.error.issues.map((issue) => String(issue.path[0])));
    answers = Object.fromEntries(Object.entries(answers).filter(([name]) => !wrong.has(name)));
    complete = false;
  }
  return { answers: {}, complete: false };
}

const lowerFirst = (text: string) => (/^[A-ZÀ-Ý][a-zà-ÿ]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text);


function stepIndexOf(steps: ProcedureDefinition["steps"], path: string) {
  const name = path.split(".")[0];
  return steps.findIndex((s) => s.fields.some((f) => f.name === name));
}

function onlyStep(errors: Record<string, string>, fields: Field[]) {
  const names = new Set(fields.map((f) => f.name));
  return Object.fromEntries(Object.entries(errors).filter(([path]) => names.has(path.split(".")[0]!)));
}

/** The labels of the pieces the person will bring on paper, for the confirmation. */
function paperPieces(definition: ProcedureDefinition, values: Answers): string[] {
  const shown = new Set(visibleFields(definition, values).map((f) => f.name));
  return allFields(definition).filter((f) => f.type === "file" && shown.has(f.name) && (values[f.name] as { kind?: string } | undefined)?.kind === "paper").map((f) => f.label);
}
