import type { Metadata, Viewport } from "next";
import type { CSSProperties, ReactNode } from "react";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getCitizen } from "@/lib/auth/session";
import { getTenant } from "@/lib/tenancy/request";
import "./globals.css";
import { inSentence } from "@/lib/text";

export async function generateMetadata(): Promise<Metadata> {
  const tenant = await getTenant();
  const site = tenant ? `Compte Citoyen – ${tenant.name}` : "Compte Citoyen";
  return {
    title: { default: site, template: `%s – ${site}` },
    description: tenant
      ? `Les démarches en ligne de la ${inSentence(tenant.officialName)}.`
      : "Le portail citoyen des communes.",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [tenant, citizen] = await Promise.all([getTenant(), getCitizen()]);
  const brand = tenant
    ? ({ "--brand": tenant.primaryColor, "--brand-accent": tenant.accentColor } as CSSProperties)
    : undefined;
  return (
    <html lang="fr">
      <body style={brand} className="flex min-h-screen flex-col">
        <a
          href="#contenu"
          className="sr-only z-50 rounded bg-white px-4 py-2 font-semibold text-brand focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
        >
          Aller au contenu
        </a>
        <SiteHeader tenant={tenant} citizenName={citizen ? `${citizen.firstNames} ${citizen.lastName}` : null} />
        <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">
          {children}
        </main>
        <SiteFooter tenant={tenant} />
      </body>
    </html>
  );
}
