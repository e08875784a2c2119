import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAgent } from "@/lib/agents/session";
import { openCounterForm } from "@/lib/requests/counter";
import { requireTenant } from "@/lib/tenancy/request";
import { CounterProcedureForm } from "./counter-procedure-form";

export const metadata: Metadata = { title: "Démarche saisie au guichet" };

type Params = Promise<{ id: string; slug: string }>;

export default async function CounterProcedurePage({ params }: { params: Params }) {
  const tenant = await requireTenant();
  const agent = await requireAgent("comptes.creer");
  const { id, slug } = await params;
  const opened = await openCounterForm(agent, tenant, id, slug);
  if (!opened) notFound();
  const { account, procedure, facts, initialAnswers } = opened;
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href={`/admin/comptes/${account.id}`} className="text-brand underline">{account.name}</Link> › {procedure.title}
      </nav>
      <h1 className="mt-2 text-3xl font-bold">{procedure.title}</h1>
      <p className="mt-2 text-slate-700">
        Saisie au guichet pour {account.name} ({account.identifiant}), avec la personne. Les réponses reprennent son compte ; les pièces sont remises
        sur papier et se cochent « reçue » sur la demande. La personne reçoit l&apos;accusé de réception comme pour une demande en ligne.
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <CounterProcedureForm accountId={account.id} slug={procedure.slug} definition={procedure.definition} people={facts.members} initialAnswers={initialAnswers} />
      </div>
    </div>
  );
}
