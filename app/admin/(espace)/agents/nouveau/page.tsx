import type { Metadata } from "next";
import Link from "next/link";
import { listAgents } from "@/lib/agents/manage";
import { requireAgent } from "@/lib/agents/session";
import { AgentForm } from "../agent-form";

export const metadata: Metadata = { title: "Ajouter un agent" };

export default async function NewAgentPage() {
  const agent = await requireAgent("agents.gerer");
  const { services } = await listAgents(agent);
  return (
    <div className="max-w-2xl">
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/agents" className="text-brand underline">Agents</Link> › Ajouter</nav>
      <h1 className="mt-2 text-3xl font-bold">Ajouter un agent</h1>
      <p className="mt-2 text-slate-700">L&apos;agent reçoit par courriel un lien, valable 48 heures, pour choisir lui-même son mot de passe.</p>
      <AgentForm services={services} />
    </div>
  );
}
