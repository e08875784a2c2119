import { todayInFrance, type ValueField } from "@/lib/procedures/definition";
import type { AddressAnswer, FileAnswer } from "@/lib/procedures/form-schema";
import type { Person } from "@/lib/procedures/prefill";

// An answer as a sentence a person reads back (« Vérifier mes réponses », and later the agent's
// view of a request). No server-only import: the wizard shows it in the browser.

export type AttachmentInfo = { id: string; fieldName: string; fileName: string; kind: string; size: number };

const NONE = "Non renseigné";

/** "2026-12-03" → "3 décembre 2026". */
// Formatters are made once: building one costs far more than formatting (a list of fifty dates
// would spend most of its rendering there).
const longDay = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const decimal = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

export function longFrenchDate(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : longDay.format(date);
}

/** The day of an instant as people in France read it: « 4 décembre 2026 » (not the UTC date). */
export const frenchDay = (moment: Date) => longFrenchDate(todayInFrance(moment));

/** 1536 → "1,5 Ko"; 2_400_000 → "2,3 Mo". */
export function fileSize(bytes: number): string {
  const format = (n: number) => decimal.format(n);
  return bytes < 1024 * 1024 ? `${format(Math.max(bytes, 1) / 1024)} Ko` : `${format(bytes / 1024 / 1024)} Mo`;
}

export function answerText(
  field: ValueField,
  value: unknown,
  context: { people?: Person[]; attachments?: AttachmentInfo[] } = {},
): string {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return NONE;
  switch (field.type) {
    case "date":
      return longFrenchDate(String(value));
    case "choice":
      return field.options.find((o) => o.value === value)?.label ?? String(value);
    case "multi":
      return (value as string[]).map((v) => field.options.find((o) => o.value === v)?.label ?? v).join(", ");
    case "yesno":
      return value === true || value === "true" ? "Oui" : value === false || value === "false" ? "Non" : NONE;
    case "address": {
      const a = value as Partial<AddressAnswer>;
      const text = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(" ")].filter((part) => part && part.trim()).join(", ");
      return text || NONE;
    }
    case "member": {
      const person = context.people?.find((p) => p.id === value);
      return person ? `${person.firstNames} ${person.lastName}` : NONE;
    }
    case "file": {
      const answer = value as FileAnswer;
      if (answer.kind === "paper") return "Fournie sur papier (à l'accueil de la mairie ou par courrier)";
      const piece = context.attachments?.find((a) => a.id === answer.attachmentId);
      return piece ? `${piece.fileName} (${fileSize(piece.size)})` : "Pièce jointe";
    }
    default:
      return String(value);
  }
}

const clock = new Intl.DateTimeFormat("fr-FR", { hour: "numeric", minute: "2-digit", timeZone: "Europe/Paris" });

/** A moment as the French say it, in France's time: « 10 h 42 ». */
export function frenchTime(moment: Date | string): string {
  return clock.format(new Date(moment)).replace(":", " h ");
}

/** « 24 novembre 2026 à 10 h 42 », in France's time. */
export function frenchDateTime(moment: Date | string): string {
  const date = new Date(moment);
  return `${longFrenchDate(todayInFrance(date))} à ${frenchTime(date)}`;
}
