import { CHANNELS, RELATIONS } from "@/lib/accounts/schema";

// How the « Compte » pages write the account's values in French.

/** "2015-06-21" → "21 juin 2015" (dates of birth carry no time zone). */
export { longFrenchDate as formatDate } from "@/lib/procedures/answer-text";

/** "0612345678" → "06 12 34 56 78"; other forms are shown as stored. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  return /^0\d{9}$/.test(phone) ? phone.replace(/(\d{2})(?=\d)/g, "$1 ") : phone;
}

export function channelLabel(channel: string): string {
  return CHANNELS[channel as keyof typeof CHANNELS] ?? channel;
}

export function relationLabel(relation: string, sex: string): string {
  if (relation === "TITULAIRE") return "Titulaire du compte";
  if (relation === "CONJOINT") return sex === "F" ? "Conjointe" : "Conjoint";
  return RELATIONS[relation as keyof typeof RELATIONS] ?? relation;
}

/** The adults first (the holder leading), then the children, each group by date of birth. */
export function householdGroups<M extends { kind: string; relation: string; birthDate: string }>(members: M[]) {
  const byBirth = (a: M, b: M) => a.birthDate.localeCompare(b.birthDate);
  const adults = members.filter((m) => m.kind === "ADULTE").sort((a, b) => Number(b.relation === "TITULAIRE") - Number(a.relation === "TITULAIRE") || byBirth(a, b));
  const children = members.filter((m) => m.kind !== "ADULTE").sort(byBirth);
  return { adults, children };
}
