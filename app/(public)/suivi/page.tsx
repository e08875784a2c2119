import type { Metadata } from "next";
import Link from "next/link";
import { frenchYear } from "@/lib/requests/numbering";
import { requireTenant } from "@/lib/tenancy/request";
import { inSentence } from "@/lib/text";
import { trackRequestAction } from "./actions";
import { TrackingForm } from "./tracking-form";

export const metadata: Metadata = { title: "Suivre une demande" };

export default async function TrackingPage() {
  const tenant = await requireTenant();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">Suivre une demande</h1>
      <p className="mt-4 text-lg text-slate-700">
        Vous avez fait une démarche sans compte, par exemple une demande d&apos;acte d&apos;état civil ? Saisissez le numéro
        de votre demande et le code de suivi reçus par courriel à son envoi pour voir où elle en est.
      </p>

      <div className="mt-6">
        <TrackingForm action={trackRequestAction} example={`${tenant.code}-${frenchYear(new Date())}-000123`} />
      </div>

      <section aria-labelledby="autres-cas" className="mt-8">
        <h2 id="autres-cas" className="text-xl font-bold">Code perdu, ou demande faite avec votre compte ?</h2>
        <p className="mt-2 text-slate-800">
          La mairie ne conserve pas les codes de suivi et ne peut pas les renvoyer. Sans le courriel, contactez la{" "}
          {inSentence(tenant.officialName)} au{" "}
          <a href={`tel:${tenant.contactPhone.replace(/\s/g, "")}`} className="font-semibold text-brand underline">{tenant.contactPhone}</a>{" "}
          en rappelant le numéro de votre demande.
        </p>
        <p className="mt-2 text-slate-800">
          Les demandes faites avec un compte se suivent dans{" "}
          <Link href="/demandes" className="font-semibold text-brand underline">Mes demandes</Link>, après connexion.
        </p>
      </section>
    </div>
  );
}
