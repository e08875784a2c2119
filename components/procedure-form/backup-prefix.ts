// Where the wizard keeps unsaved answers in sessionStorage. A module of its own, with no import:
// the sign-out button (in every page's header) clears them, and must not bring the form's code
// (zod and the démarche definitions) into every page's JavaScript.

/** sessionStorage keys of the wizard's unsaved answers start with this (SignOutButton clears them). */
export const BACKUP_PREFIX = "compte-citoyen:demarche:";
