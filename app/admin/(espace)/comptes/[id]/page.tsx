import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { Button } from "@/components/ui/button";
import { accountingText, deletionReview } from "@/lib/accounts/deletion";
import { openAccount } from "@/lib/agents/accounts";
import { can } from "@/lib/agents/permissions";
import { counterProcedures } from "@/lib/requests/counter";
import { requireAgent } from "@/lib/agents/session";
import { frenchDateTime, longFrenchDate } from "@/lib/procedures/answer-text";
import { statusLabel } from "@/lib/requests/status";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";
import { confirmDeletionAction, decide, refuseDeletionAction } from "./actions";
import { CodeForm } from "./code-form";

export const metadata: Metadata = { title: "Compte citoyen" };

type Params = Promise<{ id: string }>;
type Search = Promise<{ resultat?: string }>;

const OUTCOMES = {
  valide: { tone: "success", text: "Compte validé. Le citoyen en est averti." },
  refuse: { tone: "success", text: "Compte refusé. Le citoyen en est averti, avec le motif." },
  motif: { tone: "warning", text: "Pour refuser un compte, indiquez le motif : il est envoyé au citoyen." },
  deja: { tone: "warning", text: "Ce compte a déjà été traité (par un collègue ?) : voici son état actuel." },
  supprime: { tone: "success", text: "Compte supprimé. Le titulaire en est averti à son ancienne adresse." },
  "refuse-suppression": { tone: "success", text: "Suppression refusée. Le titulaire en est averti, avec votre explication." },
  "suppression-motif": { tone: "warning", text: "Pour refuser la suppression, expliquez pourquoi : l'explication est envoyée au titulaire." },
  "suppression-introuvable": { tone: "warning", text: "Aucune demande de suppression n'attend pour ce compte (retirée par le titulaire, ou déjà traitée par un collègue ?)." },
} as const;

const day = (d: Date) => longFrenchDate(d.toISOString().slice(0, 10));

