"use client";

import type { ComponentProps } from "react";
import { useFormStatus } from "react-dom";

/**
 * The button of a plain server form (« Monter », « Publier »…): inert while its form is on its way,
 * so a double click acts once instead of reaching the server a second time as a stale edit.
 */
export function SubmitButton({ disabled, ...props }: Omit<ComponentProps<"button">, "type">) {
  const { pending } = useFormStatus();
  return <button type="submit" disabled={disabled || pending} {...props} />;
}
