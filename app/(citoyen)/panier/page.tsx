import type { Metadata } from "next";
import Link from "next/link";
import { ArrivalNotice } from "@/components/ui/arrival-notice";
import { ButtonLink } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireCitizen } from "@/lib/auth/session";
import { readBasket } from "@/lib/billing/basket";
import { euroText } from "@/lib/billing/invoice-input";
import { payAction, removeAction } from "./actions";

export const metadata: Metadata = { title: "Votre panier" };

const NOTICES: Record<string, ["success" | "warning", string]> = {
  "retrait=ok": ["success", "Facture retirée du panier."],
  "erreur=retrait": ["warning", "Cette facture n'est plus dans le panier : la page est à jour."],
  "erreur=en-cours": ["warning", "Un paiement de ce panier est déjà en cours : terminez-le, ou attendez qu'il expire (30 minutes au plus)."],
  "erreur=vide": ["warning", "Votre panier est vide : ajoutez-y une facture à payer depuis « Mes comptes »."],
  "erreur=paiement": ["warning", "Le paiement en ligne n'a pas pu commencer. Réessayez dans un instant ; vos factures restent dans votre panier."],
};

const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });

/** « Accéder à votre panier »: its invoices (one régie), the total, « Retirer » and « Payer ». */
export default async function BasketPage({ searchParams }: { searchParams: Promise<{ retrait?: string; erreur?: string }> }) {
  const citizen = await requireCitizen("/panier");
  const search = await searchParams;
  const key = search.retrait ? `retrait=${search.retrait}` : search.erreur ? `erreur=${search.erreur}` : "";
  const notice = Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined;
  if (citizen.status !== "VALIDE") {
    return (
      <div>
        <h1 className="text-3xl font-bold">Votre panier</h1>
        <p className="mt-4">Le paiement des factures s&apos;ouvre une fois votre compte validé par la mairie (jusqu&apos;à deux jours ouvrés). <Link href="/mes-comptes" className="text-brand underline">Mes comptes</Link></p>
      </div>
    );
  }
  const basket = await readBasket(citizen);
  const locked = basket.status === "A_PAYER";
  return (
    <div className="max-w-3xl">
      <p className="text-sm"><Link href="/mes-comptes" className="text-brand underline">Mes comptes</Link> › Panier</p>
      <h1 className="mt-2 text-3xl font-bold">Votre panier</h1>
      {notice ? <ArrivalNotice tone={notice[0]}>{notice[1]}</ArrivalNotice> : null}
      {basket.items.length === 0 ? (
        <p className="mt-4 text-slate-700">Votre panier est vide. Ajoutez-y les factures à payer depuis <Link href="/mes-comptes" className="text-brand underline">Mes comptes</Link>.</p>
      ) : (
        <>
          <p className="mt-2 text-slate-700">Factures de la {basket.regie} : un panier se paie à une seule régie à la fois.</p>
          {locked && basket.running ? (
            <ArrivalNotice tone="warning">
              Un paiement est en cours jusqu&apos;à {time.format(basket.running.expiresAt)} : vos factures sont réservées pour lui.{" "}
              <Link href={`/panier/retour/${basket.running.id}`} className="font-semibold underline">Voir où en est le paiement</Link>
            </ArrivalNotice>
          ) : null}
          <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {basket.items.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-4">
                <span className="font-semibold">{item.label}</span>
                <span className="text-slate-700">{item.period} · n° {item.number}</span>
                <span className="ml-auto font-semibold">{euroText(item.amountCents)}</span>
                {!locked ? (
                  <form action={removeAction}>
                    <input type="hidden" name="facture" value={item.id} />
                    <SubmitButton className="min-h-11 rounded border-2 border-red-700 px-3 text-sm font-semibold text-red-800 disabled:opacity-60">
                      Retirer<span className="sr-only"> la facture n° {item.number}</span>
                    </SubmitButton>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="mt-4 text-right text-xl">Total : <strong>{euroText(basket.totalCents)}</strong></p>
          {!locked ? (
            <form action={payAction} className="mt-4 text-right">
              <SubmitButton className="inline-flex min-h-11 items-center rounded bg-brand px-6 py-2 text-lg font-semibold text-white disabled:opacity-60">Payer {euroText(basket.totalCents)}</SubmitButton>
              <p className="mt-2 text-sm text-slate-700">Paiement par carte bancaire sur une page sécurisée ; la mairie ne voit jamais le numéro de votre carte.</p>
            </form>
          ) : null}
        </>
      )}
      <p className="mt-8"><ButtonLink href="/mes-comptes" variant="secondary">Retour à Mes comptes</ButtonLink></p>
    </div>
  );
}
