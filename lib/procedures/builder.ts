import "server-only";
import * as z from "zod";
import type { StaffActor } from "@/lib/agents/scope";
import { can } from "@/lib/agents/permissions";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalid, type ActionResult } from "@/lib/forms";
import { publishCheck, readWorking, STARTER, type Edit, type WorkingDefinition } from "@/lib/procedures/builder-ops";
import { slugify } from "@/lib/text";
import type { Tenant } from "@/lib/tenancy/resolve";

// The démarche builder of a commune's admins (« Démarches »): themes, démarches, and the form of each
// démarche edited as a working copy (Procedure.editedDefinition) until « Publier » turns it into a
// new, never-changed ProcedureVersion. Requests and drafts keep the version they were filled with.
// Every edit names the revision it was made on: an edit from an older read (another tab, a
// colleague) is refused rather than silently undoing the other.

const NOT_FOUND = "Démarche introuvable : rechargez la page.";
const THEME_NOT_FOUND = "Thème introuvable : rechargez la page.";
export const BUILDER_CONFLICT = "Cette démarche a été modifiée entre-temps (dans un autre onglet, ou par un collègue) : rechargez la page pour repartir de la dernière version.";

/** Admins of this very commune only: the page checks the permission, the domain checks again. */
const mayConfigure = (actor: StaffActor, tenant: Pick<Tenant, "id">) => actor.tenantId === tenant.id && can(actor.role, "commune.configurer");
const isId = (id: string) => z.uuid().safeParse(id).success;
const audit = (tx: Prisma.TransactionClient, actor: StaffActor, ip: string | null, action: string, details: Record<string, string | number>) =>
  recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action, ip, details });

// --- Catalogue of the builder -------------------------------------------------------------------

/** Every theme with every démarche, published or not, in the commune's order. */
export async function builderCatalogue(actor: StaffActor) {
  const themes = await db.theme.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: { position: "asc" },
    select: {
      id: true, title: true,
      procedures: {
        where: { tenantId: actor.tenantId },
        orderBy: { position: "asc" },
        select: { id: true, slug: true, title: true, published: true, editedDefinition: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } } },
      },
    },
  });
  return themes.map((theme) => ({
    ...theme,
    procedures: theme.procedures.map(({ editedDefinition, versions, ...p }) => ({ ...p, version: versions[0]?.number ?? null, pendingChanges: editedDefinition !== null })),
  }));
}

/** The commune's themes, for a démarche's « Thème » choice. */
export function themeChoices(actor: StaffActor) {
  return db.theme.findMany({ where: { tenantId: actor.tenantId }, orderBy: { position: "asc" }, select: { id: true, title: true } });
}

const themeSchema = z.object({ title: z.string().trim().min(1, "Indiquez le nom du thème.").max(100, "Le nom du thème : 100 caractères au plus.") });

/** Adds a theme (at the end) or renames one. */
export async function saveTheme(actor: StaffActor, tenant: Tenant, id: string | null, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (!mayConfigure(actor, tenant) || (id !== null && !isId(id))) return { ok: false, message: THEME_NOT_FOUND };
  const parsed = themeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return db.$transaction(async (tx): Promise<ActionResult> => {
    if (id) {
      const updated = await tx.theme.updateMany({ where: { id, tenantId: actor.tenantId }, data: { title: parsed.data.title } });
      if (updated.count === 0) return { ok: false, message: THEME_NOT_FOUND };
    } else {
      const existing = await tx.theme.findMany({ where: { tenantId: actor.tenantId }, select: { slug: true, position: true } });
      const slug = freeSlug(parsed.data.title, new Set(existing.map((t) => t.slug)), "theme");
      await tx.theme.create({ data: { tenantId: actor.tenantId, slug, title: parsed.data.title, position: Math.max(0, ...existing.map((t) => t.position)) + 1 } });
    }
    await audit(tx, actor, ip, "commune.theme", { theme: parsed.data.title, acte: id ? "renommer" : "ajouter" });
    return { ok: true };
  });
}

