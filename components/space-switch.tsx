"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/**
 * The header serves two spaces: the citizens' site and the agents' back office (/admin). Under
 * /admin, the citizen's tabs and session have no place: the agents' navigation shows instead.
 */
export function SpaceSwitch({ agents, children }: { agents: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  return <>{pathname === "/admin" || pathname.startsWith("/admin/") ? agents : children}</>;
}
