import "server-only";
import { db } from "@/lib/db";
import type { Tenant } from "@/lib/tenancy/resolve";

export type LegalPage = "mentions-legales" | "donnees-personnelles" | "accessibilite";

const legalColumn = {
  "mentions-legales": "legalNotice",
  "donnees-personnelles": "privacyPolicy",
  accessibilite: "accessibilityText",
} as const;

/** The FAQ of a commune, grouped by section in the commune's order. */
export async function listFaq(tenant: Pick<Tenant, "id">) {
  const entries = await db.faqEntry.findMany({
    where: { tenantId: tenant.id },
    orderBy: { position: "asc" },
    select: { id: true, section: true, question: true, answer: true },
  });
  const sections: { title: string; entries: typeof entries }[] = [];
  for (const entry of entries) {
    const last = sections.at(-1);
    if (last?.title === entry.section) last.entries.push(entry);
    else sections.push({ title: entry.section, entries: [entry] });
  }
  return sections;
}

/** One legal text of a commune (mentions légales, données personnelles, accessibilité). */
export async function getLegalText(tenant: Pick<Tenant, "id">, page: LegalPage): Promise<string> {
  const row = await db.tenant.findUnique({
    where: { id: tenant.id },
    select: { legalNotice: true, privacyPolicy: true, accessibilityText: true },
  });
  return row?.[legalColumn[page]] ?? "";
}

/** The commune's conditions générales d'utilisation, read and accepted at sign-up. */
export async function getTermsOfUse(tenant: Pick<Tenant, "id">): Promise<string> {
  const row = await db.tenant.findUnique({ where: { id: tenant.id }, select: { termsOfUse: true } });
  return row?.termsOfUse ?? "";
}
