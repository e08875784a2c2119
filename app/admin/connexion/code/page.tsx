import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAgentSession } from "@/lib/agents/session";
import { agentCode } from "../actions";
import { AgentCodeForm } from "../agent-forms";

export const metadata: Metadata = { title: "Espace agents : code de vérification" };

export default async function AgentCodePage() {
  const session = await getAgentSession();
  if (!session) redirect("/admin/connexion");
  if (session.mfa) redirect("/admin");
  return (
    <div>
      <h1 className="text-3xl font-bold">Code de vérification</h1>
      <p className="mt-2 text-slate-700">Bonjour {session.agent.firstNames}. Ouvrez votre application d&apos;authentification et saisissez le code affiché pour Compte Citoyen.</p>
      <AgentCodeForm action={agentCode} />
    </div>
  );
}
