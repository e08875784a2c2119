import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProcedureForm } from "@/components/procedure-form/procedure-form";
import { stepOfParam } from "@/components/procedure-form/steps";
import { Notice } from "@/components/ui/notice";
import { requireAgent } from "@/lib/agents/session";
import { openProcedure } from "@/lib/procedures/builder";
import { prefill, type AccountFacts } from "@/lib/procedures/prefill";

export const metadata: Metadata = { title: "Démarche : aperçu du formulaire" };

// A household that stands for the citizen's: pre-filled answers and « membre du foyer » choices
// show as they will, without reading anyone's account.
const SAMPLE: AccountFacts = {
  holder: {
    firstNames: "Camille", lastName: "Exemple", birthDate: "1985-04-12", birthPlace: "Angers",
    address: { line1: "1 place de la Mairie", postalCode: "49000", city: "Angers" }, email: "camille.exemple@exemple.fr", phone: "", mobile: "0612345678",
  },
  members: [
    { id: "00000000-0000-4000-8000-000000000001", relation: "TITULAIRE", firstNames: "Camille", lastName: "Exemple", birthDate: "1985-04-12" },
    { id: "00000000-0000-4000-8000-000000000002", relation: "ENFANT", firstNames: "Léa", lastName: "Exemple", birthDate: "2017-09-03" },
  ],
};

/** The working form of a démarche drawn by the citizen's own component: what publishing would put online. */
export default async function PreviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ etape?: string }> }) {
  const agent = await requireAgent("commune.configurer");
  const procedure = await openProcedure(agent, (await params).id);
  if (!procedure) notFound();
  const back = `/admin/demarches/${procedure.id}`;
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin/demarches" className="text-brand underline">Démarches</Link> › <Link href={back} className="text-brand underline">{procedure.title}</Link> › Aperçu
      </nav>
      <h1 className="mt-2 text-3xl font-bold">{procedure.title}</h1>
      <Notice tone="info" title="Aperçu du formulaire en préparation">
        Tel que les habitants le verront une fois publié{procedure.requiresAccount ? ", pré-rempli pour un foyer d'exemple" : ""}. Rien n&apos;est enregistré. <Link href={back} className="font-semibold text-brand underline">Revenir à la démarche</Link>
      </Notice>
      {procedure.definition ? (
        <ProcedureForm
          preview
          procedure={{ slug: `apercu-${procedure.slug}`, title: procedure.title, processingDays: procedure.processingDays, captcha: false }}
          definition={procedure.definition}
          facts={procedure.requiresAccount ? SAMPLE : null}
          draft={null}
          initialAnswers={procedure.requiresAccount ? prefill(procedure.definition, {}, SAMPLE) : {}}
          initialStep={stepOfParam((await searchParams).etape, procedure.definition.steps.length)}
          channelText="par courriel"
        />
      ) : (
        <Notice tone="warning" title="L'aperçu attend un formulaire complet">
          <ul className="list-disc pl-5">{procedure.problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </Notice>
      )}
    </div>
  );
}
