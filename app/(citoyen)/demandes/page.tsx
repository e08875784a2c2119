import type { Metadata } from "next";
import Link from "next/link";
import { RequestList } from "@/components/request-list";
import { requireCitizen } from "@/lib/auth/session";
import { listRecentRequests } from "@/lib/requests/drafts";

export const metadata: Metadata = { title: "Mes demandes" };

export default async function RequestsPage() {
  const citizen = await requireCitizen("/demandes");
  const requests = await listRecentRequests(citizen, 100);
  return (
    <div>
      <h1 className="text-3xl font-bold">Mes demandes</h1>
      {requests.length ? (
        <RequestList requests={requests} />
      ) : (
        <p className="mt-4 text-slate-700">Vous n&apos;avez encore envoyé aucune demande. Chaque demande envoyée apparaîtra ici avec son avancement.</p>
      )}
      <p className="mt-4"><Link href="/services" className="font-semibold text-brand underline">Faire une démarche en ligne</Link></p>
    </div>
  );
}
