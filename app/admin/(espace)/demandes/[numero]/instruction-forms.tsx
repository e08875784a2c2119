"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { act, record, type ActState } from "./actions";

// The forms of the request's page. What writes to the requester goes through a preview: the agent
// reads the message exactly as it will leave, then confirms; changing a word hides the preview
// again. Fields are controlled so that nothing typed is lost when the server refuses.

type Field = { name: string; label: string; hint?: string; type: "textarea" | "date" | "time"; required?: boolean; maxLength?: number };

const control = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";

export function PreviewedAction({ id, numero, kind, hidden, fields, confirmLabel, danger = false }: {
  /** Unique on the page: prefixes the fields' ids. */
  id: string;
  numero: string;
  kind: "statut" | "information" | "rappel";
  /** The move's target and the version read, for « statut ». */
  hidden?: Record<string, string>;
  fields: Field[];
  confirmLabel: string;
  danger?: boolean;
}) {
  const [state, action, pending] = useActionState<ActState, FormData>(act, null);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, ""])));
  const [previewed, setPreviewed] = useState<string | null>(null);
  // One key per filled form: confirmed twice, it sends one message.
  const [nonce] = useState(() => crypto.randomUUID());
  const confirmRef = useRef<HTMLButtonElement>(null);
  const current = JSON.stringify(values);
  const preview = state?.preview && previewed === current ? state.preview : undefined;
  const errors = state?.result && !state.result.ok ? state.result.fieldErrors ?? {} : {};
  const fieldIds = Object.fromEntries(fields.map((f) => [f.name, `${id}-${f.name}`]));
  // The message to read comes in place of the button: the focus goes to its confirmation.
  useEffect(() => {
    if (preview) confirmRef.current?.focus();
  }, [preview]);

  return (
    <form action={action} onSubmit={(e) => {
      const intent = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value");
      if (intent === "apercu") setPreviewed(current);
    }} className="mt-3">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="numero" value={numero} />
      <input type="hidden" name="nonce" value={nonce} />
      {Object.entries(hidden ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      {state?.result && !state.result.ok ? <ErrorSummary id={`${id}-erreurs`} message={state.result.message} errors={errors} fieldIds={fieldIds} /> : null}
      {fields.map((f) => {
        const fieldId = fieldIds[f.name]!;
        const error = errors[f.name];
        const common = {
          id: fieldId, name: f.name, value: values[f.name] ?? "", required: f.required, "aria-invalid": error ? true : undefined,
          "aria-describedby": [f.hint ? `${fieldId}-aide` : null, error ? `${fieldId}-erreur` : null].filter(Boolean).join(" ") || undefined,
          onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f.name]: e.target.value })),
          className: control,
        };
        return (
          <div key={f.name} className="mt-3">
            <label htmlFor={fieldId} className="block font-semibold">{f.label}{f.required ? "" : " (facultatif)"}</label>
            {f.hint ? <p id={`${fieldId}-aide`} className="text-sm text-slate-600">{f.hint}</p> : null}
            {error ? <p id={`${fieldId}-erreur`} className="text-sm font-semibold text-red-700">{error}</p> : null}
            {f.type === "textarea" ? <textarea rows={3} maxLength={f.maxLength ?? 2000} {...common} /> : <input type={f.type} {...common} />}
          </div>
        );
      })}
      {preview ? (
        <div className="mt-4 rounded border border-slate-300 bg-slate-50 p-4" role="status">
          {preview.notice ? (
            <>
              <p className="font-semibold">Message qui sera envoyé par {preview.notice.channel === "SMS" ? "SMS" : "courriel"} à {preview.notice.to}{preview.notice.when ? `, le ${preview.notice.when}` : ""} :</p>
              {preview.notice.channel === "EMAIL" ? <p className="mt-1"><span className="font-semibold">Objet :</span> {preview.notice.subject}</p> : null}
              <pre className="mt-2 font-sans whitespace-pre-wrap">{preview.notice.text}</pre>
            </>
          ) : (
            <p>Le demandeur n&apos;a pas de contact confirmé : aucun message ne lui sera envoyé. L&apos;action reste inscrite sur la demande.</p>
          )}
          <Button ref={confirmRef} type="submit" name="intent" value="confirmer" variant={danger ? "danger" : "primary"} className="mt-3" disabled={pending}>{confirmLabel}</Button>
        </div>
      ) : (
        <Button type="submit" name="intent" value="apercu" variant="secondary" className="mt-3" disabled={pending}>Voir le message avant d&apos;envoyer</Button>
      )}
    </form>
  );
}

/** A form done at once (assignment, paper piece), with its error if refused. */
export function RecordForm({ numero, kind, submitLabel, children, variant = "secondary" }: {
  numero: string;
  kind: "attribuer" | "piece";
  submitLabel: string;
  children?: React.ReactNode;
  variant?: "primary" | "secondary";
}) {
  const [state, action, pending] = useActionState<ActState, FormData>(record, null);
  const refused = state?.result && !state.result.ok ? state.result : null;
  return (
    <form action={action} className="mt-2">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="numero" value={numero} />
      {children}
      {refused ? <p role="alert" className="mt-2 font-semibold text-red-700">{Object.values(refused.fieldErrors ?? {})[0] ?? refused.message}</p> : null}
      <Button type="submit" variant={variant} className="mt-2" disabled={pending}>{submitLabel}</Button>
    </form>
  );
}

/** A new internal note: what was typed stays when it is refused (an expired session, a hiccup). */
export function NoteForm({ numero }: { numero: string }) {
  const [state, action, pending] = useActionState<ActState, FormData>(record, null);
  const [text, setText] = useState("");
  const refused = state?.result && !state.result.ok ? state.result : null;
  return (
    <form action={action} className="mt-2">
      <input type="hidden" name="kind" value="note" />
      <input type="hidden" name="numero" value={numero} />
      <label htmlFor="note-texte" className="mt-2 block font-semibold">Nouvelle note (jamais montrée au demandeur)</label>
      <textarea id="note-texte" name="text" rows={3} maxLength={2000} required value={text} onChange={(e) => setText(e.target.value)}
        aria-invalid={refused ? true : undefined} aria-describedby={refused ? "note-erreur" : undefined} className="mt-1 block w-full rounded border border-slate-500 px-3 py-2" />
      {refused ? <p id="note-erreur" role="alert" className="mt-2 font-semibold text-red-700">{Object.values(refused.fieldErrors ?? {})[0] ?? refused.message}</p> : null}
      <Button type="submit" variant="secondary" className="mt-2" disabled={pending}>Ajouter la note</Button>
    </form>
  );
}
