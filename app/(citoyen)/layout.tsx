import type { ReactNode } from "react";
import { SessionKeeper } from "@/components/session-keeper";

// The signed-in citizen's pages. Each page checks the session itself (requireCitizen): this layout
// only adds the idle-session warning.
export default function CitizenLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <SessionKeeper />
    </>
  );
}
