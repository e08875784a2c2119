// Identifiants are "prénom.nom" as people write them: accents kept, lower case, NFC.
// Pure: used by sign-up on the server and to preview the identifiant in the form.

/** Upper bound of a base identifiant, in code points, so a suffix number still fits comfortably. */
export const MAX_IDENTIFIANT_BASE_LENGTH = 60;

// A part that keeps nothing (only punctuation, emoji…) becomes "x": an identifiant is never ".".
const EMPTY_PART = "x";

function cleanPart(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("fr")
    .normalize("NFC")
    // Spaces, apostrophes of every kind and dashes separate words: "N'Diaye" → "n-diaye".
    .replace(/[\s'’ʼ‘\p{Pd}]+/gu, "-")
    // Letters, digits and hyphens stay; a combining mark left after NFC has no letter to join.
    .replace(/[^\p{L}\p{Nd}-]+/gu, "")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}

/** The first `max` code points of a part, never ending on a hyphen. */
function cut(part: string, max: number): string {
  const points = Array.from(part);
  if (points.length <= max) return part;
  return points.slice(0, max).join("").replace(/-+$/, "");
}

/**
 * "Jean-Pierre, Louis" + "de La Fontaine" → "jean-pierre.de-la-fontaine".
 * Only the first given name counts (the form asks for prénoms separated by commas).
 * When the whole would exceed 60 code points, the longer part gives way first.
 */
export function identifiantBase(firstNames: string, lastName: string): string {
  let first = cleanPart(firstNames.split(",")[0] ?? "") || EMPTY_PART;
  let last = cleanPart(lastName) || EMPTY_PART;

  const budget = MAX_IDENTIFIANT_BASE_LENGTH - 1; // the dot
  const half = Math.floor(budget / 2);
  const firstLength = Array.from(first).length;
  const lastLength = Array.from(last).length;
  if (firstLength + lastLength > budget) {
    if (firstLength <= half) last = cut(last, budget - firstLength);
    else if (lastLength <= budget - half) first = cut(first, budget - lastLength);
    else {
      first = cut(first, half);
      last = cut(last, budget - half);
    }
  }
  return `${first}.${last}`;
}

/** The n-th person with the same base: 1 → "amélie.lire", 2 → "amélie.lire2". */
export function withNumber(base: string, n: number): string {
  return n <= 1 ? base : `${base}${n}`;
}

/**
 * The login lookup key: no accents, lower case, trimmed, so "Amelie.LIRE" finds "amélie.lire".
 * Letters without a decomposition (œ, æ, ß) stay as they are.
 */
export function identifiantKey(value: string): string {
  return value.trim().normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("fr").normalize("NFC");
}
