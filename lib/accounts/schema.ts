import * as z from "zod/mini";
import { checkPassword } from "@/lib/accounts/password-policy";

// The account's forms, one zod schema per step, shared by the browser (react-hook-form) and the
// server (which parses everything again). Messages are French and say how to fix the input.
// zod/mini, as every schema the browser loads (docs/decisions/0026-zod-in-the-browser.md).

export const CIVILITIES = ["Madame", "Monsieur"] as const;
export const CHANNELS = { EMAIL: "Courriel", SMS: "SMS", TELEPHONE: "Téléphone" } as const;
export const RELATIONS = { CONJOINT: "Conjoint ou conjointe", AUTRE_ADULTE: "Autre adulte du foyer", ENFANT: "Enfant" } as const;
export const SECURITY_QUESTIONS = [
  "Quel est le nom de votre premier animal de compagnie ?",
  "Dans quelle ville vos parents se sont-ils rencontrés ?",
  "Quel est le prénom de votre meilleur ami ou amie d'enfance ?",
  "Quel était le nom de votre première école ?",
  "Quel est le titre de votre livre préféré ?",
] as const;

// Every base type names its own French message, so a tampered payload (a number, an object…)
// still gets an error a person can read.
const text = (label: string, max = 100) =>
  z
    .string({ error: `Indiquez ${label}.` })
    .check(z.trim(), z.minLength(1, `Indiquez ${label}.`), z.maxLength(max, `${label[0]!.toUpperCase()}${label.slice(1)} : ${max} caractères au plus.`));
const optionalText = (max = 100) =>
  z.pipe(
    z.optional(z.string({ error: "Texte attendu." }).check(z.trim(), z.maxLength(max, `${max} caractères au plus.`))),
    z.transform((v: string | undefined) => v || undefined),
  );

/** A link's secret: 32 random bytes in base64url, as issueToken draws them. Anything else is not one of ours. */
export const linkTokenSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));

/** "AAAA-MM-JJ" of a real past date, not before 1900. */
export const pastDate = (what: string) =>
  z.string({ error: `Indiquez ${what} (jour, mois, année).` }).check(
    z.trim(),
    z.regex(/^\d{4}-\d{2}-\d{2}$/, `Indiquez ${what} (jour, mois, année).`),
    z.refine((v: string) => {
      const d = utcDate(v);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= "1900-01-01" && d.getTime() <= Date.now();
    }, `${what[0]!.toUpperCase()}${what.slice(1)} n'est pas une date passée valide.`),
  );

const phone = z.pipe(
  z.pipe(
    z.optional(z.string({ error: "Numéro de téléphone attendu." }).check(z.trim(), z.maxLength(20, "Numéro de téléphone trop long."))),
    z.transform((v: string | undefined) => (v ? v.replace(/[\s.-]/g, "") : undefined)),
  ),
  z.optional(z.string().check(z.regex(/^(\+33|0)[1-9]\d{8}$/, "Numéro de téléphone à 10 chiffres, par exemple 06 12 34 56 78."))),
);

export const termsStep = z.object({
  acceptTerms: z.literal(true, { error: "Cochez la case pour accepter les conditions d'utilisation." }),
});

export const holderStep = z.object({
  civility: z.enum(CIVILITIES, { error: "Choisissez votre civilité." }),
  firstNames: text("vos prénoms"),
  birthName: text("votre nom de naissance"),
  usageName: optionalText(),
  birthDate: pastDate("votre date de naissance"),
  birthPlace: text("votre lieu de naissance"),
});

const contactFields = z.object({
  addressLine1: text("votre adresse", 200),
  addressLine2: optionalText(200),
  postalCode: z.string({ error: "Indiquez votre code postal." }).check(z.trim(), z.regex(/^\d{5}$/, "Le code postal compte 5 chiffres.")),
  city: text("votre commune"),
  email: z.pipe(
    z
      .string({ error: "Indiquez votre adresse électronique." })
      .check(z.trim(), z.toLowerCase(), z.minLength(1, "Indiquez votre adresse électronique."), z.maxLength(254, "Adresse électronique trop longue.")),
    z.email("Adresse électronique invalide, par exemple prenom.nom@exemple.fr."),
  ),
  phone,
  mobile: phone,
  channel: z.enum(["EMAIL", "SMS", "TELEPHONE"], { error: "Choisissez comment recevoir nos messages." }),
});

/** True for a French mobile number (06, 07), as the form and the server see it. */
export const isMobileNumber = (value: string) => /^(\+33|0)[67]\d{8}$/.test(value.replace(/[\s.-]/g, ""));