export default async function AccountPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const tenant = await requireTenant();
  const agent = await requireAgent("comptes.voir");
  const account = await openAccount(agent, (await params).id, clientAddress(await headers()));
  if (!account) notFound();
  const deleted = account.status === "SUPPRIME";
  const procedures = !deleted && can(agent.role, "comptes.creer") ? await counterProcedures(agent) : [];
  const deletion = account.deletionRequestedAt && !deleted && can(agent.role, "comptes.valider") ? await deletionReview(agent, account.id) : null;
  const outcome = OUTCOMES[(await searchParams).resultat as keyof typeof OUTCOMES];
  const name = `${account.civility} ${account.firstNames} ${account.usageName || account.birthName}`;
  return (
    <div>
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/comptes" className="text-brand underline">Comptes à valider</Link> › {account.identifiant}
      </nav>
      <h1 className="mt-2 text-3xl font-bold">{name}</h1>
      <p className="mt-1">Identifiant {account.identifiant}, compte créé le {frenchDateTime(account.createdAt)} : <strong>{account.status === "EN_ATTENTE" ? "en attente de validation" : account.status === "VALIDE" ? "validé" : deleted ? "supprimé" : "refusé"}</strong></p>
      {outcome ? <ArrivalNotice tone={outcome.tone}>{outcome.text}</ArrivalNotice> : null}
      {deleted ? (
        <p className="mt-4 rounded border-l-4 border-slate-500 bg-slate-50 p-4">
          Supprimé à la demande de son titulaire{account.deletedAt ? ` le ${frenchDateTime(account.deletedAt)}` : ""} : il ne reste que ce compte anonyme,
          auquel sont rattachées les factures et les paiements que la commune doit conserver.
        </p>
      ) : null}

      {deletion ? (
        <section aria-labelledby="suppression" className="mt-6 rounded-lg border-2 border-red-700 bg-white p-5">
          <h2 id="suppression" className="text-xl font-bold">Demande de suppression du compte</h2>
          <p className="mt-2">Le titulaire a demandé la suppression de son compte le {frenchDateTime(account.deletionRequestedAt!)}.</p>
          {account.deletionRequestNote ? <p className="mt-1">Son mot : « {account.deletionRequestNote} »</p> : null}
          <h3 className="mt-4 font-bold">Ce que la suppression fera</h3>
          <ul className="mt-2 list-disc pl-5">
            <li>Identité, coordonnées, identifiant, mot de passe et question de sécurité effacés ; foyer, brouillons, panier et messages supprimés.</li>
            {deletion.requests.filter((r) => r.fate !== "supprimee").map((r, i) => (
              <li key={r.numero ?? i}>
                {r.numero}, {r.title} ({r.status.toLowerCase()}) : {r.fate === "anonymisee" ? "anonymisée" : "conservée sans lien avec le compte"}. {r.why}
              </li>
            ))}
            {deletion.invoices || deletion.payments ? (
              <li>{accountingText(deletion)} : conservés (comptabilité publique), rattachés au compte anonyme.</li>
            ) : null}
          </ul>
          {deletion.requests.some((r) => r.fate === "conservee" && r.why.startsWith("Elle est encore en cours")) ? (
            <p className="mt-2 font-semibold">
              Une demande est encore en cours : si son traitement a besoin de joindre la personne, refusez pour l&apos;instant en l&apos;expliquant.
            </p>
          ) : null}
          <form action={confirmDeletionAction} className="mt-4">
            <input type="hidden" name="accountId" value={account.id} />
            <Button type="submit" variant="danger">Confirmer la suppression</Button>
          </form>
          <form action={refuseDeletionAction} className="mt-6 border-t border-slate-200 pt-4">
            <input type="hidden" name="accountId" value={account.id} />
            <label htmlFor="motif-suppression" className="block font-semibold">Pourquoi le compte ne peut pas être supprimé maintenant (envoyé au titulaire)</label>
            <textarea id="motif-suppression" name="motif" rows={3} maxLength={1000} className="mt-1 block w-full rounded border border-slate-500 px-3 py-2" />
            <Button type="submit" variant="secondary" className="mt-3">Refuser la suppression</Button>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="titulaire" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="titulaire" className="text-xl font-bold">Titulaire et coordonnées</h2>
        <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">Naissance</dt><dd>{day(account.birthDate)} à {account.birthPlace}</dd>
          <dt className="font-semibold">Nom de naissance</dt><dd>{account.birthName}</dd>
          <dt className="font-semibold">Adresse</dt><dd>{[account.addressLine1, account.addressLine2, `${account.postalCode} ${account.city}`].filter(Boolean).join(", ")}</dd>
          <dt className="font-semibold">Courriel</dt><dd>{account.email} {account.emailConfirmedAt ? "(confirmé)" : "(non confirmé)"}</dd>
          <dt className="font-semibold">Téléphones</dt><dd>{[account.phone, account.mobile && `${account.mobile}${account.mobileConfirmedAt ? " (confirmé)" : ""}`].filter(Boolean).join(", ") || "aucun"}</dd>
        </dl>
      </section>

      <section aria-labelledby="foyer" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="foyer" className="text-xl font-bold">Foyer</h2>
        <ul className="mt-2 list-disc pl-5">
          {account.members.map((m) => <li key={m.id}>{m.firstNames} {m.lastName}, né(e) le {day(m.birthDate)}{m.relation === "TITULAIRE" ? " (titulaire)" : ""}</li>)}
        </ul>
      </section>

      <section aria-labelledby="demandes" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="demandes" className="text-xl font-bold">Demandes déjà envoyées</h2>
        {account.requests.length ? (
          <ul className="mt-2 list-disc pl-5">
            {account.requests.map((r) => <li key={r.numero}>{r.numero}, {r.procedure.title} : {statusLabel(r.status)}</li>)}
          </ul>
        ) : <p className="mt-2">Aucune.</p>}
      </section>

      {account.status !== "REFUSE" && !deleted && procedures.length ? (
        <section aria-labelledby="guichet" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="guichet" className="text-xl font-bold">Faire une démarche avec la personne</h2>
          <p className="mt-2">Saisie au guichet : la demande est la sienne et porte votre nom comme agent de saisie.</p>
          <ul className="mt-2 grid gap-x-6 sm:grid-cols-2">
            {procedures.map((p) => <li key={p.slug}><Link href={`/admin/comptes/${account.id}/demarche/${p.slug}`} className="inline-block py-1 text-brand underline">{p.title}</Link></li>)}
          </ul>
        </section>
      ) : null}

      {account.status !== "REFUSE" && !deleted ? (
        <section aria-labelledby="mot-de-passe" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="mot-de-passe" className="text-xl font-bold">Mot de passe perdu</h2>
          <p className="mt-2">
            La mairie ne voit ni ne choisit le mot de passe : le titulaire reçoit un code à usage unique et choisit lui-même son mot de passe sur la page « Nouveau mot de passe » du site.
          </p>
          <CodeForm accountId={account.id} email={account.email} commune={tenant.name} />
        </section>
      ) : null}

      {account.status === "EN_ATTENTE" ? (
        <section aria-labelledby="decision" className="mt-6 rounded-lg border-2 border-brand bg-white p-5">
          <h2 id="decision" className="text-xl font-bold">Décision</h2>
          <form action={decide} className="mt-3">
            <input type="hidden" name="accountId" value={account.id} />
            <input type="hidden" name="status" value="VALIDE" />
            <Button type="submit">Valider ce compte</Button>
          </form>
          <form action={decide} className="mt-6 border-t border-slate-200 pt-4">
            <input type="hidden" name="accountId" value={account.id} />
            <input type="hidden" name="status" value="REFUSE" />
            <label htmlFor="motif" className="block font-semibold">Motif du refus (envoyé au citoyen)</label>
            <textarea id="motif" name="motif" rows={3} maxLength={1000} className="mt-1 block w-full rounded border border-slate-500 px-3 py-2" />
            <Button type="submit" variant="danger" className="mt-3">Refuser ce compte</Button>
          </form>
        </section>
      ) : account.statusReason ? <p className="mt-6">Motif du refus : {account.statusReason}</p> : null}
    </div>
  );
}
