import type { ButtonHTMLAttributes } from "react";

const styles = {
  primary: "bg-brand text-white hover:bg-brand-accent",
  secondary: "border-2 border-brand bg-white text-brand hover:bg-slate-100",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

/** Buttons at least 44 px high (touch targets), in the commune's colours. */
export function Button({ variant = "primary", className = "", ...props }: { variant?: keyof typeof styles } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      className={`inline-flex min-h-11 items-center justify-center rounded px-5 py-2 font-semibold disabled:cursor-not-allowed disabled:opacity-60 ${styles[variant]} ${className}`}
      {...props}
    />
  );
}
