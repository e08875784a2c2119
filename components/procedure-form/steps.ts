// The wizard's steps in its address (?etape=2 is the second step, ?etape=verification the review)
// and where it keeps unsaved answers.
// Plain module: the page (server) and the wizard (browser) read the parameter the same way.

export const REVIEW = "verification";

/** The step index (0-based; the review is `reviewIndex`) an ?etape= value names; the first step otherwise. */
export function stepOfParam(param: string | null | undefined, reviewIndex: number): number {
  if (param === REVIEW) return reviewIndex;
  const n = Number(param);
  return Number.isInteger(n) && n >= 1 && n <= reviewIndex ? n - 1 : 0;
}

/** sessionStorage keys of the wizard's unsaved answers start with this (SignOutButton clears them). */
export const BACKUP_PREFIX = "compte-citoyen:demarche:";
