"use client";

import { useEffect } from "react";
import { markMessagesRead } from "./actions";

/** Once the page is shown in a browser (not when it is merely fetched), its new messages are read. */
export function MarkRead({ upTo }: { upTo: string }) {
  useEffect(() => {
    void markMessagesRead(upTo);
  }, [upTo]);
  return null;
}
