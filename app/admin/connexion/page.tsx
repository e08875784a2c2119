import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeAgentReturn } from "@/lib/agents/return-to";
import { getAgentSession } from "@/lib/agents/session";
import { Notice } from "@/components/ui/notice";
import { requireTenant } from "@/lib/tenancy/request";
import { agentPassword } from "./actions";
import { AgentPasswordForm } from "./agent-forms";

export const metadata: Metadata = { title: "Espace agents : connexion" };

export default async function AgentLoginPage({ searchParams }: { searchParams: Promise<{ expiree?: string; retour?: string }> }) {
  const tenant = await requireTenant();
  const session = await getAgentSession();
  const { expiree, retour } = await searchParams;
  const back = safeAgentReturn(retour);
  if (session?.mfa) redirect(back ?? "/admin");
  return (
    <div>
      <h1 className="text-3xl font-bold">Espace agents</h1>
      <p className="mt-2 text-slate-700">Réservé aux agents de la {tenant.officialName.replace(/^Mairie/, "mairie")}. Deux étapes : votre mot de passe, puis le code de votre application d&apos;authentification.</p>
      {expiree ? (
        <Notice tone="warning" title="Votre session a expiré">
          Par sécurité, elle se ferme après 30 minutes sans activité. Reconnectez-vous{back ? " : vous reviendrez à la page où vous étiez" : " pour reprendre votre travail"}.
        </Notice>
      ) : null}
      <AgentPasswordForm action={agentPassword} retour={back ?? undefined} />
    </div>
  );
}
