"use client";

import { useEffect, useRef, type ComponentProps } from "react";
import { Notice } from "@/components/ui/notice";

/**
 * The outcome of an action that redirected here (« Brouillon supprimé »): present from the page's
 * first render, so a live region would not be announced. It takes the focus instead, which screen
 * readers read out, and which shows keyboard users where they are.
 */
export function ArrivalNotice(props: Omit<ComponentProps<typeof Notice>, "live">) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none focus-visible:ring-2 focus-visible:ring-brand">
      <Notice {...props} />
    </div>
  );
}
