import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCitizen } from "@/lib/auth/session";
import { openComplement } from "@/lib/requests/complement";
import { sendComplement } from "../actions";
import { ComplementForm } from "./complement-form";

type Params = Promise<{ numero: string }>;

export const metadata: Metadata = { title: "Compléter ma demande" };

export default async function ComplementPage({ params }: { params: Params }) {
  const { numero } = await params;
  const citizen = await requireCitizen(`/demandes/${encodeURIComponent(numero)}/completer`);
  const request = await openComplement(citizen, decodeURIComponent(numero));
  if (!request) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm text-slate-700">
        <Link href="/demandes" className="text-brand underline">Mes demandes</Link> ›{" "}
        <Link href={`/demandes/${request.numero}`} className="text-brand underline">{request.numero}</Link>
      </nav>
      <h1 className="mt-2 text-3xl font-bold">Compléter ma demande</h1>
      <p className="mt-2 text-lg text-slate-700">{request.title}, n° {request.numero}</p>
      <div className="mt-6 rounded border-l-4 border-amber-500 bg-amber-50 p-4">
        <h2 className="font-bold">Ce que la mairie vous demande</h2>
        <p className="mt-1 whitespace-pre-line">{request.expected ?? "Reportez-vous au message reçu de la mairie, ou appelez-la."}</p>
      </div>
      <ComplementForm
        request={{ id: request.id, numero: request.numero, version: request.version }}
        pieces={request.pieces}
        answers={request.answers}
        attachments={request.attachments}
        send={sendComplement}
      />
    </div>
  );
}
