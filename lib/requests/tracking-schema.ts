import * as z from "zod/mini";
import type { RequestStatus } from "@/lib/generated/prisma/enums";

// The request number and tracking code as people type them, shared by the /suivi form (instant
// errors) and the server (which parses again). No server-only import: the browser uses it too.

/**
 * The symbols of a tracking code: digits and capital letters without 0, O, 1 and I, which people
 * confuse when they copy a code from a letter or read it over the phone. 32 symbols: 5 bits each.
 */
export const TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/** 10 symbols, 50 bits: out of reach of guessing, given the per-IP limit on wrong codes. */
export const TRACKING_CODE_LENGTH = 10;

const CODE = new RegExp(`^[${TRACKING_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);
const NUMERO = /^([A-Z]{3})(\d{4})(\d{1,6})$/;

/** « k7qfm z3pxa », "K7QFM-Z3PXA" → "K7QFMZ3PXA": the code as it is hashed and compared. */
export function normalizeTrackingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "");
}

/** "K7QFMZ3PXA" → "K7QFM-Z3PXA": two groups of five are easier to read and copy. */
export function formatTrackingCode(code: string): string {
  const plain = normalizeTrackingCode(code);
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/** « bcz 2026 123 », "BCZ2026000123" → "BCZ-2026-000123"; anything else upper-cased, for the check to refuse. */
export function normalizeNumero(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, "");
  const parts = NUMERO.exec(plain);
  return parts ? `${parts[1]}-${parts[2]}-${parts[3]!.padStart(6, "0")}` : plain;
}

export const trackingFormSchema = z.object({
  numero: z
    .string({ error: "Indiquez le numéro de votre demande." })
    .check(
      z.trim(),
      z.minLength(1, { error: "Indiquez le numéro de votre demande.", abort: true }),
      z.maxLength(40, { error: "Le numéro de demande s'écrit comme ABC-2026-000123 : trois lettres, l'année et six chiffres.", abort: true }),
      z.overwrite(normalizeNumero),
      z.regex(/^[A-Z]{3}-\d{4}-\d{6}$/, "Le numéro de demande s'écrit comme ABC-2026-000123 : trois lettres, l'année et six chiffres."),
    ),
  code: z
    .string({ error: "Indiquez le code de suivi." })
    .check(
      z.trim(),
      z.minLength(1, { error: "Indiquez le code de suivi.", abort: true }),
      z.maxLength(40, { error: "Le code de suivi compte 10 caractères, par exemple K7QFM-Z3PXA.", abort: true }),
      z.overwrite(normalizeTrackingCode),
      z.regex(CODE, "Le code de suivi compte 10 caractères : des lettres (ni I ni O) et des chiffres de 2 à 9, par exemple K7QFM-Z3PXA."),
    ),
});
export type TrackingInput = z.infer<typeof trackingFormSchema>;

/** What /suivi shows of a request: no answers, no internal note, nothing about the requester. */
export type TrackedRequest = {
  numero: string;
  title: string;
  status: RequestStatus;
  submittedAt: Date;
  /** The steps so far, oldest first, with the message the town hall wrote for the requester. */
  events: { date: Date; status: RequestStatus; message: string | null; isMessage: boolean }[];
};
