import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/agents/session";
import { requireTenant } from "@/lib/tenancy/request";
import { CounterForm } from "./counter-form";

export const metadata: Metadata = { title: "Créer un compte au guichet" };

export default async function CounterAccountPage() {
  const tenant = await requireTenant();
  await requireAgent("comptes.creer");
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/comptes" className="text-brand underline">Comptes</Link> › Créer un compte au guichet
      </nav>
      <h1 className="mt-2 text-3xl font-bold">Créer un compte au guichet</h1>
      <p className="mt-2 text-slate-700">
        Pour une personne présente à la mairie. Le compte est validé dès sa création. La personne choisit elle-même son mot de passe avec le code
        qu&apos;elle reçoit ; elle déclare son foyer depuis son compte.
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <CounterForm commune={tenant.name} />
      </div>
    </div>
  );
}
