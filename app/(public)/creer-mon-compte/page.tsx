import type { Metadata } from "next";
import { safeReturn } from "@/lib/auth/return-to";
import { getProcedure } from "@/lib/procedures/catalogue";
import { getTermsOfUse } from "@/lib/tenancy/content";
import { requireTenant } from "@/lib/tenancy/request";
import { signUp } from "./actions";
import { SignupForm } from "./signup-form";
import { TermsText } from "./terms-text";

export const metadata: Metadata = { title: "Créer mon compte" };

type Search = Promise<{ retour?: string | string[] }>;

export default async function SignupPage({ searchParams }: { searchParams: Search }) {
  const tenant = await requireTenant();
  const terms = await getTermsOfUse(tenant);
  // A sign-up begun from a démarche (« Créer mon compte, puis commencer ») goes back to its form.
  const retour = (await searchParams).retour;
  const slug = typeof retour === "string" ? /^\/services\/([a-z0-9-]{1,100})\/formulaire$/.exec(safeReturn(retour))?.[1] : undefined;
  const procedure = slug ? await getProcedure(tenant, slug) : null;
  const demarche = procedure?.requiresAccount ? { title: procedure.title, href: `/services/${procedure.slug}/formulaire` } : undefined;
  return (
    <div className="mx-auto max-w-3xl">
      <SignupForm commune={tenant.name} terms={<TermsText source={terms} />} action={signUp} demarche={demarche} smsEnabled={tenant.settings.smsEnabled} />
    </div>
  );
}
