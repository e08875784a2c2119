import type { Metadata } from "next";
import Link from "next/link";
import { dashboardCounts } from "@/lib/agents/dashboard";
import { can } from "@/lib/agents/permissions";
import { requireAgent } from "@/lib/agents/session";
import { agentSignOut } from "./actions";

export const metadata: Metadata = { title: "Espace agents" };

export default async function AdminDashboard() {
  const agent = await requireAgent("demandes.voir");
  const counts = await dashboardCounts(agent);
  const tiles = [
    { label: "Comptes à valider", value: counts.accounts, href: "/admin/comptes" },
    { label: "Nouvelles demandes", value: counts.nouvelles, href: "/admin/demandes?statut=DEPOSEE" },
    { label: "Demandes en attente du citoyen", value: counts.enAttente, href: "/admin/demandes?statut=INCOMPLETE" },
    { label: "Demandes en retard", value: counts.overdue, href: "/admin/demandes?retard=1" },
    // Shown only when some wait: a rare request, answered by the agents who validate accounts.
    ...(counts.deletions ? [{ label: "Suppressions de compte demandées", value: counts.deletions, href: "/admin/comptes?statut=SUPPRESSION" }] : []),
  ];
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-3xl font-bold">Espace agents</h1>
        <form action={agentSignOut}>
          <button type="submit" className="min-h-11 font-semibold text-brand underline">Se déconnecter de l&apos;espace agents</button>
        </form>
      </div>
      <p className="mt-2 text-slate-700">
        {agent.firstNames} {agent.lastName}, {agent.role === "ADMIN" ? "administrateur" : "agent"}.
      </p>
      <h2 className="mt-8 text-2xl font-bold">À traiter</h2>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((t) => (
          <li key={t.label} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <p className="text-3xl font-bold text-brand">{t.value}</p>
            <Link href={t.href} className="mt-1 block font-semibold text-brand underline">{t.label}</Link>
          </li>
        ))}
      </ul>
      <p className="mt-8 text-slate-700">
        {can(agent.role, "commune.configurer") ? <><Link href="/admin/parametres" className="font-semibold text-brand underline">Paramètres de la commune</Link>. <Link href="/admin/demarches" className="font-semibold text-brand underline">Démarches</Link>. </> : null}
        {can(agent.role, "commune.configurer") ? <><Link href="/admin/regies" className="font-semibold text-brand underline">Régies</Link>. </> : null}
        {can(agent.role, "factures.gerer") ? <><Link href="/admin/factures" className="font-semibold text-brand underline">Factures</Link>. </> : null}
        {can(agent.role, "agents.gerer") ? <><Link href="/admin/agents" className="font-semibold text-brand underline">Agents</Link>. </> : null}
        {can(agent.role, "audit.voir") ? <><Link href="/admin/journal" className="font-semibold text-brand underline">Journal d&apos;audit</Link>. </> : null}
        <Link href="/admin/demandes" className="font-semibold text-brand underline">Toutes les demandes</Link>. <Link href="/" className="text-brand underline">Site de la commune</Link>
      </p>
    </div>
  );
}
