import type { Metadata } from "next";
import { LegalPageView } from "@/components/legal-page";

export const metadata: Metadata = { title: "Accessibilité" };

export default function Page() {
  return <LegalPageView page="accessibilite" title="Accessibilité" />;
}
