import type { ReactNode } from "react";

const tones = {
  info: "border-sky-700 bg-sky-50",
  success: "border-green-700 bg-green-50",
  warning: "border-amber-600 bg-amber-50",
} as const;

/** A boxed message in the page. `role="status"` only for ones that appear after an action. */
export function Notice({ tone = "info", title, children, live = false }: { tone?: keyof typeof tones; title?: ReactNode; children?: ReactNode; live?: boolean }) {
  return (
    <div className={`mt-4 rounded border-l-4 p-4 ${tones[tone]}`} role={live ? "status" : undefined}>
      {title ? <p className="font-bold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : ""}>{children}</div> : null}
    </div>
  );
}
