import "server-only";
import { cache } from "react";
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

/**
 * One published démarche of the commune, or null (unknown, unpublished, or another commune's).
 * Once per request: the page and its metadata both read it.
 */
export async function getProcedure(tenant: Pick<Tenant, "id">, slug: string) {
  return procedureOf(tenant.id, slug.slice(0, 100));
}
const procedureOf = cache(async (tenantId: string, slug: string) => {
  const [row] = await db.$queryRaw<{ slug: string; title: string; summary: string; preparation: string; processingDays: number; requiresAccount: boolean; themeTitle: string }[]>`
    SELECT p."slug", p."title", p."summary", p."preparation", p."processingDays", p."requiresAccount", t."title" AS "themeTitle"
    FROM "Procedure" p JOIN "Theme" t ON t."id" = p."themeId" AND t."tenantId" = p."tenantId"
    WHERE p."tenantId" = ${tenantId} AND p."slug" = ${slug} AND p."published"
    LIMIT 1`;
  if (!row) return null;
  const { themeTitle, ...procedure } = row;
  return { ...procedure, theme: { title: themeTitle } };
});

/**
 * A published démarche of the commune with its current form (wizard, drafts, sending); null
 * otherwise. Once per request: the page and its metadata both read it.
 */
export async function getProcedureForm(tenant: Pick<Tenant, "id">, slug: string) {
  return procedureFormOf(tenant.id, slug.slice(0, 100));
}
const procedureFormOf = cache(async (tenantId: string, slug: string) => {
  const [row] = await db.$queryRaw<{ id: string; slug: string; title: string; processingDays: number; requiresAccount: boolean; captcha: boolean; versionId: string | null; definition: unknown }[]>`
    SELECT p."id", p."slug", p."title", p."processingDays", p."requiresAccount", p."captcha", v."id" AS "versionId", v."definition"
    FROM "Procedure" p
    LEFT JOIN LATERAL (SELECT pv."id", pv."definition" FROM "ProcedureVersion" pv WHERE pv."procedureId" = p."id" ORDER BY pv."number" DESC LIMIT 1) v ON true
    WHERE p."tenantId" = ${tenantId} AND p."slug" = ${slug} AND p."published"
    LIMIT 1`;
  if (!row?.versionId) return null;
  const { id, slug: s, title, processingDays, requiresAccount, captcha } = row;
  return {
    procedureId: id, versionId: row.versionId, slug: s, title, processingDays, requiresAccount, captcha,
    definition: procedureDefinitionSchema.parse(row.definition),
  };
});
