import type { Metadata } from "next";
import { slugify } from "@/lib/text";
import { listFaq } from "@/lib/tenancy/content";
import { requireTenant } from "@/lib/tenancy/request";
import { RichText } from "@/components/rich-text";

export const metadata: Metadata = { title: "Questions fréquentes" };

export default async function FaqPage() {
  const tenant = await requireTenant();
  const sections = await listFaq(tenant);

  return (
    <article className="mx-auto max-w-3xl">
      <h1 id="sommaire" className="text-3xl font-bold">Questions fréquentes</h1>
      <nav aria-labelledby="titre-sommaire" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="titre-sommaire" className="text-lg font-semibold">Sommaire</h2>
        <ol className="mt-3 space-y-4">
          {sections.map((section) => (
            <li key={section.title}>
              <a href={`#${slugify(section.title)}`} className="font-semibold text-brand underline">
                {section.title}
              </a>
              <ul className="mt-2 space-y-1 pl-4">
                {section.entries.map((entry) => (
                  <li key={entry.id}>
                    <a href={`#q-${entry.id}`} className="text-slate-800 underline hover:text-brand">
                      {entry.question}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </nav>

      {sections.map((section) => (
        <section key={section.title} aria-labelledby={slugify(section.title)} className="mt-10">
          <h2 id={slugify(section.title)} className="border-b-2 border-brand pb-2 text-2xl font-bold">
            {section.title}
          </h2>
          {section.entries.map((entry) => (
            <div key={entry.id} className="mt-6">
              <h3 id={`q-${entry.id}`} className="text-lg font-semibold">{entry.question}</h3>
              <div className="mt-2 text-slate-800">
                <RichText source={entry.answer} />
              </div>
              <p className="mt-2 text-sm">
                <a href="#sommaire" className="text-brand underline">Retour au sommaire</a>
              </p>
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}
