import "server-only";

import { hash, verify, type Options } from "@node-rs/argon2";

// Argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): tens of milliseconds per hash, which keeps
// a login cheap for us and a guess expensive for an attacker holding a copy of the database.
const ARGON2: Options = {
  algorithm: 2, // Argon2id; the package's enum is a const enum that isolated modules cannot import.
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/** A PHC string ("$argon2id$v=19$m=19456,t=2,p=1$…") carrying its own salt and parameters. */
export function hashSecret(plain: string): Promise<string> {
  return hash(plain, ARGON2);
}

/** False for a wrong secret and for anything that is not a valid hash: a bad row never throws. */
export async function verifySecret(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/**
 * A security-question answer as the person meant it: « Médor », "médor " and "MEDOR" are one answer.
 * Callers apply it before hashSecret and verifySecret.
 */
export function normalizeAnswer(answer: string): string {
  return answer
    .trim()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("fr")
    .replace(/\s+/g, " ")
    .normalize("NFC");
}
