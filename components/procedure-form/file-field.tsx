"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { KIND_MIME } from "@/lib/attachments/sniff";
import { fileSize, type AttachmentInfo } from "@/lib/procedures/answer-text";
import type { FieldOf } from "@/lib/procedures/definition";
import type { FileAnswer } from "@/lib/procedures/form-schema";

// A pièce justificative: a file sent at once to /api/pieces (with its progress), or « Je la
// fournirai sur papier ». The server checks the type by content and the size; this component
// only spares the person a useless upload of an obviously wrong file.

const FORMAT_NAMES = { pdf: "PDF", jpeg: "JPEG", png: "PNG" } as const;

export type UploadResult = { ok: true; attachment: AttachmentInfo } | { ok: false; message: string; expired?: boolean };

export type FileFieldProps = {
  field: FieldOf<"file">;
  value: FileAnswer | undefined;
  onChange: (value: FileAnswer | undefined) => void;
  error?: string;
  /** Known pieces of the draft, by id (names and sizes to show). */
  attachments: AttachmentInfo[];
  /** Sends a file for this field (creating the draft first if need be); null when uploads are not possible (no account). */
  upload: ((field: string, file: File, progress: (percent: number) => void) => Promise<UploadResult>) | null;
};

export function FileField({ field, value, onChange, error, attachments, upload }: FileFieldProps) {
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // Where the focus goes after an upload or a removal, once the control it lands on exists.
  const focusTarget = useRef<"piece" | "input" | null>(null);
  const pieceLink = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const target = focusTarget.current === "piece" ? pieceLink.current : focusTarget.current === "input" ? input.current : null;
    if (!target) return;
    target.focus();
    focusTarget.current = null;
  });
  const id = `champ-${field.name}`;
  const current = value?.kind === "upload" ? attachments.find((a) => a.id === value.attachmentId) : undefined;
  const formats = field.accept.map((k) => FORMAT_NAMES[k]).join(", ");
  const shownError = problem ?? error;
  const described = [`${id}-aide`, shownError ? `${id}-erreur` : null].filter(Boolean).join(" ");
  const uploading = progress !== null;

  async function send(file: File) {
    setProblem(null);
    if (file.size > field.maxSizeMb * 1024 * 1024) {
      setProblem(`Ce fichier pèse ${fileSize(file.size)} : ${field.maxSizeMb} Mo au plus par pièce. Réduisez-le (photo moins grande, PDF compressé) puis réessayez.`);
      return;
    }
    if (!upload || progress !== null) return;
    setProgress(0);
    try {
      const result = await upload(field.name, file, setProgress);
      if (result.ok) {
        onChange({ kind: "upload", attachmentId: result.attachment.id });
        focusTarget.current = "piece";
      } else setProblem(result.message);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <fieldset className="mt-4 rounded border border-slate-300 p-4">
      <legend className="px-1 font-semibold">
        {field.label}{field.required ? <span className="font-normal"> (obligatoire)</span> : null}
      </legend>
      <p id={`${id}-aide`} className="text-sm text-slate-600">
        {field.help ? `${field.help} ` : ""}Formats acceptés : {formats}. {field.maxSizeMb} Mo au plus.
      </p>
      {/* An upload refused is said at once (role=alert); a form error is found through the summary. */}
      <p id={`${id}-erreur`} role={problem ? "alert" : undefined} className="mt-1 text-sm font-semibold text-red-700 empty:hidden">{shownError}</p>

      {current ? (
        <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
          <span>
            <span className="sr-only">Pièce ajoutée : </span>
            <a ref={pieceLink} href={`/api/pieces/${current.id}`} className="font-semibold text-brand underline">{current.fileName}</a> ({fileSize(current.size)})
          </span>
          <Button variant="secondary" onClick={() => { focusTarget.current = "input"; onChange(undefined); }}>Retirer<span className="sr-only"> {current.fileName}</span></Button>
        </p>
      ) : value?.kind !== "paper" && upload ? (
        <div className="mt-3">
          <label htmlFor={id} className="block">Choisir un fichier</label>
          <input
            ref={input}
            id={id}
            type="file"
            accept={field.accept.map((k) => KIND_MIME[k]).join(",")}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={described}
            // aria-disabled rather than disabled: the focus stays on the control during the upload.
            aria-disabled={uploading || undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void send(file);
            }}
            className="mt-1 block w-full text-base file:mr-4 file:min-h-11 file:rounded file:border-2 file:border-brand file:bg-white file:px-4 file:font-semibold file:text-brand"
          />
          {uploading ? (
            <p className="mt-2">
              <label htmlFor={`${id}-progression`}>Envoi en cours : {progress} %</label>
              <progress id={`${id}-progression`} max={100} value={progress} className="ml-2 align-middle" />
            </p>
          ) : null}
        </div>
      ) : null}

      {!current ? (
        <label className="mt-3 flex min-h-11 items-start gap-2">
          <input
            type="checkbox"
            className="mt-1 h-5 w-5 accent-brand"
            id={upload ? `${id}-papier` : id}
            checked={value?.kind === "paper"}
            onChange={(e) => {
              setProblem(null);
              onChange(e.target.checked ? { kind: "paper" } : undefined);
            }}
          />
          <span>
            Je la fournirai sur papier
            <span className="block text-sm text-slate-600">
              À l&apos;accueil de la mairie ou par courrier, en rappelant le numéro de votre demande.
            </span>
          </span>
        </label>
      ) : null}
    </fieldset>
  );
}
