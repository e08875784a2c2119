import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { safeReturn } from "@/lib/auth/return-to";
import { Notice } from "@/components/ui/notice";
import { getCitizen } from "@/lib/auth/session";
import { requireTenant } from "@/lib/tenancy/request";

export const metadata: Metadata = { title: "Connexion" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  await requireTenant();
  const params = await searchParams;
  const returnTo = safeReturn(one(params.retour));
  if (await getCitizen()) redirect(returnTo);
  return (
    <div className="mx-auto max-w-md">
      {params.expiree ? (
        <Notice tone="warning" title="Votre session a expiré">
          Par sécurité, elle se ferme après 30 minutes sans activité. Connectez-vous de nouveau pour reprendre.
        </Notice>
      ) : null}
      {params.retour && !params.expiree ? <Notice>Connectez-vous pour accéder à cette page.</Notice> : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <LoginForm returnTo={returnTo} initialError={one(params.error)} headingLevel={1} />
      </div>
    </div>
  );
}
