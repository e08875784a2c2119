import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RichText } from "@/components/rich-text";
import { ButtonLink } from "@/components/ui/button";
import { getCitizen } from "@/lib/auth/session";
import { getProcedure } from "@/lib/procedures/catalogue";
import { requireTenant } from "@/lib/tenancy/request";

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const tenant = await requireTenant();
  const procedure = await getProcedure(tenant, (await params).slug);
  return { title: procedure?.title ?? "Démarche introuvable" };
}

export default async function ProcedurePage({ params }: { params: Params }) {
  const tenant = await requireTenant();
  const procedure = await getProcedure(tenant, (await params).slug);
  if (!procedure) notFound();
  const citizen = await getCitizen();
  const form = `/services/${procedure.slug}/formulaire`;

  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm text-slate-700">
        <Link href="/services" className="text-brand underline">Services</Link> › {procedure.theme.title}
      </p>
      <h1 className="mt-2 text-3xl font-bold">{procedure.title}</h1>
      <p className="mt-3 text-lg text-slate-700">{procedure.summary}</p>
      <dl className="mt-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2">
        <div>
          <dt className="font-semibold">Compte</dt>
          <dd>{procedure.requiresAccount ? "Démarche réservée aux titulaires d'un compte" : "Aucun compte nécessaire"}</dd>
        </div>
        <div>
          <dt className="font-semibold">Délai de traitement</dt>
          <dd>{procedure.processingDays} jours environ</dd>
        </div>
      </dl>
      <section aria-labelledby="preparer" className="mt-8">
        <h2 id="preparer" className="text-xl font-bold">À préparer</h2>
        <div className="mt-3"><RichText source={procedure.preparation} /></div>
      </section>
      {procedure.requiresAccount && !citizen ? (
        <section aria-labelledby="compte-requis" className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="compte-requis" className="text-xl font-bold">Cette démarche se fait avec votre compte</h2>
          <p className="mt-2 text-slate-700">Vos coordonnées et votre foyer y sont déjà : vous ne les saisirez pas une seconde fois.</p>
          <p className="mt-4 flex flex-wrap gap-3">
            <ButtonLink href={`/connexion?retour=${encodeURIComponent(form)}`}>Me connecter et commencer</ButtonLink>
            <ButtonLink href={`/creer-mon-compte?retour=${encodeURIComponent(form)}`} variant="secondary">Créer mon compte, puis commencer</ButtonLink>
          </p>
          <p className="mt-3 text-sm text-slate-600">
            Vous pouvez faire cette démarche dès la création du compte, sans attendre sa validation par la mairie.
          </p>
        </section>
      ) : (
        <p className="mt-8">
          <ButtonLink href={form}>Commencer la démarche</ButtonLink>
        </p>
      )}
    </article>
  );
}
