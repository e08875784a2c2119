import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Button } from "@/components/ui/button";
import { agentProfile, DIGEST_CHOICES } from "@/lib/agents/digest";
import { requireAgent } from "@/lib/agents/session";
import { saveDigest } from "./actions";

export const metadata: Metadata = { title: "Mon profil" };

export default async function AgentProfilePage({ searchParams }: { searchParams: Promise<{ resultat?: string }> }) {
  const agent = await requireAgent();
  const profile = await agentProfile(agent);
  if (!profile) notFound();
  const outcome = (await searchParams).resultat;
  return (
    <div className="max-w-2xl">
      <nav aria-label="Fil d'Ariane" className="text-sm"><Link href="/admin" className="text-brand underline">Espace agents</Link> › Mon profil</nav>
      <h1 className="mt-2 text-3xl font-bold">Mon profil</h1>
      {outcome === "enregistre" ? <ArrivalNotice tone="success">Votre choix est enregistré.</ArrivalNotice> : null}
      {outcome === "erreur" ? <ArrivalNotice tone="warning">Votre choix n&apos;a pas pu être enregistré : réessayez.</ArrivalNotice> : null}
      <dl className="mt-6 grid gap-x-6 gap-y-1 sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">Nom</dt><dd>{profile.firstNames} {profile.lastName}</dd>
        <dt className="font-semibold">Courriel</dt><dd>{profile.email}</dd>
        <dt className="font-semibold">Rôle</dt><dd>{profile.role === "ADMIN" ? "Administrateur (tous les services)" : "Agent"}</dd>
        <dt className="font-semibold">Services</dt><dd>{profile.services.map((s) => s.service.name).join(", ") || (profile.role === "ADMIN" ? "tous" : "aucun")}</dd>
      </dl>
      <form action={saveDigest} className="mt-8 rounded-lg border border-slate-200 bg-white p-5">
        <fieldset>
          <legend className="text-xl font-bold">Résumé par courriel</legend>
          <p className="mt-1 text-slate-700">Les nouvelles demandes de vos services et celles que les demandeurs ont complétées.</p>
          {Object.entries(DIGEST_CHOICES).map(([value, label]) => (
            <label key={value} className="mt-2 flex min-h-11 items-center gap-2">
              <input type="radio" name="digest" value={value} defaultChecked={profile.digest === value} className="size-5 accent-brand" />
              {label}
            </label>
          ))}
        </fieldset>
        <Button type="submit" className="mt-4">Enregistrer</Button>
      </form>
    </div>
  );
}