/** Moves a theme one place up or down in the catalogue. */
export async function moveTheme(actor: StaffActor, tenant: Tenant, id: string, direction: "haut" | "bas", ip: string | null = null): Promise<ActionResult> {
  if (!mayConfigure(actor, tenant) || !isId(id)) return { ok: false, message: THEME_NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const themes = await tx.theme.findMany({ where: { tenantId: actor.tenantId }, orderBy: { position: "asc" }, select: { id: true, title: true } });
    const i = themes.findIndex((t) => t.id === id);
    if (i < 0) return { ok: false, message: THEME_NOT_FOUND };
    const j = direction === "haut" ? i - 1 : i + 1;
    if (j < 0 || j >= themes.length) return { ok: true };
    const order = themes.map((t) => t.id);
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [k, themeId] of order.entries()) await tx.theme.updateMany({ where: { id: themeId, tenantId: actor.tenantId }, data: { position: k + 1 } });
    await audit(tx, actor, ip, "commune.theme", { theme: themes[i]!.title, acte: `déplacer vers le ${direction}` });
    return { ok: true };
  });
}

function freeSlug(title: string, taken: Set<string>, fallback: string): string {
  const base = slugify(title).slice(0, 60) || fallback;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

// --- Démarches -----------------------------------------------------------------------------------

const newProcedureSchema = z.object({
  title: z.string().trim().min(1, "Indiquez le titre de la démarche.").max(200, "Le titre : 200 caractères au plus."),
  themeId: z.string().refine(isId, "Choisissez un thème."),
});

/** A new démarche, unpublished, with a one-field form to start from. */
export async function createProcedure(actor: StaffActor, tenant: Tenant, input: unknown, ip: string | null = null): Promise<ActionResult<{ id: string }>> {
  if (!mayConfigure(actor, tenant)) return { ok: false, message: NOT_FOUND };
  const parsed = newProcedureSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return db.$transaction(async (tx): Promise<ActionResult<{ id: string }>> => {
    const theme = await tx.theme.findFirst({ where: { id: parsed.data.themeId, tenantId: actor.tenantId }, select: { id: true } });
    if (!theme) return { ok: false, message: "Ce thème n'existe plus : rechargez la page.", fieldErrors: { themeId: "Choisissez un thème." } };
    const created = await tx.procedure.create({
      data: {
        tenantId: actor.tenantId, themeId: theme.id, title: parsed.data.title, summary: "", preparation: "", processingDays: 15,
        slug: await unusedSlug(tx, actor.tenantId, parsed.data.title), position: await nextPosition(tx, actor.tenantId, theme.id),
        editedDefinition: STARTER as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    await audit(tx, actor, ip, "commune.demarche", { demarche: parsed.data.title, acte: "créer" });
    return { ok: true, data: { id: created.id } };
  });
}

/** A copy of a démarche (its details and its current form), unpublished, to adapt. */
export async function duplicateProcedure(actor: StaffActor, tenant: Tenant, id: string, ip: string | null = null): Promise<ActionResult<{ id: string }>> {
  if (!mayConfigure(actor, tenant) || !isId(id)) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult<{ id: string }>> => {
    const source = await tx.procedure.findFirst({ where: { id, tenantId: actor.tenantId }, select: { ...detailsSelect, themeId: true, editedDefinition: true, versions: { orderBy: { number: "desc" }, take: 1, select: { definition: true } } } });
    if (!source) return { ok: false, message: NOT_FOUND };
    const { editedDefinition, versions, ...details } = source;
    const title = `${details.title} (copie)`.slice(0, 200);
    const created = await tx.procedure.create({
      data: {
        ...details, title, tenantId: actor.tenantId,
        slug: await unusedSlug(tx, actor.tenantId, title), position: await nextPosition(tx, actor.tenantId, details.themeId),
        editedDefinition: (editedDefinition ?? versions[0]?.definition ?? STARTER) as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    await audit(tx, actor, ip, "commune.demarche", { demarche: title, acte: "dupliquer" });
    return { ok: true, data: { id: created.id } };
  });
}

async function unusedSlug(tx: Prisma.TransactionClient, tenantId: string, title: string): Promise<string> {
  const base = slugify(title).slice(0, 60) || "demarche";
  const taken = await tx.procedure.findMany({ where: { tenantId, slug: { startsWith: base } }, select: { slug: true } });
  return freeSlug(base, new Set(taken.map((p) => p.slug)), "demarche");
}
async function nextPosition(tx: Prisma.TransactionClient, tenantId: string, themeId: string): Promise<number> {
  const last = await tx.procedure.findFirst({ where: { tenantId, themeId }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? 0) + 1;
}

const detailsSelect = {
  title: true, summary: true, preparation: true, processingDays: true, retentionMonths: true, requiresAccount: true, captcha: true, concernsMember: true,
} as const;

/** A démarche as the builder shows it: its details, its working form, its versions and what stops publishing. */
export async function openProcedure(actor: StaffActor, id: string) {
  if (!isId(id) || !can(actor.role, "commune.configurer")) return null;
  const procedure = await db.procedure.findFirst({
    where: { id, tenantId: actor.tenantId },
    select: {
      id: true, slug: true, themeId: true, published: true, editRevision: true, editedDefinition: true, ...detailsSelect,
      versions: { orderBy: { number: "desc" }, select: { id: true, number: true, publishedAt: true, definition: true, _count: { select: { requests: true } } } },
    },
  });
  if (!procedure) return null;
  const { editedDefinition, versions, ...rest } = procedure;
  const latest = versions[0];
  const working = readWorking(editedDefinition ?? latest?.definition ?? STARTER);
  const check = publishCheck(working, rest);
  return {
    ...rest,
    working,
    /** The form as the citizen would get it if published now; null while it has problems. */
    definition: check.ok ? check.definition : null,
    problems: check.ok ? [] : check.errors,
    pendingChanges: editedDefinition !== null || !latest,
    versions: versions.map((v) => ({ number: v.number, publishedAt: v.publishedAt, requests: v._count.requests })),
  };
}

const detailsSchema = z.object({
  title: z.string().trim().min(1, "Indiquez le titre de la démarche.").max(200, "Le titre : 200 caractères au plus."),
  summary: z.string().trim().min(1, "Résumez la démarche en une ou deux phrases.").max(300, "Le résumé : 300 caractères au plus."),
  preparation: z.string().trim().max(5000, "5 000 caractères au plus."),
  processingDays: z.coerce.number({ error: "Indiquez un nombre de jours." }).int("Indiquez un nombre entier de jours.").min(1, "Au moins un jour.").max(365, "365 jours au plus."),
  /** Months a closed request keeps its personal data (RGPD): 1 to 120, 12 by default. */
  retentionMonths: z.coerce.number({ error: "Indiquez un nombre de mois." }).int("Indiquez un nombre entier de mois.").min(1, "Au moins un mois.").max(120, "120 mois (10 ans) au plus.").default(12),
  requiresAccount: z.boolean(),
  captcha: z.boolean(),
  concernsMember: z.boolean(),
  themeId: z.string().refine(isId, "Choisissez un thème."),
});

/** Title, summary, what to prepare, time, retention, account, captcha, member, theme: shown at once if published. */
export async function saveProcedureDetails(actor: StaffActor, tenant: Tenant, id: string, revision: number, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (!mayConfigure(actor, tenant) || !isId(id)) return { ok: false, message: NOT_FOUND };
  const parsed = detailsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const theme = await tx.theme.findFirst({ where: { id: parsed.data.themeId, tenantId: actor.tenantId }, select: { id: true } });
    if (!theme) return { ok: false, message: "Certaines informations sont à corriger.", fieldErrors: { themeId: "Ce thème n'existe plus : choisissez-en un autre." } };
    // The details apply at once to the version online: they must suit it (an account, a member).
    const online = await tx.procedure.findFirst({
      where: { id, tenantId: actor.tenantId, published: true },
      select: { versions: { orderBy: { number: "desc" }, take: 1, select: { definition: true } } },
    });
    const version = online?.versions[0];
    if (version) {
      const check = publishCheck(readWorking(version.definition), parsed.data);
      if (!check.ok) {
        const message = `La version en ligne ne le permet pas : ${check.errors[0]} Modifiez le formulaire et publiez-le, ou retirez d'abord la démarche du catalogue.`;
        return { ok: false, message, fieldErrors: { requiresAccount: message } };
      }
    }
    const updated = await tx.procedure.updateMany({ where: { id, tenantId: actor.tenantId, editRevision: revision }, data: { ...parsed.data, editRevision: { increment: 1 } } });
    if (updated.count === 0) return (await exists(tx, actor, id)) ? { ok: false, message: BUILDER_CONFLICT } : { ok: false, message: NOT_FOUND };
    await audit(tx, actor, ip, "commune.demarche", { demarche: parsed.data.title, acte: "modifier la présentation" });
    return { ok: true };
  });
}

const exists = async (tx: Prisma.TransactionClient, actor: StaffActor, id: string) => (await tx.procedure.count({ where: { id, tenantId: actor.tenantId } })) > 0;

/** Applies one edit of the builder (builder-ops) to the working form, on the revision it was made on. */
export async function editForm(actor: StaffActor, tenant: Tenant, id: string, revision: number, edit: (working: WorkingDefinition) => Edit, what: string, ip: string | null = null): Promise<ActionResult> {
  if (!mayConfigure(actor, tenant) || !isId(id)) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const procedure = await tx.procedure.findFirst({
      where: { id, tenantId: actor.tenantId },
      select: { title: true, editRevision: true, editedDefinition: true, versions: { orderBy: { number: "desc" }, take: 1, select: { definition: true } } },
    });
    if (!procedure) return { ok: false, message: NOT_FOUND };
    if (procedure.editRevision !== revision) return { ok: false, message: BUILDER_CONFLICT };
    const result = edit(readWorking(procedure.editedDefinition ?? procedure.versions[0]?.definition ?? STARTER));
    if (!result.ok) return result;
    const updated = await tx.procedure.updateMany({
      where: { id, tenantId: actor.tenantId, editRevision: revision },
      data: { editedDefinition: result.definition as Prisma.InputJsonValue, editRevision: { increment: 1 } },
    });
    if (updated.count === 0) return { ok: false, message: BUILDER_CONFLICT };
    await audit(tx, actor, ip, "commune.demarche", { demarche: procedure.title, acte: what });
    return { ok: true };
  });
}

/**
 * « Publier »: the working form, if it passes every check, becomes the next version and the
 * démarche appears in the catalogue. Unchanged since the last version, nothing new is written.
 */
export async function publishProcedure(actor: StaffActor, tenant: Tenant, id: string, revision: number, ip: string | null = null): Promise<ActionResult<{ number: number }>> {
  if (!mayConfigure(actor, tenant) || !isId(id)) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult<{ number: number }>> => {
    const procedure = await tx.procedure.findFirst({
      where: { id, tenantId: actor.tenantId },
      select: { title: true, summary: true, requiresAccount: true, concernsMember: true, editRevision: true, editedDefinition: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, definition: true } } },
    });
    if (!procedure) return { ok: false, message: NOT_FOUND };
    if (procedure.editRevision !== revision) return { ok: false, message: BUILDER_CONFLICT };
    const latest = procedure.versions[0];
    const check = publishCheck(readWorking(procedure.editedDefinition ?? latest?.definition ?? STARTER), procedure);
    if (!check.ok) return { ok: false, message: `Le formulaire ne peut pas être publié : ${check.errors[0]}` };
    let number = latest?.number ?? 0;
    if (procedure.editedDefinition !== null || !latest) {
      number += 1;
      await tx.procedureVersion.create({ data: { procedureId: id, number, definition: check.definition as Prisma.InputJsonValue } });
    }
    // The revision check again in the write: a concurrent edit makes this a conflict, not a loss.
    const updated = await tx.procedure.updateMany({
      where: { id, tenantId: actor.tenantId, editRevision: revision },
      data: { published: true, editedDefinition: Prisma.DbNull, editRevision: { increment: 1 } },
    });
    if (updated.count === 0) throw new Conflict();
    await audit(tx, actor, ip, "commune.demarche", { demarche: procedure.title, acte: `publier la version ${number}` });
    return { ok: true, data: { number } };
  }).catch((error: unknown) => {
    // Two admins publishing at once: the second finds its version number taken.
    const taken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
    if (error instanceof Conflict || taken) return { ok: false, message: BUILDER_CONFLICT };
    throw error;
  });
}

/** « Retirer du catalogue »: the démarche disappears from the portal; its requests and drafts stay as they are. */
export async function unpublishProcedure(actor: StaffActor, tenant: Tenant, id: string, ip: string | null = null): Promise<ActionResult> {
  if (!mayConfigure(actor, tenant) || !isId(id)) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const procedure = await tx.procedure.findFirst({ where: { id, tenantId: actor.tenantId }, select: { title: true } });
    if (!procedure) return { ok: false, message: NOT_FOUND };
    await tx.procedure.updateMany({ where: { id, tenantId: actor.tenantId }, data: { published: false } });
    await audit(tx, actor, ip, "commune.demarche", { demarche: procedure.title, acte: "retirer du catalogue" });
    return { ok: true };
  });
}

class Conflict extends Error {}
