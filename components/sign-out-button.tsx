"use client";

import { useState } from "react";
import { signOut } from "@/components/auth-requests";
import { BACKUP_PREFIX } from "@/components/procedure-form/backup-prefix";

/**
 * Ends the session here and everywhere else (the server bumps the account's session version).
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        forgetUnsavedAnswers();
        // A full load, as next-auth does: nothing of the signed-in pages stays in the router's cache.
        void signOut().finally(() => {
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose (above)
          window.location.href = "/";
        });
      }}
      className="min-h-11 rounded border border-white/70 px-3 py-1.5 font-semibold hover:bg-white/15"
    >
      Se déconnecter
    </button>
  );
}

/** Answers a démarche form kept in this tab are the signed-out person's: the next one must not find them. */
function forgetUnsavedAnswers() {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(BACKUP_PREFIX)) sessionStorage.removeItem(key);
  } catch {}
}
