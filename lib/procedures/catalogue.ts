import "server-only";
import { db } from "@/lib/db";
import { procedureDefinitionSchema } from "@/lib/procedures/definition";
import type { Tenant } from "@/lib/tenancy/resolve";

// The catalogue of a commune's published démarches, for everyone (signed in or not).

export type CatalogueEntry = { slug: string; title: string; summary: string; requiresAccount: boolean; processingDays: number };
export type CatalogueTheme = { slug: string; title: string; procedures: CatalogueEntry[] };

/** Case and accents do not matter in a search: « ecole » finds « École ». */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * The themes in the commune's order, each with its published démarches; with `search`, only the
 * démarches whose title or summary contain every word typed. A commune has tens of démarches, not
 * thousands: they are filtered here rather than with a database extension.
 */
export async function listCatalogue(tenant: Pick<Tenant, "id">, search = ""): Promise<CatalogueTheme[]> {
  const themes = await db.theme.findMany({
    where: { tenantId: tenant.id },
    orderBy: { position: "asc" },
    select: {
      slug: true, title: true,
      procedures: {
        where: { tenantId: tenant.id, published: true },
        orderBy: { position: "asc" },
        select: { slug: true, title: true, summary: true, requiresAccount: true, processingDays: true },
      },
    },
  });
  const words = fold(search.slice(0, 100)).split(/\s+/).filter(Boolean);
  return themes
    .map((theme) => ({
      ...theme,
      procedures: theme.procedures.filter((p) => words.every((w) => fold(`${p.title} ${p.summary}`).includes(w))),
    }))
    .filter((theme) => theme.procedures.length > 0);
}

/** One published démarche of the commune, or null (unknown, unpublished, or another commune's). */
export async function getProcedure(tenant: Pick<Tenant, "id">, slug: string) {
  return db.procedure.findFirst({
    where: { tenantId: tenant.id, slug: slug.slice(0, 100), published: true },
    select: {
      slug: true, title: true, summary: true, preparation: true, processingDays: true, requiresAccount: true,
      theme: { select: { title: true } },
    },
  });
}

/** A published démarche of the commune with its current form (wizard, drafts, sending); null otherwise. */
export async function getProcedureForm(tenant: Pick<Tenant, "id">, slug: string) {
  const procedure = await db.procedure.findFirst({
    where: { tenantId: tenant.id, slug: slug.slice(0, 100), published: true },
    select: {
      id: true, slug: true, title: true, processingDays: true, requiresAccount: true, captcha: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, definition: true } },
    },
  });
  const version = procedure?.versions[0];
  if (!procedure || !version) return null;
  const { id, slug: s, title, processingDays, requiresAccount, captcha } = procedure;
  return {
    procedureId: id, versionId: version.id, slug: s, title, processingDays, requiresAccount, captcha,
    definition: procedureDefinitionSchema.parse(version.definition),
  };
}
