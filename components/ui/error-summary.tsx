"use client";
import { useEffect, useRef } from "react";

/**
 * The list of errors at the top of a form, focused when it appears so a screen reader announces it;
 * each error links to its field (RGAA 11.10, 11.11).
 */
export function ErrorSummary({ message, errors, fieldIds = {}, id = "resume-erreurs" }: {
  message?: string;
  errors: Record<string, string>;
  fieldIds?: Record<string, string>;
  /** Unique on the page: several forms of one page may each show their summary. */
  id?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const wasShown = useRef(false);
  const entries = Object.entries(errors);
  const shown = Boolean(message || entries.length);
  // Focus when the summary appears and after each submit of its form, never while the person types
  // (errors are re-checked as fields change: moving the focus then would break their typing).
  useEffect(() => {
    if (shown && !wasShown.current) ref.current?.focus();
    wasShown.current = shown;
  }, [shown]);
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const onSubmit = () => setTimeout(() => ref.current?.focus(), 0);
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [shown]);
  if (!shown) return null;
  return (
    <div ref={ref} tabIndex={-1} className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-4" aria-labelledby={id}>
      <h2 id={id} className="font-bold text-red-800">{message ?? "Certaines informations sont à corriger."}</h2>
      {entries.length ? (
        <ul className="mt-2 list-disc pl-5">
          {entries.map(([field, text]) => (
            <li key={field}>
              <a href={`#${fieldIds[field] ?? field}`} className="text-red-800 underline">{text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
