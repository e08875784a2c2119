import "server-only";
import * as z from "zod";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { brandProblems } from "@/lib/colour";
import { db } from "@/lib/db";
import { invalid, type ActionResult } from "@/lib/forms";
import { clearTenantCache, type Tenant } from "@/lib/tenancy/resolve";

// A commune's own settings, changed by its admins (« Paramètres »): identity and branding, and its
// legal texts. The caller checks the « commune.configurer » permission; the commune is always the
// actor's. A change shows on the portal at once: the cache of hosts is emptied (each instance's
// cache also expires within seconds on its own).

const NOT_FOUND = "Commune introuvable.";

const line = (what: string, max = 200) => z.string({ error: `Indiquez ${what}.` }).trim().min(1, `Indiquez ${what}.`).max(max, `${max} caractères au plus.`);
const block = (what: string, max: number) => z.string({ error: `Indiquez ${what}.` }).trim().min(1, `Indiquez ${what}.`).max(max, `${max.toLocaleString("fr-FR")} caractères au plus.`);

const identitySchema = z.object({
  name: line("le nom de la commune", 100),
  officialName: line("le nom officiel (par exemple « Mairie de Beaucouzé »)", 150),
  contactEmail: z.string().trim().toLowerCase().max(254).pipe(z.email("Adresse électronique invalide, par exemple contact@mairie.fr.")),
  contactPhone: line("le téléphone de la mairie", 30),
  contactAddress: block("l'adresse de la mairie", 500),
  openingHours: z.string().trim().max(1000, "1 000 caractères au plus.").default(""),
  welcomeText: block("le texte d'accueil", 2000),
  primaryColor: z.string().trim().toLowerCase(),
  accentColor: z.string().trim().toLowerCase(),
});

const identitySelect = {
  name: true, officialName: true, contactEmail: true, contactPhone: true, contactAddress: true, openingHours: true,
  welcomeText: true, primaryColor: true, accentColor: true,
} as const;

const TEXTS = {
  legalNotice: "les mentions légales",
  privacyPolicy: "la politique de données personnelles",
  accessibilityText: "la déclaration d'accessibilité",
  termsOfUse: "les conditions d'utilisation",
} as const;
const textsSchema = z.object(Object.fromEntries(Object.entries(TEXTS).map(([key, what]) => [key, block(what, 50_000)])) as Record<keyof typeof TEXTS, ReturnType<typeof block>>);

/** The values the settings page starts from. */
export async function communeSettings(actor: StaffActor) {
  return db.tenant.findUnique({ where: { id: actor.tenantId }, select: { ...identitySelect, legalNotice: true, privacyPolicy: true, accessibilityText: true, termsOfUse: true, logoUrl: true } });
}

/**
 * Identity, contact and branding. Colours must carry text at WCAG AA (white on them, the primary on
 * white): a failing one is refused with its contrast and what to do.
 */
export async function updateIdentity(actor: StaffActor, tenant: Tenant, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: NOT_FOUND };
  const parsed = identitySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const problems = brandProblems(parsed.data.primaryColor, parsed.data.accentColor);
  if (Object.keys(problems).length) return { ok: false, message: "Ces couleurs ne permettent pas de lire le texte : choisissez des teintes plus foncées.", fieldErrors: problems };
  await db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: identitySelect });
    await tx.tenant.update({ where: { id: actor.tenantId }, data: parsed.data, select: { id: true } });
    const changed = Object.keys(parsed.data).filter((k) => before[k as keyof typeof before] !== parsed.data[k as keyof typeof parsed.data]);
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "commune.identite", ip, details: { champs: changed } });
  });
  clearTenantCache();
  return { ok: true, message: "Enregistré : le portail affiche déjà ces informations." };
}

/** The legal texts, in the small text format of lib/text (paragraphs, « ## » headings, « - » lists). */
export async function updateTexts(actor: StaffActor, tenant: Tenant, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: NOT_FOUND };
  const parsed = textsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  await db.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: actor.tenantId }, data: parsed.data, select: { id: true } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "commune.textes", ip });
  });
  return { ok: true, message: "Textes enregistrés." };
}
