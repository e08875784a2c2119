import type { Metadata } from "next";
import { requireTenant } from "@/lib/tenancy/request";
import { inSentence } from "@/lib/text";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  const tenant = await requireTenant();
  return (
    <div>
      <h1 className="text-3xl font-bold">Services</h1>
      <p className="mt-4 text-slate-700">
        Les démarches en ligne de la {inSentence(tenant.officialName)} ouvrent prochainement sur ce site.
        En attendant, elle vous répond au {tenant.contactPhone}.
      </p>
    </div>
  );
}
