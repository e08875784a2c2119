import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { PasswordResetForm } from "@/components/password-reset-form";
import { readResetToken } from "@/lib/accounts/recovery";
import { requireTenant } from "@/lib/tenancy/request";
import { resetPasswordAction } from "./actions";

// The secret is in the address: no referrer leaves this page, and it is never indexed.
export const metadata: Metadata = {
  title: "Choisir un nouveau mot de passe",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default async function NewPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const tenant = await requireTenant();
  const { token } = await params;
  const link = await readResetToken(tenant, token);

  if (link && !link.question) {
    // An account created at the counter has no question until its holder chooses one in « Compte ».
    return (
      <div className="mx-auto max-w-2xl">
        <h1 className="text-3xl font-bold">Demandez un code à la mairie</h1>
        <p className="mt-4 text-lg text-slate-700">
          Votre compte ({link.identifiant}) n&apos;a pas encore de question de sécurité : ce lien ne suffit pas pour choisir un nouveau mot de passe.
          Contactez la mairie, au {tenant.contactPhone} ou à l&apos;accueil : elle vous enverra un code par courriel ou par courrier.
        </p>
        <p className="mt-6"><Link href="/nouveau-mot-de-passe" className="font-semibold text-brand underline">J&apos;ai déjà un code de la mairie</Link></p>
      </div>
    );
  }

  if (!link) {
    return (
      <div className="mx-auto max-w-2xl">
        <h1 className="text-3xl font-bold">Ce lien ne fonctionne plus</h1>
        <p className="mt-4 text-lg text-slate-700">Le lien pour choisir un nouveau mot de passe n&apos;est plus valable. Cela arrive quand :</p>
        <ul className="mt-2 list-disc space-y-1 pl-6 text-slate-800">
          <li>il a déjà servi : chaque lien ne fonctionne qu&apos;une fois ;</li>
          <li>plus de 30 minutes se sont écoulées depuis la demande ;</li>
          <li>une demande plus récente l&apos;a remplacé : seul le dernier courriel reçu compte ;</li>
          <li>trop de réponses erronées à la question de sécurité ont été saisies ;</li>
          <li>l&apos;adresse a été mal copiée, ou le lien vient d&apos;une autre commune.</li>
        </ul>
        <p className="mt-6">
          <ButtonLink href="/mot-de-passe-oublie">
            Demander un nouveau lien
          </ButtonLink>
        </p>
        <p className="mt-4">
          <Link href="/connexion" className="text-brand underline">Revenir à la connexion</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">Choisir un nouveau mot de passe</h1>
      <p className="mt-4 text-lg text-slate-700">
        Compte : <span className="font-semibold">{link.identifiant}</span>
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <PasswordResetForm
          proof={{ kind: "question", question: link.question, identifiant: link.identifiant }}
          context={[tenant.name, link.identifiant]}
          action={resetPasswordAction.bind(null, token)}
        />
      </div>
    </div>
  );
}
