import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAgentSession } from "@/lib/agents/session";
import { encryptSecret, newTotpSecret, otpauthUri, totpQrSvg } from "@/lib/agents/totp";
import { requireTenant } from "@/lib/tenancy/request";
import { agentEnableTotp, agentFinishEnrolment } from "../actions";
import { AgentCodeForm } from "../agent-forms";

export const metadata: Metadata = { title: "Espace agents : activer la vérification en deux étapes" };

/** First login: the authenticator app learns a new secret (QR code, or typed), then proves it with a code. */
export default async function EnableTotpPage() {
  const tenant = await requireTenant();
  const session = await getAgentSession();
  if (!session) redirect("/admin/connexion");
  if (session.mfa) redirect("/admin");
  const secret = newTotpSecret();
  const uri = otpauthUri({ secret, account: session.agent.email, issuer: `Compte Citoyen ${tenant.name}` });
  const qr = await totpQrSvg(uri);
  return (
    <div>
      <h1 className="text-3xl font-bold">Activer la vérification en deux étapes</h1>
      <ol className="mt-4 max-w-2xl list-decimal space-y-2 pl-5">
        <li>Installez une application d&apos;authentification sur votre téléphone (par exemple FreeOTP, Aegis, Google Authenticator).</li>
        <li>Scannez ce code avec l&apos;application, ou saisissez-y la clé écrite en dessous.</li>
        <li>Saisissez le code à 6 chiffres que l&apos;application affiche.</li>
      </ol>
      {/* The QR code is decorative for screen readers: the key below says the same thing in text. */}
      <div aria-hidden="true" className="mt-4 h-48 w-48 bg-white p-2" dangerouslySetInnerHTML={{ __html: qr }} />
      <p className="mt-2">Clé : <code className="font-mono text-lg wrap-anywhere">{secret.match(/.{1,4}/g)?.join(" ")}</code></p>
      <AgentCodeForm action={agentEnableTotp} secret={encryptSecret(secret)} finish={agentFinishEnrolment} />
    </div>
  );
}
