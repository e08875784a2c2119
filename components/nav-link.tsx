"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A navigation link that tells assistive technologies, and the eye, which page is the current one. */
export function NavLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const pathname = usePathname();
  // A section's tab stays current on its sub-pages (« Compte » on /compte/modifier); home pages do not.
  const current = pathname === href || (href !== "/" && href !== "/accueil" && href !== "/admin" && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`${className ?? ""} ${current ? "underline decoration-2 underline-offset-8" : ""}`}
    >
      {children}
    </Link>
  );
}
