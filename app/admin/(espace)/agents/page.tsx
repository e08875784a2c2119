import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { listAgents } from "@/lib/agents/manage";
import { requireAgent } from "@/lib/agents/session";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage({ searchParams }: { searchParams: Promise<{ resultat?: string }> }) {
  const agent = await requireAgent("agents.gerer");
  const { agents, services } = await listAgents(agent);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const invited = (await searchParams).resultat === "invite";
  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Agents</nav>
      <h1 className="mt-2 text-3xl font-bold">Agents</h1>
      {invited ? <ArrivalNotice tone="success">Agent ajouté : il reçoit par courriel un lien pour choisir son mot de passe.</ArrivalNotice> : null}
      <p className="mt-2"><Link href="/admin/agents/nouveau" className="font-semibold text-brand underline">Ajouter un agent</Link></p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left">
          <caption className="sr-only">Agents de la commune</caption>
          <thead>
            <tr className="border-b-2 border-slate-300">
              <th scope="col" className="p-2">Agent</th><th scope="col" className="p-2">Rôle</th><th scope="col" className="p-2">Services</th><th scope="col" className="p-2">Accès</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.id} className="border-b border-slate-200">
                <td className="p-2"><Link href={`/admin/agents/${a.id}`} className="font-semibold text-brand underline">{a.firstNames} {a.lastName}</Link><span className="block text-sm text-slate-700">{a.email}</span></td>
                <td className="p-2">{a.role === "ADMIN" ? "Administrateur" : "Agent"}</td>
                <td className="p-2">{a.role === "ADMIN" ? "Tous" : a.serviceIds.map((id) => serviceName.get(id)).join(", ") || "Aucun"}</td>
                <td className="p-2">{!a.active ? "Désactivé" : a.totpEnabledAt ? "Actif" : "Invitation en cours"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
