// Password rules shared by the sign-up form (live hint) and the server (the actual check).
// Length matters, composition rules do not (ANSSI, NIST 800-63B): we refuse only what an
// attacker tries first — frequent passwords, the person's own names, sequences.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const PASSWORD_MESSAGES = {
  tooShort: `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`,
  tooLong: `Le mot de passe ne doit pas dépasser ${MAX_PASSWORD_LENGTH} caractères.`,
  common: "Ce mot de passe fait partie des plus utilisés : choisissez-en un autre.",
  personal: "Le mot de passe ne doit pas reprendre votre nom, votre identifiant ou le nom de la commune.",
  simple: "Le mot de passe ne doit pas être une suite ou une répétition de caractères (comme « 123456 » ou « aaaa »).",
} as const;

// Frequent French and English passwords and keyboard runs, lower case without accents. They are
// compared to the whole password and to its core without leading/trailing digits and symbols,
// so short entries ("soleil") also catch "Soleil2024!".
const COMMON = new Set(
  `
  motdepasse motdepass monmotdepasse password passw0rd passwd azerty azertyuiop azertyuiopqsdfghjklm
  azerty123 qwerty qwertyuiop qwertz qwertzuiop asdfghjkl qsdfghjklm wxcvbn zxcvbnm azertyqwerty
  123456789 1234567890 12345678910 0123456789 0987654321 987654321 123123123 12341234 147258369
  741852963 147852369 789456123 123654789 123456789a a123456789 abcdefgh
  azertyui azertyuio soleil doudou chouchou loulou marseille bonjour coucou salut bienvenue bienvenu
  jetaime jetaimes jetadore monamour moncoeur mamour amour tresor bisous bisounours nounours doudoune
  chocolat princesse cheval chevaux chaton chatons minou minette lapin lapinou poussin cocotte
  football olympique olympiquedemarseille allezlom parisiensg psg paris lyon toulouse nantes
  bordeaux lille nice strasbourg montpellier rennes brest bretagne france vivelafrance liberte
  maman papa mamie papi famille bebe enfants vacances musique guitare vanille fraise cerise
  camille nicolas julien thomas alexandre maxime kevin celine isabelle nathalie sandrine stephanie
  sophie laurent philippe christophe pierre olivier mathieu antoine lucas hugo louis emma chloe
  manon ines jade louise marie sebastien guillaume jeremy anthony jessica caroline patricia
  virginie audrey melanie aurelie pauline elodie valerie sylvie catherine francoise martine
  iloveyou welcome letmein sunshine princess dragon monkey baseball superman batman trustno1
  master shadow michael jennifer charlie starwars pokemon minecraft freedom whatever computer
  internet samsung iphone google facebook helloworld hello admin administrateur administrator
  changeme secret motdepassesecret test testtest utilisateur mairie citoyen comptecitoyen
  moncomptecitoyen moncompte
  `
    .split(/\s+/)
    .filter(Boolean),
);

// Keyboard rows, AZERTY and QWERTY: a run along one of them, either way, is a sequence.
const KEYBOARDS = ["azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm"];

/** Lower case without accents, so "Émilie" and "emilie" compare equal. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("fr").normalize("NFC");
}

/** The password without its decoration: "Motdepasse2024!" → "motdepasse". */
function core(folded: string): string {
  return folded.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, "");
}

/** Letters and digits only: "mot de passe" → "motdepasse". */
function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, "");
}

/** "soleilsoleil" is "soleil" twice; `accept` decides which units count. */
function isRepetitionOf(text: string, accept: (unit: string) => boolean): boolean {
  const points = Array.from(text);
  for (let size = 1; size <= points.length / 2; size++) {
    if (points.length % size !== 0) continue;
    const unit = points.slice(0, size).join("");
    if (unit.repeat(points.length / size) === text && accept(unit)) return true;
  }
  return false;
}

function isCommon(folded: string): boolean {
  const candidates = [folded, compact(folded), compact(core(folded))].filter(Boolean);
  return candidates.some((c) => COMMON.has(c) || isRepetitionOf(c, (unit) => COMMON.has(unit)));
}

/** "abcdef", "fedcba", "7890123" (digits wrap like the keyboard row), "azertyui", "poiuyt". */
function isRun(text: string): boolean {
  const codes = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  const digits = /^\d+$/.test(text);
  const steps = codes.slice(1).map((code, i) => (digits ? (code - codes[i]! + 10) % 10 : code - codes[i]!));
  const down = digits ? 9 : -1;
  if (steps.every((s) => s === 1) || steps.every((s) => s === down)) return true;
  const reversed = Array.from(text).reverse().join("");
  return KEYBOARDS.some((row) => row.includes(text) || row.includes(reversed));
}

/** A run, or a short unit or a run repeated: "aaaa", "ababab", "123412341234", "azerazer". */
function isSequence(text: string): boolean {
  if (Array.from(text).length < 4) return false;
  return isRun(text) || isRepetitionOf(text, (unit) => Array.from(unit).length <= 3 || isRun(unit));
}

function isSimple(folded: string): boolean {
  const inner = compact(core(folded));
  // The core counts only when it is most of the password: "abcd" + eight random digits is fine.
  return isSequence(folded) || isSequence(compact(folded)) || (Array.from(inner).length >= 8 && isSequence(inner));
}

/** Context words of four letters or more: "Saint-André-des-Eaux" → saint, andre, eaux. */
function contextTokens(context: string[]): string[] {
  return context
    .flatMap((text) => fold(text).split(/\P{L}+/u))
    .filter((token) => Array.from(token).length >= 4);
}

/**
 * A French message when the password is refused, null when it is acceptable.
 * `context`: the commune's name, the person's first and last names, the identifiant.
 */
export function checkPassword(password: string, context: string[]): string | null {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) return PASSWORD_MESSAGES.tooShort;
  if (length > MAX_PASSWORD_LENGTH) return PASSWORD_MESSAGES.tooLong;

  const folded = fold(password);
  if (isCommon(folded)) return PASSWORD_MESSAGES.common;
  if (isSimple(folded)) return PASSWORD_MESSAGES.simple;
  const compacted = compact(folded);
  if (contextTokens(context).some((token) => compacted.includes(token))) {
    return PASSWORD_MESSAGES.personal;
  }
  return null;
}

export type PasswordStrength = { score: 0 | 1 | 2 | 3 | 4; label: string };

const LABELS = ["Très faible", "Faible", "Moyen", "Bon", "Excellent"] as const;

/**
 * A visible hint, not a rule: a rough entropy estimate from the length and the variety of
 * character classes. A password the policy refuses never looks better than « Faible ».
 */
export function passwordStrength(password: string): PasswordStrength {
  const points = Array.from(password);
  let score: PasswordStrength["score"];
  if (checkPassword(password, []) !== null) {
    score = points.length >= 8 ? 1 : 0;
  } else {
    let pool = 0;
    if (/\p{Ll}/u.test(password)) pool += 26;
    if (/\p{Lu}/u.test(password)) pool += 26;
    if (/\p{N}/u.test(password)) pool += 10;
    if (/[^\p{Ll}\p{Lu}\p{N}]/u.test(password)) pool += 33;
    const bits = points.length * Math.log2(pool);
    score = bits >= 90 ? 4 : bits >= 65 ? 3 : 2;
  }
  return { score, label: LABELS[score] };
}
