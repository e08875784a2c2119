import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PasswordForm } from "@/components/account/password-form";
import { getAccount } from "@/lib/accounts/profile";
import { passwordContext } from "@/lib/accounts/schema";
import { requireCitizen } from "@/lib/auth/session";
import { requireTenant } from "@/lib/tenancy/request";
import { savePassword } from "./actions";

export const metadata: Metadata = { title: "Modifier mon mot de passe" };

export default async function ChangePasswordPage() {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/mot-de-passe");
  const account = await getAccount(citizen);
  if (!account) notFound();
  // The words the new password must not be built on, checked as the citizen types (and again on the server).
  const context = [...passwordContext(tenant.name, { ...account, usageName: account.usageName ?? undefined }), account.identifiant];
  return (
    <div>
      <p>
        <Link href="/compte" className="text-brand underline">Retour à mon compte</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Modifier mon mot de passe</h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        Saisissez votre mot de passe actuel, puis le nouveau deux fois. Une fois le changement enregistré, vous restez connecté
        ici, et toute autre session ouverte avec votre compte (sur un autre appareil, par exemple) est fermée. Un courriel vous
        prévient du changement.
      </p>
      <PasswordForm context={context} action={savePassword} />
    </div>
  );
}
