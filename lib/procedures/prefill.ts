import { allFields, hasValue, type ProcedureDefinition } from "@/lib/procedures/definition";
import type { AddressAnswer, Answers } from "@/lib/procedures/form-schema";

// Pre-filling from the account: the citizen never retypes what the account knows. Only blank
// answers are filled, so a correction the citizen made stays. No server-only import: the wizard
// fills the member's fields again in the browser when the person concerned changes.

/** A person of the household; the holder is the one whose relation is TITULAIRE. */
export type Person = { id: string; relation: string; firstNames: string; lastName: string; birthDate: string };
export type AccountFacts = {
  holder: { firstNames: string; lastName: string; birthDate: string; birthPlace: string; address: AddressAnswer; email: string; phone: string; mobile: string };
  members: Person[];
};

/** The answers with every blank pre-fillable field filled from the account and the person concerned. */
export function prefill(definition: ProcedureDefinition, answers: Answers, facts: AccountFacts): Answers {
  const filled: Answers = { ...answers };
  const person = personConcerned(definition, answers, facts);
  for (const field of allFields(definition)) {
    if (!hasValue(field) || !field.prefill || !isEmpty(filled[field.name])) continue;
    const [whose, what] = field.prefill.split(".") as ["holder" | "member", string];
    const source: Record<string, unknown> | null = whose === "holder" ? facts.holder : person;
    const value = source?.[what];
    if (value) filled[field.name] = value;
  }
  return filled;
}

/** Who the form is about: the member chosen in its first « member » field, or the holder when it has none. */
export function personConcerned(definition: ProcedureDefinition, answers: Answers, facts: AccountFacts): Person | null {
  const field = allFields(definition).find((f) => f.type === "member");
  if (!field) return facts.members.find((m) => m.relation === "TITULAIRE") ?? null;
  return facts.members.find((m) => m.id === answers[field.name]) ?? null;
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" ||
  (typeof value === "object" && !Array.isArray(value) && Object.values(value as object).every((part) => !part));

type AccountLike = {
  firstNames: string; birthName: string; usageName: string | null; birthDate: string; birthPlace: string;
  addressLine1: string; addressLine2: string | null; postalCode: string; city: string;
  email: string; phone: string | null; mobile: string | null;
  members: Person[];
};

/** What the account knows, in the shape of the form's answers (the account as « Compte » reads it). */
export function accountFacts(account: AccountLike): AccountFacts {
  return {
    holder: {
      firstNames: account.firstNames,
      lastName: account.usageName || account.birthName,
      birthDate: account.birthDate,
      birthPlace: account.birthPlace,
      address: { line1: account.addressLine1, line2: account.addressLine2 ?? "", postalCode: account.postalCode, city: account.city },
      email: account.email,
      phone: account.phone ?? "",
      mobile: account.mobile ?? "",
    },
    members: account.members.map(({ id, relation, firstNames, lastName, birthDate }) => ({ id, relation, firstNames, lastName, birthDate })),
  };
}
