"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/forms";

// Several forms on one page (the account and each member): only the form submitted last shows
// its error summary, so the page keeps one summary, one focus target and unique ids.
const LastSubmitted = createContext<{ active: string | null; setActive: (form: string) => void } | null>(null);

export function OneErrorSummary({ children }: { children: ReactNode }) {
  const [active, setActive] = useState<string | null>(null);
  return <LastSubmitted.Provider value={{ active, setActive }}>{children}</LastSubmitted.Provider>;
}

/** Marks a form as the one submitted last; a no-op outside OneErrorSummary. */
export function useMarkSubmitted(form: string) {
  const context = useContext(LastSubmitted);
  return () => context?.setActive(form);
}

/**
 * The answer to a form: a success message in a live region (unless the caller shows it, `success`
 * false), or the error summary linking to the fields (`fieldIds`: field name → id to reach).
 */
export function FormFeedback({
  form, result, errors, fieldIds, success = true,
}: { form: string; result: ActionResult | null; errors: Record<string, string>; fieldIds: Record<string, string>; success?: boolean }) {
  const context = useContext(LastSubmitted);
  const mine = !context || context.active === form;
  return (
    <>
      {success ? (
        <div role="status">
          {result?.ok && result.message ? <Notice tone="success">{result.message}</Notice> : null}
        </div>
      ) : null}
      {mine ? <ErrorSummary message={result && !result.ok ? result.message : undefined} errors={errors} fieldIds={fieldIds} /> : null}
    </>
  );
}
