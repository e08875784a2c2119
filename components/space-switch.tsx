"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/**
 * The header serves two spaces: the citizens' site and the agents' back office (/admin). Under
 * /admin, the citizen's tabs and session have no place: the agents' navigation shows instead, once
 * past the agents' login.
 */
export function SpaceSwitch({ agents, children }: { agents: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  if (pathname === "/admin/connexion" || pathname.startsWith("/admin/connexion/")) return null; // not signed in yet
  return <>{pathname === "/admin" || pathname.startsWith("/admin/") ? agents : children}</>;
}
