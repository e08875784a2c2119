import type { ReactNode } from "react";
import { SessionKeeper } from "@/components/session-keeper";

/** The back office once signed in: activity keeps the agent's session alive, with a warning before it ends. */
export default function AgentSpaceLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <SessionKeeper sessionUrl="/api/admin/session" loginUrl="/admin/connexion" />
    </>
  );
}
