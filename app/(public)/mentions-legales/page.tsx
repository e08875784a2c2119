import type { Metadata } from "next";
import { LegalPageView } from "@/components/legal-page";

export const metadata: Metadata = { title: "Mentions légales" };

export default function Page() {
  return <LegalPageView page="mentions-legales" title="Mentions légales" />;
}
