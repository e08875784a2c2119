import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Button } from "@/components/ui/button";
import { listAgents } from "@/lib/agents/manage";
import { requireAgent } from "@/lib/agents/session";
import { resetAgent } from "../actions";
import { AgentForm } from "../agent-form";

export const metadata: Metadata = { title: "Agent" };

const OUTCOMES = {
  enregistre: { tone: "success", text: "Agent enregistré." },
  reinitialise: { tone: "success", text: "Accès réinitialisé : l'agent reçoit un lien pour choisir un nouveau mot de passe, puis associera de nouveau son application." },
  erreur: { tone: "warning", text: "L'accès n'a pas pu être réinitialisé : réessayez." },
} as const;

export default async function AgentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ resultat?: string }> }) {
  const admin = await requireAgent("agents.gerer");
  const { id } = await params;
  const { agents, services } = await listAgents(admin);
  const agent = agents.find((a) => a.id === id);
  if (!agent) notFound();
  const outcome = OUTCOMES[(await searchParams).resultat as keyof typeof OUTCOMES];
  const self = agent.id === admin.id;
  return (
    <div className="max-w-2xl">
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/agents" className="text-brand underline">Agents</Link> › {agent.firstNames} {agent.lastName}</nav>
      <h1 className="mt-2 text-3xl font-bold">{agent.firstNames} {agent.lastName}</h1>
      {outcome ? <ArrivalNotice tone={outcome.tone}>{outcome.text}</ArrivalNotice> : null}
      <AgentForm agent={agent} services={services} self={self} />
      {agent.active && !self ? (
        <section aria-labelledby="reinitialiser" className="mt-8 rounded-lg border border-slate-300 bg-white p-5">
          <h2 id="reinitialiser" className="text-xl font-bold">Téléphone perdu ou mot de passe oublié</h2>
          <p className="mt-2">Réinitialiser efface son mot de passe et son application d&apos;authentification, ferme ses sessions et lui envoie un nouveau lien.</p>
          <details className="mt-3">
            <summary className="cursor-pointer font-semibold text-brand">Réinitialiser l&apos;accès de {agent.firstNames} {agent.lastName}</summary>
            <form action={resetAgent} className="mt-3">
              <input type="hidden" name="agentId" value={agent.id} />
              <Button type="submit" variant="danger">Confirmer la réinitialisation</Button>
            </form>
          </details>
        </section>
      ) : null}
    </div>
  );
}
