import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { authSecret, env } from "@/lib/env";
import { originFor, requestHost } from "@/lib/tenancy/host";
import { getHostResolution } from "@/lib/tenancy/request";
import { listTenants } from "@/lib/tenancy/resolve";
import { ofName } from "@/lib/text";
import { LoginForm } from "@/components/login-form";
import { getCitizen } from "@/lib/auth/session";

export default async function HomePage() {
  const resolution = await getHostResolution();
  if (resolution.kind === "platform") return <CommuneList />;
  if (resolution.kind === "unknown") notFound();
  const { tenant } = resolution;
  const citizen = await getCitizen();

  // On a phone the account box comes right after the welcome, before the presentation cards.
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <section aria-labelledby="bienvenue" className="lg:col-start-1">
        <h1 id="bienvenue" className="text-3xl font-bold leading-tight text-slate-900 sm:text-4xl">
          Bienvenue sur le Compte Citoyen {ofName(tenant.name)}
        </h1>
        <p className="mt-4 text-lg leading-relaxed text-slate-700">{tenant.welcomeText}</p>
      </section>

      <aside
        aria-label="Mon espace"
        className="h-fit rounded-lg border border-slate-200 bg-white p-6 shadow-sm lg:col-start-2 lg:row-span-2 lg:row-start-1"
      >
        {citizen ? (
          <>
            <h2 className="text-xl font-bold">Bonjour {citizen.firstNames}</h2>
            <p className="mt-3 text-slate-700">Vous êtes connecté avec l&apos;identifiant {citizen.identifiant}.</p>
            <p className="mt-4">
              <Link href="/accueil" className="font-semibold text-brand underline">Aller à mon espace</Link>
            </p>
          </>
        ) : (
          <LoginForm />
        )}
      </aside>

      <div className="lg:col-start-1">
        <div className="grid gap-4 sm:grid-cols-2">
          <Card title="Vos démarches en ligne">
            Un seul compte pour toutes vos demandes à la mairie, pour vous et votre foyer, et le suivi de
            chacune jusqu&apos;à sa réponse.
          </Card>
          <Card title="Vos factures">
            Consultez les factures de la commune et payez-les par carte bancaire, en toute sécurité.
          </Card>
        </div>
        <p className="mt-8">
          <Link href="/faq" className="font-semibold text-brand underline">
            Toutes les réponses à vos questions
          </Link>
        </p>
      </div>
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border-l-4 border-brand bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-2 text-slate-700">{children}</p>
    </div>
  );
}

async function CommuneList() {
  const [communes, current] = await Promise.all([listTenants(), headers()]);
  const host = requestHost(current, env.TRUST_PROXY, authSecret());
  return (
    <section aria-labelledby="communes">
      <h1 id="communes" className="text-3xl font-bold">Les communes de Compte Citoyen</h1>
      <p className="mt-3 text-slate-700">Choisissez votre commune pour accéder à ses démarches en ligne.</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {communes.map((c) =>
          c.canonicalHost && host ? (
            <li key={c.slug}>
              <a
                href={originFor(c.canonicalHost, host)}
                className="flex items-center gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400"
              >
                {c.logoUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element -- small logos chosen by each commune; an uploaded one is asked of this address by the commune's slug (the page's CSP allows images from here only).
                  <img src={c.logoUrl.startsWith("/logo.png") ? c.logoUrl.replace("/logo.png?", `/logo.png?commune=${c.slug}&`) : c.logoUrl} alt="" width={48} height={48} className="h-12 w-12 object-contain" />
                ) : null}
                <span>
                  <span className="block text-lg font-semibold" style={{ color: c.primaryColor }}>{c.name}</span>
                  <span className="block text-sm text-slate-600">{c.officialName}</span>
                </span>
              </a>
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}
