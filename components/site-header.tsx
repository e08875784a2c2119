import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import type { Tenant } from "@/lib/tenancy/resolve";

type Props = { tenant: Pick<Tenant, "name" | "officialName" | "logoUrl"> | null };

export function SiteHeader({ tenant }: Props) {
  return (
    <header className="bg-brand text-white shadow">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-3">
        <Link href="/" className="flex items-center gap-3 rounded no-underline">
          {tenant?.logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- small SVG logos chosen by each commune
            <img src={tenant.logoUrl} alt="" width={44} height={44} className="h-11 w-11 rounded bg-white p-0.5" />
          ) : null}
          <span className="flex flex-col leading-tight">
            <span className="text-lg font-bold sm:text-xl">{tenant ? tenant.name : "Compte Citoyen"}</span>
            <span className="text-sm text-white/90">{tenant ? "Compte Citoyen" : "Le portail des communes"}</span>
          </span>
        </Link>
        {tenant ? (
          <nav aria-label="Navigation principale">
            <ul className="flex flex-wrap gap-1 text-base">
              <li>
                <NavLink href="/" className="block rounded px-3 py-2 font-medium hover:bg-white/15">
                  Accueil
                </NavLink>
              </li>
              <li>
                <NavLink href="/faq" className="block rounded px-3 py-2 font-medium hover:bg-white/15">
                  Questions fréquentes
                </NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
