import type { Metadata } from "next";
import { LegalPageView } from "@/components/legal-page";

export const metadata: Metadata = { title: "Données personnelles" };

export default function Page() {
  return <LegalPageView page="donnees-personnelles" title="Données personnelles" />;
}
