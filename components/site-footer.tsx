import Link from "next/link";
import { ACCESSIBILITY_RESULTS, conformityOf } from "@/lib/accessibility/statement";
import type { Tenant } from "@/lib/tenancy/resolve";

type Props = {
  tenant: (Pick<Tenant, "officialName" | "contactAddress" | "contactPhone" | "contactEmail"> & { openingHours?: string }) | null;
};

const legalLinks = [
  { href: "/suivi", label: "Suivre une demande faite sans compte" },
  { href: "/faq", label: "Questions fréquentes" },
  { href: "/mentions-legales", label: "Mentions légales" },
  { href: "/donnees-personnelles", label: "Données personnelles" },
  // The état de conformité of the statement, as the RGAA asks every page to show it.
  { href: "/accessibilite", label: `Accessibilité : ${conformityOf(ACCESSIBILITY_RESULTS).label}` },
];

export function SiteFooter({ tenant }: Props) {
  return (
    <footer className="mt-10 border-t border-slate-200 bg-white">
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 text-sm sm:grid-cols-2">
        {tenant ? (
          <address className="not-italic leading-relaxed">
            <strong className="block text-base">{tenant.officialName}</strong>
            {/* A commune just created has no contact details until its admins give them in « Paramètres ». */}
            {tenant.contactAddress ? <span className="block whitespace-pre-line">{tenant.contactAddress}</span> : null}
            {tenant.openingHours ? <span className="mt-1 block whitespace-pre-line">{tenant.openingHours}</span> : null}
            {tenant.contactPhone ? (
              <span className="block">
                Tél. : <a href={`tel:${tenant.contactPhone.replace(/\s/g, "")}`} className="underline">{tenant.contactPhone}</a>
              </span>
            ) : null}
            {tenant.contactEmail ? (
              <span className="block">
                Courriel : <a href={`mailto:${tenant.contactEmail}`} className="underline">{tenant.contactEmail}</a>
              </span>
            ) : null}
          </address>
        ) : (
          <p>Compte Citoyen, le portail en ligne des communes.</p>
        )}
        {tenant ? (
          <nav aria-label="Informations légales">
            <ul className="space-y-2">
              {legalLinks.map((link) => (
                <li key={link.href}>
                  <Link href={link.href} className="text-slate-800 underline hover:text-brand">
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
    </footer>
  );
}
