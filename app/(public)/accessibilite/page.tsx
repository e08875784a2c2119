import type { Metadata } from "next";
import { AccessibilityStatement } from "@/components/accessibility-statement";
import { ACCESSIBILITY_RESULTS } from "@/lib/accessibility/statement";
import { getLegalText } from "@/lib/tenancy/content";
import { requireTenant } from "@/lib/tenancy/request";

export const metadata: Metadata = { title: "Déclaration d'accessibilité" };

// The statement is rendered from the last full run of the automated checks; the commune's own text
// (edited by its admins in « Paramètres de la commune ») comes with it.
export default async function Page() {
  const tenant = await requireTenant();
  const text = await getLegalText(tenant, "accessibilite");
  return <AccessibilityStatement tenant={tenant} communeText={text} results={ACCESSIBILITY_RESULTS} />;
}
