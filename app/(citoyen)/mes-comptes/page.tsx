import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { ButtonLink } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireCitizen } from "@/lib/auth/session";
import { BASKET_REFUSAL, readBasket } from "@/lib/billing/basket";
import { euroText } from "@/lib/billing/invoice-input";
import { DOMAIN_LABELS, statementOf } from "@/lib/billing/statement";
import { requireTenant } from "@/lib/tenancy/request";
import { addToBasketAction } from "./actions";

export const metadata: Metadata = { title: "Mes comptes" };

const day = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

type Search = Promise<{ ajout?: string; refus?: string; facture?: string }>;

/** « Mes comptes »: the invoices to pay (into the basket) and the statement of those paid. */
export default async function InvoicesPage({ searchParams }: { searchParams: Search }) {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/mes-comptes");
  if (citizen.status !== "VALIDE") return <Pending />;
  const [{ toPay, paid, windowMonths }, basket, search] = await Promise.all([statementOf(citizen, tenant), readBasket(citizen), searchParams]);
  const refused = toPay.find((i) => i.id === search.facture);

  return (
    <div>
      <h1 className="text-3xl font-bold">Mes comptes</h1>
      <p className="mt-2 text-slate-700">
        Les factures des services de la commune (restauration scolaire, accueil périscolaire, petite enfance, CCAS), à payer par carte bancaire.
      </p>
      <p className="mt-4">
        <ButtonLink href="/panier" variant="secondary">
          Accéder à votre panier{basket.items.length ? ` (${basket.items.length} facture${basket.items.length > 1 ? "s" : ""}, ${euroText(basket.totalCents)})` : ""}
        </ButtonLink>
      </p>
      {search.ajout === "ok" ? <ArrivalNotice tone="success">Facture ajoutée au panier. <Link href="/panier" className="font-semibold underline">Accéder à votre panier</Link></ArrivalNotice> : null}
      {search.refus && search.refus !== "introuvable" ? (
        <ArrivalNotice tone="warning">
          <strong className="block">{BASKET_REFUSAL}</strong>
          {search.refus === "deja" ? "Cette facture est déjà dans votre panier." : null}
          {search.refus === "paiement" ? "Un paiement de votre panier est en cours : terminez-le ou abandonnez-le d'abord." : null}
          {search.refus === "regie" ? `Votre panier contient des factures de la ${basket.regie ?? "régie d'un autre budget"}${refused ? ` ; celle-ci est de la ${refused.regie.name}` : ""}, un autre budget qui se paie à part.` : null}{" "}
          <Link href="/panier" className="font-semibold underline">Accéder à votre panier</Link>
        </ArrivalNotice>
      ) : null}
      {search.refus === "introuvable" ? <ArrivalNotice tone="warning">Cette facture n&apos;est plus à payer (réglée entre-temps ?) : la liste est à jour.</ArrivalNotice> : null}

      <section aria-labelledby="a-payer" className="mt-8">
        <h2 id="a-payer" tabIndex={-1} className="text-2xl font-bold outline-none">Factures à payer</h2>
        {toPay.length ? (
          <ul className="mt-3 space-y-3">
            {toPay.map((invoice) => (
              <li key={invoice.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                  <h3 className="text-lg font-semibold">{invoice.label}</h3>
                  <p className="text-xl font-bold">{euroText(invoice.amountCents)}</p>
                </div>
                <p className="text-slate-700">
                  {invoice.period} · {DOMAIN_LABELS[invoice.domain]} · {invoice.regie.name} · facture n° {invoice.number}
                </p>
                <p className="text-slate-700">À payer avant le {day.format(invoice.dueAt)}</p>
                <div className="mt-3 flex flex-wrap items-center gap-3">
                  <form action={addToBasketAction}>
                    <input type="hidden" name="facture" value={invoice.id} />
                    <SubmitButton className="inline-flex min-h-11 items-center rounded bg-brand px-5 py-2 font-semibold text-white disabled:opacity-60">
                      Ajouter au panier<span className="sr-only"> la facture n° {invoice.number}</span>
                    </SubmitButton>
                  </form>
                  {invoice.basketItem ? <p className="font-semibold text-green-800">Dans votre panier</p> : null}
                  <a href={`/mes-comptes/factures/${invoice.id}`} className="text-brand underline">
                    Voir la facture (PDF)<span className="sr-only"> n° {invoice.number}</span>
                  </a>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-slate-700">Aucune facture à payer. Les factures paraissent ici quand un service facturé par la mairie (scolaire, périscolaire, petite enfance, CCAS) vous en adresse une.</p>
        )}
      </section>

      <section aria-labelledby="releve" className="mt-10">
        <h2 id="releve" className="text-2xl font-bold">Consulter votre relevé</h2>
        <p className="text-slate-700">Les factures payées ces {windowMonths} derniers mois.</p>
        {paid.length ? (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {paid.map((invoice) => (
              <li key={invoice.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 p-4">
                <span className="font-semibold">{invoice.label}</span>
                <span className="text-slate-700">{invoice.period} · {invoice.regie.name} · n° {invoice.number}</span>
                <span className="font-semibold">{euroText(invoice.amountCents)}</span>
                <span className="text-slate-700">payée le {day.format(invoice.paidAt!)} {invoice.paidVia === "GUICHET" ? "au guichet" : "en ligne"}</span>
                <span className="ml-auto flex gap-4">
                  <a href={`/mes-comptes/factures/${invoice.id}?recu=1`} className="text-brand underline">Reçu (PDF)<span className="sr-only"> de la facture n° {invoice.number}</span></a>
                  <a href={`/mes-comptes/factures/${invoice.id}`} className="text-brand underline">Facture (PDF)<span className="sr-only"> n° {invoice.number}</span></a>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-slate-700">Aucune facture payée ces {windowMonths} derniers mois.</p>
        )}
      </section>
    </div>
  );
}

/** A pending account: the two conditions of the seeds, never an invoice. */
function Pending() {
  return (
    <div>
      <h1 className="text-3xl font-bold">Mes comptes</h1>
      <section aria-labelledby="pourquoi" className="mt-6 rounded-lg border-l-4 border-brand bg-white p-5">
        <h2 id="pourquoi" className="text-xl font-bold">Vos factures paraîtront ici une fois votre compte validé</h2>
        <ul className="mt-3 list-disc space-y-2 pl-5">
          <li>La mairie vérifie votre compte avant de vous montrer vos factures ; cela prend jusqu&apos;à deux jours ouvrés.</li>
          <li>Seuls les services facturés par la mairie ont des factures ici : restauration scolaire, accueil périscolaire, petite enfance et CCAS.</li>
        </ul>
        <p className="mt-3">En attendant, vous pouvez déjà faire vos démarches depuis <Link href="/services" className="text-brand underline">Services</Link>.</p>
      </section>
    </div>
  );
}
