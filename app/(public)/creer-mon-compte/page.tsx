import type { Metadata } from "next";
import { getTermsOfUse } from "@/lib/tenancy/content";
import { requireTenant } from "@/lib/tenancy/request";
import { signUp } from "./actions";
import { SignupForm } from "./signup-form";
import { TermsText } from "./terms-text";

export const metadata: Metadata = { title: "Créer mon compte" };

export default async function SignupPage() {
  const tenant = await requireTenant();
  const terms = await getTermsOfUse(tenant);
  return (
    <div className="mx-auto max-w-3xl">
      <SignupForm commune={tenant.name} terms={<TermsText source={terms} />} action={signUp} />
    </div>
  );
}
