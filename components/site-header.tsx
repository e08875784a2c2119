import Link from "next/link";
import { NavLink } from "@/components/nav-link";
import { SignOutButton } from "@/components/sign-out-button";
import { SpaceSwitch } from "@/components/space-switch";
import type { Tenant } from "@/lib/tenancy/resolve";

type Props = {
  tenant: Pick<Tenant, "name" | "officialName" | "logoUrl"> | null;
  /** The signed-in citizen's first name, when there is one: the citizen's tabs replace the public ones. */
  citizenName?: string | null;
};

const publicLinks = [
  { href: "/", label: "Accueil" },
  { href: "/services", label: "Services" },
  { href: "/faq", label: "Questions fréquentes" },
];
const citizenLinks = [
  { href: "/accueil", label: "Accueil" },
  { href: "/compte", label: "Compte" },
  { href: "/services", label: "Services" },
  { href: "/demandes", label: "Mes demandes" },
  { href: "/mes-comptes", label: "Mes comptes" },
];

export function SiteHeader({ tenant, citizenName }: Props) {
  const links = citizenName ? citizenLinks : publicLinks;
  return (
    <header className="bg-brand text-white shadow">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-3">
        <Link href={citizenName ? "/accueil" : "/"} className="flex items-center gap-3 rounded no-underline">
          {tenant?.logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- small SVG logos chosen by each commune
            <img src={tenant.logoUrl} alt="" width={44} height={44} className="h-11 w-11 rounded bg-white p-0.5" />
          ) : null}
          <span className="flex flex-col leading-tight">
            <span className="text-lg font-bold sm:text-xl">{tenant ? tenant.name : "Compte Citoyen"}</span>
            <span className="text-sm text-white/90">{tenant ? "Compte Citoyen" : "Le portail des communes"}</span>
          </span>
        </Link>
        <SpaceSwitch agents={tenant ? <AgentNav /> : null}>
        {citizenName ? (
          <div className="flex items-center gap-3 text-sm">
            <span>
              <span className="sr-only">Connecté : </span>
              {citizenName}
            </span>
            <SignOutButton />
          </div>
        ) : null}
        {tenant ? (
          <nav aria-label="Navigation principale" className="w-full sm:w-auto">
            <ul className="flex flex-wrap gap-1 text-base">
              {links.map((link) => (
                <li key={link.href}>
                  <NavLink href={link.href} className="block rounded px-3 py-2 font-medium hover:bg-white/15">
                    {link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        </SpaceSwitch>
      </div>
    </header>
  );
}

const agentLinks = [
  { href: "/admin", label: "Tableau de bord" },
  { href: "/admin/demandes", label: "Demandes" },
  { href: "/admin/comptes", label: "Comptes à valider" },
  { href: "/admin/profil", label: "Mon profil" },
];

function AgentNav() {
  return (
    <nav aria-label="Navigation de l'espace agents" className="w-full sm:w-auto">
      <ul className="flex flex-wrap gap-1 text-base">
        {agentLinks.map((link) => (
          <li key={link.href}>
            <NavLink href={link.href} className="block rounded px-3 py-2 font-medium hover:bg-white/15">{link.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
