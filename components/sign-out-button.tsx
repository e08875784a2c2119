"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

/** Ends the session here and everywhere else (the server bumps the account's session version). */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/" });
      }}
      className="min-h-11 rounded border border-white/70 px-3 py-1.5 font-semibold hover:bg-white/15"
    >
      Se déconnecter
    </button>
  );
}
