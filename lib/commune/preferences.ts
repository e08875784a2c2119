import "server-only";
import * as z from "zod";
import { can } from "@/lib/agents/permissions";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { invalid, type ActionResult } from "@/lib/forms";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clearTenantCache, type Tenant } from "@/lib/tenancy/resolve";
import { DRAFT_LIFETIME_DAYS, INVOICE_WINDOW_MONTHS, parseSettings, SENDER_NAME_MAX } from "@/lib/tenancy/settings";

// « Réglages du portail »: how the commune's portal behaves, kept in Tenant.settings (read back by
// lib/tenancy/settings): how long drafts are kept, how many months of invoices citizens see, whether
// SMS are sent, and the name messages are sent under. Admins only (« commune.configurer »); the
// commune is always the actor's. Effective at once: the cache of hosts is emptied.

const NOT_FOUND = "Commune introuvable.";

/** A whole number typed in a form, within bounds, with French messages; `range` names the field (error summaries list it alone). */
const whole = (what: string, min: number, max: number, unit: string, range: string) =>
  z
    .string({ error: `Indiquez ${what}.` })
    .trim()
    .min(1, `Indiquez ${what}.`)
    .regex(/^\d+$/, `Indiquez un nombre entier de ${unit}, sans lettre ni virgule.`)
    .transform(Number)
    .pipe(z.number().min(min, range).max(max, range));

const preferencesSchema = z.object({
  draftLifetimeDays: whole("la durée de conservation des brouillons", DRAFT_LIFETIME_DAYS.min, DRAFT_LIFETIME_DAYS.max, "jours",
    `Un brouillon se garde de ${DRAFT_LIFETIME_DAYS.min} à ${DRAFT_LIFETIME_DAYS.max} jours.`),
  invoiceWindowMonths: whole("le nombre de mois de factures", INVOICE_WINDOW_MONTHS.min, INVOICE_WINDOW_MONTHS.max, "mois",
    `Les factures consultables couvrent de ${INVOICE_WINDOW_MONTHS.min} à ${INVOICE_WINDOW_MONTHS.max} mois.`),
  smsEnabled: z.boolean({ error: "Indiquez si la mairie envoie des SMS." }),
  senderName: z
    .string()
    .trim()
    .max(SENDER_NAME_MAX, `${SENDER_NAME_MAX} caractères au plus.`)
    // It becomes the display name of an email header.
    .regex(/^[^<>"\r\n\t]*$/, "Sans chevrons (< >), guillemets droits (\") ni retour à la ligne.")
    .default(""),
});

export type Preferences = { draftLifetimeDays: number; invoiceWindowMonths: number; smsEnabled: boolean; senderName: string };

/** The values « Réglages du portail » starts from: the commune's, or the defaults it runs with. */
export async function communePreferences(actor: StaffActor): Promise<(Preferences & { officialName: string }) | null> {
  if (!can(actor.role, "commune.configurer")) return null;
  const row = await db.tenant.findUnique({ where: { id: actor.tenantId }, select: { settings: true, officialName: true } });
  if (!row) return null;
  return { ...preferencesOf(row.settings), officialName: row.officialName };
}

function preferencesOf(stored: unknown): Preferences {
  const s = parseSettings(stored);
  return { draftLifetimeDays: s.draftLifetimeDays ?? env.DRAFT_RETENTION_DAYS, invoiceWindowMonths: s.invoiceWindowMonths, smsEnabled: s.smsEnabled, senderName: s.senderName };
}

/**
 * Saves the four settings; other keys of Tenant.settings (the time zone…) are kept as they are.
 * The change is audited with the settings that changed and their new values (none is secret).
 */
export async function updatePreferences(actor: StaffActor, tenant: Tenant, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || !can(actor.role, "commune.configurer")) return { ok: false, message: NOT_FOUND };
  const parsed = preferencesSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const saved = await db.$transaction(async (tx) => {
    // The row is locked until the end: two admins saving at once each merge into the other's result.
    const [row] = await tx.$queryRaw<{ settings: unknown }[]>`SELECT "settings" FROM "Tenant" WHERE "id" = ${actor.tenantId} FOR UPDATE`;
    if (!row) return false;
    const current = row.settings !== null && typeof row.settings === "object" && !Array.isArray(row.settings) ? (row.settings as Record<string, unknown>) : {};
    const before = preferencesOf(current);
    await tx.tenant.update({ where: { id: actor.tenantId }, data: { settings: { ...current, ...parsed.data } as Prisma.InputJsonObject }, select: { id: true } });
    const changed = Object.fromEntries(Object.entries(parsed.data).filter(([k, v]) => before[k as keyof Preferences] !== v));
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "commune.reglages", ip, details: { modifies: changed } });
    return true;
  });
  if (!saved) return { ok: false, message: NOT_FOUND };
  clearTenantCache();
  return { ok: true, message: "Réglages enregistrés : ils s'appliquent dès maintenant." };
}
