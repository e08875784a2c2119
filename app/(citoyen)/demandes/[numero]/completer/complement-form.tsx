"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { FileField, type UploadResult } from "@/components/procedure-form/file-field";
import { sendFile } from "@/components/procedure-form/upload";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import type { ActionResult } from "@/lib/forms";
import type { AttachmentInfo } from "@/lib/procedures/answer-text";
import type { FieldOf } from "@/lib/procedures/definition";
import type { FileAnswer } from "@/lib/procedures/form-schema";

type Props = {
  request: { id: string; numero: string; version: number };
  pieces: FieldOf<"file">[];
  answers: Record<string, unknown>;
  attachments: AttachmentInfo[];
  send: (numero: string, input: unknown) => Promise<ActionResult>;
};

/**
 * « Compléter ma demande »: a message to the town hall (required) and, if need be, pieces added or
 * replaced (uploaded to the request at once, as in the form). Only the pieces changed here are sent.
 */
export function ComplementForm({ request, pieces, answers, attachments: initial, send }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [changed, setChanged] = useState<Record<string, FileAnswer | undefined>>({});
  const [attachments, setAttachments] = useState(initial);
  const [errors, setErrors] = useState<{ key: number; message?: string; fields: Record<string, string> } | null>(null);
  const [pending, setPending] = useState(false);
  const busy = useRef(false);

  async function upload(field: string, file: File, progress: (p: number) => void): Promise<UploadResult> {
    const result = await sendFile(request.id, field, file, progress);
    if (result.ok) setAttachments((list) => [...list, result.attachment]);
    return result;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy.current) return;
    if (!message.trim()) {
      setErrors((e) => ({ key: (e?.key ?? 0) + 1, fields: { message: "Écrivez votre réponse à la mairie : ce que vous apportez, ou ce que vous précisez." } }));
      return;
    }
    busy.current = true;
    setPending(true);
    try {
      const given = Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== undefined));
      const result = await send(request.numero, { version: request.version, message, pieces: given });
      if (result.ok) {
        router.push(`/demandes/${request.numero}?complement=envoye`);
        return;
      }
      setErrors((e) => ({ key: (e?.key ?? 0) + 1, message: result.message, fields: result.fieldErrors ?? {} }));
    } catch {
      setErrors((e) => ({ key: (e?.key ?? 0) + 1, message: "L'envoi n'a pas abouti : vérifiez votre connexion internet puis réessayez. Votre message est gardé.", fields: {} }));
    } finally {
      busy.current = false;
      setPending(false);
    }
  }

  const fieldIds = Object.fromEntries(Object.keys(errors?.fields ?? {}).map((k) => [k, k === "message" ? "complement-message" : `champ-${k.replace(/^pieces\./, "")}`]));
  return (
    <form noValidate onSubmit={onSubmit} className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-8">
      {errors ? <ErrorSummary key={errors.key} message={errors.message} errors={errors.fields} fieldIds={fieldIds} /> : null}
      <div className="mt-2">
        <label htmlFor="complement-message" className="block font-semibold">Votre réponse à la mairie <span className="font-normal">(obligatoire)</span></label>
        {errors?.fields.message ? <p id="complement-message-erreur" className="mt-1 text-sm font-semibold text-red-700">{errors.fields.message}</p> : null}
        <textarea
          id="complement-message"
          rows={5}
          maxLength={2000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-invalid={errors?.fields.message ? true : undefined}
          aria-describedby={errors?.fields.message ? "complement-message-erreur" : undefined}
          className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
        />
      </div>
      {pieces.length ? (
        <>
          <h2 className="mt-6 text-xl font-bold">Pièces justificatives</h2>
          <p className="mt-1 text-slate-700">Ajoutez ou remplacez les pièces demandées ; les autres restent telles que vous les avez envoyées.</p>
          {pieces.map((field) => (
            <FileField
              key={field.name}
              field={field}
              value={(changed[field.name] ?? answers[field.name] ?? undefined) as FileAnswer | undefined}
              onChange={(value) => setChanged((c) => ({ ...c, [field.name]: value }))}
              error={errors?.fields[`pieces.${field.name}`]}
              attachments={attachments}
              upload={upload}
            />
          ))}
        </>
      ) : null}
      <div className="mt-8 border-t border-slate-200 pt-6">
        <Button type="submit" disabled={pending}>{pending ? "Envoi en cours…" : "Envoyer mon complément"}</Button>
      </div>
    </form>
  );
}
