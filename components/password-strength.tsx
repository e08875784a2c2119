"use client";
import { passwordStrength } from "@/lib/accounts/password-policy";

// Segment colours: 3:1 against white at least (non-text contrast); the word carries the meaning.
const COLOURS = ["bg-red-700", "bg-red-700", "bg-amber-600", "bg-green-700", "bg-green-800"] as const;

/**
 * A visible hint under a new password: four segments and a word, updated as the person types and
 * announced politely to screen readers. A hint only: the policy is checked on submit.
 * `label`: the words before the strength; `detail`: what the policy already says of the password.
 */
export function PasswordStrength({
  password, id, label = "Solidité du mot de passe", detail,
}: { password: string; id?: string; label?: string; detail?: string | null }) {
  const { score, label: strength } = passwordStrength(password);
  const empty = password.length === 0;
  return (
    <div className="mt-2" id={id}>
      <div className="flex gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((segment) => (
          <span
            key={segment}
            className={`h-2 flex-1 rounded ${!empty && (score >= segment || (score === 0 && segment === 1)) ? COLOURS[score] : "bg-slate-300"}`}
          />
        ))}
      </div>
      <p className="mt-1 text-sm text-slate-700" aria-live="polite">
        {label} : <span className="font-semibold">{empty ? "à saisir" : strength}</span>
        {!empty && detail ? `. ${detail}` : null}
      </p>
    </div>
  );
}
