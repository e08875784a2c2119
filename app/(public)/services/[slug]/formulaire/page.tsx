import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProcedureForm } from "@/components/procedure-form/procedure-form";
import { stepOfParam } from "@/components/procedure-form/steps";
import { Button, ButtonLink } from "@/components/ui/button";
import { noticeRoute } from "@/lib/accounts/contact";
import { getAccount } from "@/lib/accounts/profile";
import { requireCitizen } from "@/lib/auth/session";
import { frenchDateTime } from "@/lib/procedures/answer-text";
import { getProcedureForm } from "@/lib/procedures/catalogue";
import { accountFacts, prefill } from "@/lib/procedures/prefill";
import { listDrafts, openDraft } from "@/lib/requests/drafts";
import { requireTenant } from "@/lib/tenancy/request";
import { saveProcedureDraft, sendAnonymousRequest, sendProcedureDraft, startOver } from "./actions";

type Params = Promise<{ slug: string }>;
type Search = Promise<{ brouillon?: string; etape?: string; nouveau?: string; recommencer?: string }>;

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: Search }): Promise<Metadata> {
  const tenant = await requireTenant();
  const procedure = await getProcedureForm(tenant, (await params).slug);
  // A draft of a démarche withdrawn since still opens (for its owner only: the page checks).
  return { title: procedure ? `${procedure.title} : formulaire` : (await searchParams).brouillon ? "Reprendre un brouillon" : "Démarche introuvable" };
}

export default async function ProcedureFormPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const tenant = await requireTenant();
  const { slug } = await params;
  const search = await searchParams;
  const published = await getProcedureForm(tenant, slug);
  // A démarche withdrawn from the catalogue still opens for its drafts (the citizen's own, below).
  if (!published && !search.brouillon) notFound();
  const here = `/services/${slug}/formulaire`;

  const header = (procedure: { slug: string; title: string }) => (
    <>
      <p className="text-sm text-slate-700">
        <Link href="/services" className="text-brand underline">Services</Link> ›{" "}
        {published ? <Link href={`/services/${procedure.slug}`} className="text-brand underline">{procedure.title}</Link> : procedure.title}
      </p>
      <h1 className="mt-2 text-3xl font-bold">{procedure.title}</h1>
    </>
  );

  if (published && !published.requiresAccount && !search.brouillon) {
    // Done without an account, whether or not someone is signed in: the answers carry the contact details.
    return (
      <div className="mx-auto max-w-3xl">
        {header(published)}
        <ProcedureForm
          procedure={published}
          definition={published.definition}
          facts={null}
          draft={null}
          initialAnswers={{}}
          initialStep={stepOfParam(search.etape, published.definition.steps.length)}
          channelText="par courriel"
          sendAnonymous={sendAnonymousRequest}
        />
      </div>
    );
  }

  const query = new URLSearchParams(Object.entries(search).filter((e): e is [string, string] => typeof e[1] === "string"));
  const citizen = await requireCitizen(query.size ? `${here}?${query}` : here);
  const account = await getAccount(citizen);
  if (!account) notFound();
  const facts = accountFacts(account);

  const draft = search.brouillon ? await openDraft(citizen, search.brouillon) : null;
  if (search.brouillon && (!draft || draft.slug !== slug)) notFound();
  const procedure = published ?? draft!.procedure;

  // One draft per démarche, or per person for a démarche about a member of the household: opening
  // it again offers to resume or start over (and, per person, to begin for someone else).
  const perPerson = (draft?.definition ?? published!.definition).steps.some((step) => step.fields.some((f) => f.type === "member"));
  if (!draft && (!search.nouveau || !perPerson)) {
    const drafts = await listDrafts(citizen, procedure.slug);
    if (drafts.length) {
      return (
        <div className="mx-auto max-w-3xl">
          {header(procedure)}
          <DraftChoice slug={procedure.slug} drafts={drafts} perPerson={perPerson} confirming={search.recommencer} />
        </div>
      );
    }
  }

  const definition = draft?.definition ?? published!.definition;
  const route = noticeRoute(account, tenant);
  return (
    <div className="mx-auto max-w-3xl">
      {header(procedure)}
      <ProcedureForm
        procedure={procedure}
        definition={definition}
        facts={facts}
        draft={draft ? { id: draft.id, version: draft.version, answers: draft.answers, savedAt: draft.updatedAt.toISOString(), attachments: draft.attachments } : null}
        initialAnswers={draft ? draft.answers : prefill(definition, {}, facts)}
        initialStep={stepOfParam(search.etape, definition.steps.length)}
        channelText={route?.channel === "SMS" ? "par SMS" : route ? "par courriel" : null}
        saveDraft={saveProcedureDraft}
        sendDraft={sendProcedureDraft}
      />
    </div>
  );
}

/** Opening a démarche already begun: resume a draft, or start over (after a confirmation). */
function DraftChoice({ slug, drafts, perPerson, confirming }: { slug: string; drafts: Awaited<ReturnType<typeof listDrafts>>; perPerson: boolean; confirming?: string }) {
  return (
    <section aria-labelledby="deja-commencee" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
      <h2 id="deja-commencee" className="text-2xl font-bold">Vous avez déjà commencé cette démarche</h2>
      <ul className="mt-4 space-y-4">
        {drafts.map((d) => (
          <li key={d.id} className="rounded border border-slate-300 p-4">
            <p>Brouillon{d.memberName ? ` pour ${d.memberName}` : ""}, enregistré le {frenchDateTime(d.updatedAt)}</p>
            {confirming === d.id ? (
              <form action={startOver} className="mt-3 rounded border-l-4 border-red-700 bg-red-50 p-3">
                <p className="font-semibold">Recommencer supprime ce brouillon, ses réponses et ses pièces. Continuer ?</p>
                <input type="hidden" name="slug" value={slug} />
                <input type="hidden" name="draftId" value={d.id} />
                <div className="mt-2 flex flex-wrap gap-3">
                  <Button type="submit" variant="danger">Supprimer et recommencer</Button>
                  <ButtonLink href={`/services/${slug}/formulaire`} variant="secondary">Annuler</ButtonLink>
                </div>
              </form>
            ) : (
              <div className="mt-3 flex flex-wrap gap-3">
                <ButtonLink href={`/services/${slug}/formulaire?brouillon=${d.id}`}>Reprendre ce brouillon</ButtonLink>
                <ButtonLink href={`/services/${slug}/formulaire?recommencer=${d.id}`} variant="secondary">Recommencer</ButtonLink>
              </div>
            )}
          </li>
        ))}
      </ul>
      {perPerson ? (
        <p className="mt-6">
          <Link href={`/services/${slug}/formulaire?nouveau=1`} className="font-semibold text-brand underline">
            Commencer une demande pour une autre personne
          </Link>
        </p>
      ) : null}
    </section>
  );
}
