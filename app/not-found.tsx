import Link from "next/link";
import { getHostResolution } from "@/lib/tenancy/request";

export default async function NotFound() {
  const resolution = await getHostResolution();
  if (resolution.kind === "unknown") {
    return (
      <section className="mx-auto max-w-2xl py-10 text-center">
        <h1 className="text-3xl font-bold">Adresse inconnue</h1>
        <p className="mt-4 text-lg text-slate-700">
          Aucune commune n&apos;est servie à cette adresse. Vérifiez l&apos;adresse saisie ou passez par le site de
          votre mairie.
        </p>
      </section>
    );
  }
  return (
    <section className="mx-auto max-w-2xl py-10 text-center">
      <h1 className="text-3xl font-bold">Page introuvable</h1>
      <p className="mt-4 text-lg text-slate-700">Cette page n&apos;existe pas ou n&apos;existe plus.</p>
      <p className="mt-6">
        <Link href="/" className="font-semibold text-brand underline">Revenir à l&apos;accueil</Link>
      </p>
    </section>
  );
}
