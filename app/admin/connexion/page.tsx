import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAgentSession } from "@/lib/agents/session";
import { Notice } from "@/components/ui/notice";
import { requireTenant } from "@/lib/tenancy/request";
import { agentPassword } from "./actions";
import { AgentPasswordForm } from "./agent-forms";

export const metadata: Metadata = { title: "Espace agents : connexion" };

export default async function AgentLoginPage({ searchParams }: { searchParams: Promise<{ expiree?: string }> }) {
  const tenant = await requireTenant();
  const session = await getAgentSession();
  if (session?.mfa) redirect("/admin");
  return (
    <div>
      <h1 className="text-3xl font-bold">Espace agents</h1>
      <p className="mt-2 text-slate-700">Réservé aux agents de la {tenant.officialName.replace(/^Mairie/, "mairie")}. Deux étapes : votre mot de passe, puis le code de votre application d&apos;authentification.</p>
      {(await searchParams).expiree ? <Notice tone="warning" title="Votre session a expiré">Reconnectez-vous pour reprendre votre travail.</Notice> : null}
      <AgentPasswordForm action={agentPassword} />
    </div>
  );
}
