import type { Metadata } from "next";
import { requireCitizen } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Mes comptes" };

export default async function InvoicesPage() {
  const citizen = await requireCitizen("/mes-comptes");
  return (
    <div>
      <h1 className="text-3xl font-bold">Mes comptes</h1>
      {citizen.status === "VALIDE" ? (
        <p className="mt-4 text-slate-700">
          Aucune facture pour le moment. Les factures des services de la commune (restauration scolaire, accueil
          périscolaire, petite enfance, CCAS) s&apos;afficheront ici, avec le paiement par carte bancaire.
        </p>
      ) : (
        <p className="mt-4 text-slate-700">
          Vos factures s&apos;afficheront ici une fois votre compte validé par la mairie (en général sous deux jours ouvrés).
        </p>
      )}
    </div>
  );
}
