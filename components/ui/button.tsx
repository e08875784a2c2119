import Link from "next/link";
import type { ComponentProps } from "react";

const styles = {
  primary: "bg-brand text-white hover:bg-brand-accent",
  secondary: "border-2 border-brand bg-white text-brand hover:bg-slate-100",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

const base = "inline-flex min-h-11 items-center justify-center rounded px-5 py-2 font-semibold";

/** Buttons at least 44 px high (touch targets), in the commune's colours. */
export function Button({ variant = "primary", className = "", ...props }: { variant?: keyof typeof styles } & ComponentProps<"button">) {
  return (
    <button
      type="button"
      className={`${base} disabled:cursor-not-allowed disabled:opacity-60 ${styles[variant]} ${className}`}
      {...props}
    />
  );
}

/** A link that looks like a button: the next step of a page (« Connexion » after a sign-up). */
export function ButtonLink({ variant = "primary", className = "", ...props }: { variant?: keyof typeof styles } & ComponentProps<typeof Link>) {
  return <Link className={`${base} no-underline ${styles[variant]} ${className}`} {...props} />;
}
