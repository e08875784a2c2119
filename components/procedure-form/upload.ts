import { SESSION_EXPIRED_MESSAGE } from "@/lib/forms";
import type { AttachmentInfo } from "@/lib/procedures/answer-text";
import type { UploadResult } from "./file-field";

// The one way a piece is sent to /api/pieces, from the démarche form and from « Compléter ma demande ».

/** Sends one file with its progress (fetch cannot report an upload's progress; XMLHttpRequest can). */
export function sendFile(draftId: string, field: string, file: File, progress: (percent: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    const body = new FormData();
    body.append("draftId", draftId);
    body.append("field", field);
    body.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/pieces");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const answer = xhr.response as { ok?: boolean; attachment?: AttachmentInfo; message?: string } | null;
      if (xhr.status === 401) resolve({ ok: false, expired: true, message: SESSION_EXPIRED_MESSAGE });
      else if (answer?.ok && answer.attachment) resolve({ ok: true, attachment: { ...answer.attachment, fieldName: field } });
      else resolve({ ok: false, message: answer?.message ?? "La pièce n'a pas pu être ajoutée. Réessayez dans un instant." });
    };
    xhr.onerror = () => resolve({ ok: false, message: "La pièce n'a pas pu être envoyée : vérifiez votre connexion internet puis réessayez." });
    xhr.send(body);
  });
}
