import type { Metadata } from "next";
import Link from "next/link";
import { PasswordResetForm } from "@/components/password-reset-form";
import { requireTenant } from "@/lib/tenancy/request";
import { redeemCodeAction } from "./actions";

export const metadata: Metadata = { title: "Choisir mon mot de passe avec le code de la mairie", robots: { index: false, follow: false } };

/** Where the town hall's code (emailed, or on a letter) is used: the person alone chooses the password. */
export default async function CounterCodePage() {
  const tenant = await requireTenant();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">Choisir mon mot de passe avec le code de la mairie</h1>
      <p className="mt-4 text-lg text-slate-700">
        La mairie vous a remis un code, sur un courrier ou par courriel, pour choisir vous-même votre mot de passe. Personne d&apos;autre ne le
        connaîtra, pas même la mairie.
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <PasswordResetForm proof={{ kind: "code" }} context={[tenant.name]} action={redeemCodeAction} />
      </div>
      <p className="mt-6">
        Pas de code ? <Link href="/mot-de-passe-oublie" className="text-brand underline">Mot de passe oublié</Link>, ou contactez la mairie au {tenant.contactPhone}.
      </p>
    </div>
  );
}
