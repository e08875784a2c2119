import type { Metadata } from "next";
import Link from "next/link";
import { readAgentInvitation } from "@/lib/agents/manage";
import { requireTenant } from "@/lib/tenancy/request";
import { AgentWelcomeForm } from "../../agent-forms";
import { welcomeAction } from "./actions";

// The secret is in the address: no referrer leaves this page, and it is never indexed.
export const metadata: Metadata = { title: "Espace agents : choisir mon mot de passe", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function AgentWelcomePage({ params }: { params: Promise<{ token: string }> }) {
  const tenant = await requireTenant();
  const { token } = await params;
  const invitation = await readAgentInvitation(tenant, token);
  if (!invitation) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-3xl font-bold">Ce lien ne fonctionne plus</h1>
        <p className="mt-4">Il a déjà servi, il a plus de 48 heures, ou un lien plus récent l&apos;a remplacé. Demandez à un administrateur de la mairie de vous en envoyer un nouveau.</p>
        <p className="mt-4"><Link href="/admin/connexion" className="text-brand underline">Connexion à l&apos;espace agents</Link></p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">Choisir mon mot de passe</h1>
      <p className="mt-2 text-slate-700">Espace agents de {tenant.name} : {invitation.agent.firstNames} {invitation.agent.lastName} ({invitation.agent.email}).</p>
      <AgentWelcomeForm email={invitation.agent.email} context={[tenant.name, invitation.agent.firstNames, invitation.agent.lastName]} action={welcomeAction.bind(null, token)} />
    </div>
  );
}
