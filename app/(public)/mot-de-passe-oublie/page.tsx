import type { Metadata } from "next";
import Link from "next/link";
import { PasswordResetRequestForm } from "@/components/password-reset-request-form";
import { requireTenant } from "@/lib/tenancy/request";
import { requestResetAction } from "./actions";
import { inSentence } from "@/lib/text";

export const metadata: Metadata = { title: "Mot de passe oublié" };

export default async function ForgottenPasswordPage() {
  const tenant = await requireTenant();
  const mairie = inSentence(tenant.officialName);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">Mot de passe oublié ?</h1>
      <p className="mt-4 text-lg text-slate-700">Pour choisir un nouveau mot de passe :</p>
      <ol className="mt-2 list-decimal space-y-1 pl-6 text-slate-800">
        <li>indiquez votre identifiant ci-dessous ;</li>
        <li>ouvrez le lien que nous envoyons à l&apos;adresse électronique de votre compte (il sert une seule fois, pendant 30 minutes) ;</li>
        <li>répondez à votre question de sécurité, puis saisissez deux fois votre nouveau mot de passe.</li>
      </ol>

      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <PasswordResetRequestForm action={requestResetAction} />
      </div>

      <section aria-labelledby="sans-courriel" className="mt-8">
        <h2 id="sans-courriel" className="text-xl font-bold">Pas d&apos;adresse électronique, ou plus d&apos;accès à votre messagerie ?</h2>
        <p className="mt-2 text-slate-800">
          Contactez la {mairie} au{" "}
          <a href={`tel:${tenant.contactPhone.replace(/\s/g, "")}`} className="font-semibold text-brand underline">{tenant.contactPhone}</a>
          . Après avoir vérifié votre identité, un agent vous aidera à retrouver l&apos;accès à votre compte.
        </p>
        <p className="mt-2 text-slate-800">
          Le lien n&apos;est envoyé qu&apos;à une adresse confirmée. Si vous n&apos;avez pas encore confirmé la vôtre, ouvrez
          d&apos;abord le lien du courriel reçu à la création de votre compte.
        </p>
      </section>

      <p className="mt-8">
        <Link href="/connexion" className="text-brand underline">Revenir à la connexion</Link>
      </p>
    </div>
  );
}
