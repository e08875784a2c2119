import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionForm } from "@/components/account/question-form";
import { getAccount } from "@/lib/accounts/profile";
import { requireCitizen } from "@/lib/auth/session";
import { requireTenant } from "@/lib/tenancy/request";
import { saveSecurityQuestion } from "./actions";

export const metadata: Metadata = { title: "Modifier ma question/réponse" };

export default async function ChangeQuestionPage() {
  await requireTenant();
  const citizen = await requireCitizen("/compte/question");
  const account = await getAccount(citizen);
  if (!account) notFound();
  return (
    <div>
      <p>
        <Link href="/compte" className="text-brand underline">Retour à mon compte</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Modifier ma question/réponse</h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        Si vous oubliez votre mot de passe, le lien reçu par courriel vous demande la réponse à cette question avant de vous
        laisser en choisir un nouveau.
      </p>
      <p className="mt-3 max-w-2xl">
        Votre question actuelle : <strong>{account.securityQuestion}</strong>
      </p>
      <QuestionForm current={account.securityQuestion} action={saveSecurityQuestion} />
    </div>
  );
}
