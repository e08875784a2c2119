import { isoDate, type ContactValues } from "@/lib/accounts/schema";
import * as z from "zod/mini";
import {
  contactStep,
  holderStep,
  householdStep,
  passwordContext,
  securityStep,
  termsStep,
} from "@/lib/accounts/schema";

// What the sign-up form holds in the browser, step by step, and how each step is checked: with the
// very schemas the server parses again (lib/accounts/schema.ts).

export const STEPS = [
  { title: "Conditions générales d'utilisation", short: "Conditions" },
  { title: "Titulaire", short: "Titulaire" },
  { title: "Coordonnées", short: "Coordonnées" },
  { title: "Foyer", short: "Foyer" },
  { title: "Sécurité", short: "Sécurité" },
  { title: "Validation", short: "Validation" },
] as const;
export const LAST_STEP = STEPS.length - 1;

/** The value of the question list's entry « J'écris ma propre question ». */
export const OWN_QUESTION = "autre";

export type MemberValues = {
  relation: "" | "CONJOINT" | "AUTRE_ADULTE" | "ENFANT";
  firstNames: string;
  lastName: string;
  birthDate: string;
  sex: "" | "F" | "M";
};

export type SignupValues = ContactValues & {
  acceptTerms: boolean;
  civility: "" | "Madame" | "Monsieur";
  firstNames: string;
  birthName: string;
  usageName: string;
  birthDate: string;
  birthPlace: string;
  members: MemberValues[];
  password: string;
  passwordConfirm: string;
  /** Form-only: a question of the list, OWN_QUESTION, or "" (securityQuestion holds the text sent). */
  questionChoice: string;
  securityQuestion: string;
  securityAnswer: string;
  /** The captcha payload, filled by the widget. */
  altcha: string;
  /** The honeypot: stays empty for people. */
  website: string;
};

export const EMPTY_VALUES: SignupValues = {
  acceptTerms: false,
  civility: "",
  firstNames: "",
  birthName: "",
  usageName: "",
  birthDate: "",
  birthPlace: "",
  addressLine1: "",
  addressLine2: "",
  postalCode: "",
  city: "",
  email: "",
  phone: "",
  mobile: "",
  channel: "EMAIL",
  members: [],
  password: "",
  passwordConfirm: "",
  questionChoice: "",
  securityQuestion: "",
  securityAnswer: "",
  altcha: "",
  website: "",
};

export const CAPTCHA_REQUIRED = "Cochez la case « Je ne suis pas un robot » et attendez la fin de la vérification.";
const captchaStep = z.object({ altcha: z.string().check(z.minLength(1, CAPTCHA_REQUIRED)) });

/** The schema of one step (0-based); the security step checks the password against the names typed. */
export function stepSchema(step: number, commune: string, values: Pick<SignupValues, "firstNames" | "birthName" | "usageName">) {
  switch (step) {
    case 0:
      return termsStep;
    case 1:
      return holderStep;
    case 2:
      return contactStep;
    case 3:
      return householdStep;
    case 4:
      return securityStep(passwordContext(commune, values));
    default:
      return captchaStep;
  }
}

const fieldsOfStep: string[][] = [
  Object.keys(termsStep.shape),
  Object.keys(holderStep.shape),
  Object.keys(contactStep.shape),
  Object.keys(householdStep.shape),
  ["password", "passwordConfirm", "securityQuestion", "securityAnswer", "questionChoice"],
];

/** The step that shows a field ("members.0.firstNames" → 3); anything unknown belongs to the last one. */
export function stepOfField(path: string): number {
  const root = path.split(".")[0] ?? "";
  const step = fieldsOfStep.findIndex((fields) => fields.includes(root));
  return step === -1 ? LAST_STEP : step;
}

/** The id of a field's control, for the error summary's links ("members.0.sex" → "champ-members-0-sex"). */
export const fieldId = (path: string) => `champ-${path.replace(/\./g, "-")}`;

/** The family name a new member starts with: the holder's usage name, or birth name. */
export const familyNameOf = (values: Pick<SignupValues, "usageName" | "birthName">) =>
  values.usageName.trim() || values.birthName.trim();

export { isoDate };

/** The values with their dates as the schemas expect them. */
export function withIsoDates(values: SignupValues): SignupValues {
  return {
    ...values,
    birthDate: isoDate(values.birthDate),
    members: values.members.map((m) => ({ ...m, birthDate: isoDate(m.birthDate) })),
  };
}

/** What « Envoyer » posts: the form's fields, dates as the server expects them, without the one that exists only in the browser. */
export function payloadOf(values: SignupValues): Omit<SignupValues, "questionChoice"> {
  const sent: Partial<SignupValues> = withIsoDates(values);
  delete sent.questionChoice;
  return sent as Omit<SignupValues, "questionChoice">;
}

/** A random UUID v4, also where crypto.randomUUID is missing (pages served over plain http). */
export function newSubmissionKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
