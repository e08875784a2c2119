import type { Metadata } from "next";
import Link from "next/link";
import { requireCitizen } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Mes demandes" };

export default async function RequestsPage() {
  await requireCitizen("/demandes");
  return (
    <div>
      <h1 className="text-3xl font-bold">Mes demandes</h1>
      <p className="mt-4 text-slate-700">Vous n&apos;avez encore envoyé aucune demande.</p>
      <p className="mt-2 text-slate-700">
        Les démarches en ligne ouvrent prochainement sur ce site : chaque demande apparaîtra ici avec son avancement.
      </p>
      <p className="mt-4"><Link href="/services" className="font-semibold text-brand underline">Voir les démarches</Link></p>
    </div>
  );
}