// A channel is offered only when it can reach the citizen.
function contactRules(v: { channel: string; phone?: string; mobile?: string }, ctx: z.core.$RefinementCtx) {
  if (v.channel === "SMS" && !v.mobile) ctx.addIssue({ code: "custom", path: ["mobile"], message: "Indiquez un téléphone mobile pour recevoir des SMS." });
  if (v.mobile && !/^(\+33|0)[67]/.test(v.mobile)) ctx.addIssue({ code: "custom", path: ["mobile"], message: "Un numéro de mobile commence par 06 ou 07." });
  if (v.channel === "TELEPHONE" && !v.phone && !v.mobile) ctx.addIssue({ code: "custom", path: ["phone"], message: "Indiquez un numéro de téléphone pour être appelé." });
}

export const contactStep = contactFields.check(z.superRefine(contactRules));

/** The contact fields as a form holds them (every field a string, as typed), at sign-up and in « Compte ». */
export type ContactValues = {
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  email: string;
  phone: string;
  mobile: string;
  channel: keyof typeof CHANNELS;
};

export const memberSchema = z.object({
  id: z.optional(z.uuid()),
  relation: z.enum(["CONJOINT", "AUTRE_ADULTE", "ENFANT"], { error: "Choisissez le lien avec vous." }),
  firstNames: text("le prénom"),
  lastName: text("le nom"),
  birthDate: pastDate("la date de naissance"),
  sex: z.enum(["F", "M"], { error: "Choisissez le sexe." }),
});

export const householdStep = z.object({
  members: z.array(memberSchema, { error: "Liste des membres du foyer invalide." }).check(z.maxLength(15, "Quinze personnes au plus.")),
});

export const securityFields = z.object({
  securityQuestion: z
    .string({ error: "Choisissez ou écrivez une question." })
    .check(z.trim(), z.minLength(5, "Choisissez ou écrivez une question."), z.maxLength(200, "La question : 200 caractères au plus.")),
  securityAnswer: z
    .string({ error: "Indiquez la réponse à votre question." })
    .check(z.trim(), z.minLength(2, "Indiquez la réponse à votre question."), z.maxLength(100, "La réponse : 100 caractères au plus.")),
});

const passwordShape = {
  password: z.string({ error: "Indiquez un mot de passe." }).check(z.maxLength(200, "Le mot de passe : 200 caractères au plus.")),
  passwordConfirm: z.string({ error: "Saisissez de nouveau le mot de passe." }).check(z.maxLength(200, "Le mot de passe : 200 caractères au plus.")),
};

/** The password twice, checked against the policy and the person's own words. */
export function passwordFields(context: string[]) {
  return z.object(passwordShape).check(
    z.superRefine((v: { password: string; passwordConfirm: string }, ctx) => {
      const problem = checkPassword(v.password, context);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      else if (v.password !== v.passwordConfirm) ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "Les deux mots de passe ne sont pas identiques." });
    }),
  );
}

export function securityStep(context: string[]) {
  return z.intersection(passwordFields(context), securityFields);
}

/** Words a password must not be built on: the commune, the person's names. */
export function passwordContext(commune: string, person: { firstNames?: string; birthName?: string; usageName?: string }) {
  return [commune, person.firstNames ?? "", person.birthName ?? "", person.usageName ?? ""];
}

/**
 * The whole sign-up, as the server parses it: every step in one strict object, so a field the form
 * never sends (tenantId, status…) is refused rather than silently dropped.
 */
export function signupSchema(commune: string) {
  return z
    .strictObject(
      {
        ...termsStep.shape,
        ...holderStep.shape,
        ...contactFields.shape,
        ...householdStep.shape,
        ...securityFields.shape,
        ...passwordShape,
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys"
            ? "Le formulaire contient des informations inattendues. Rechargez la page et recommencez."
            : issue.code === "invalid_type"
              ? "Le formulaire envoyé est illisible. Rechargez la page et recommencez."
              : undefined,
      },
    )
    .check(
      z.superRefine((v, ctx) => {
        contactRules(v, ctx);
        const result = passwordFields(passwordContext(commune, v)).safeParse(v);
        if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      }),
    );
}
export type SignupInput = z.infer<ReturnType<typeof signupSchema>>;
export type MemberInput = z.infer<typeof memberSchema>;

/**
 * A date as people type it ("14/05/1990", "14 05 1990", "14051990") in the schema's "1990-05-14".
 * Anything else is returned as typed, for the schema to refuse with its message. (A text field rather
 * than the browser's date picker: the picker's order of day and month follows the browser's language.)
 */
export function isoDate(typed: string): string {
  const text = typed.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const parts = /^(\d{1,2})[\s./-]+(\d{1,2})[\s./-]+(\d{4})$/.exec(text) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!parts) return text;
  const [, day, month, year] = parts as unknown as [string, string, string, string];
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** A "AAAA-MM-JJ" date as the database stores it: that day at midnight UTC. */
export function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** A date as the pages show it, "14/05/1990", from the schema's "1990-05-14" or as people type it; anything else as given. */
export function frenchDate(value: string): string {
  const iso = isoDate(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split("-").reverse().join("/") : value;
}
