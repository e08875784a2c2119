import "server-only";
import * as z from "zod";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { clearTenantCache, type Tenant } from "@/lib/tenancy/resolve";

// The addresses (hostnames) a commune answers on, managed by its admins. One is canonical: links in
// emails and redirects use it; the others redirect to it. A hostname belongs to one commune only.
// A change takes effect at once (the hosts' cache is emptied; other instances within seconds).

const NOT_FOUND = "Adresse introuvable : rechargez la page.";
/** A hostname as admins and operators type it (« https:// » and a path are dropped), validated. */
export const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https?:\/\//, "").replace(/\/.*$/, ""))
  .pipe(z.string().max(253).regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/, "Indiquez un nom de domaine, par exemple demarches.ma-commune.fr (sans « https:// » ni chemin)."));

export function listHosts(actor: StaffActor) {
  return db.tenantHost.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ canonical: "desc" }, { hostname: "asc" }], select: { hostname: true, canonical: true } });
}

async function changed(actor: StaffActor, action: string, host: string, ip: string | null, run: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<ActionResult | null>): Promise<ActionResult> {
  const result = await db.$transaction(async (tx) => {
    const refused = await run(tx);
    if (refused) return refused;
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action, ip, details: { adresse: host } });
    return null;
  });
  if (result) return result;
  clearTenantCache();
  return { ok: true };
}

/** Adds an address; one used by another commune (or already here) is refused. */
export async function addHost(actor: StaffActor, tenant: Tenant, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: NOT_FOUND };
  const parsed = z.object({ hostname }).safeParse(input);
  if (!parsed.success) return { ok: false, message: "Adresse invalide.", fieldErrors: { hostname: parsed.error.issues[0]?.message ?? "Adresse invalide." } };
  const host = parsed.data.hostname;
  const result = await changed(actor, "commune.adresse-ajouter", host, ip, async (tx) => {
    const taken = await tx.tenantHost.findUnique({ where: { hostname: host }, select: { tenantId: true } });
    if (taken) {
      const message = taken.tenantId === actor.tenantId ? "Cette adresse est déjà dans la liste." : "Cette adresse est déjà utilisée par une autre commune.";
      return { ok: false, message, fieldErrors: { hostname: message } };
    }
    await tx.tenantHost.create({ data: { hostname: host, tenantId: actor.tenantId, canonical: false } });
    return null;
  });
  return result.ok ? { ok: true, message: `Adresse ${host} ajoutée : elle renvoie vers l'adresse principale.` } : result;
}

/** Makes one of the commune's addresses the canonical one (used in emails and links). */
export async function makeCanonical(actor: StaffActor, tenant: Tenant, host: string, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || typeof host !== "string") return { ok: false, message: NOT_FOUND };
  const result = await changed(actor, "commune.adresse-principale", host, ip, async (tx) => {
    const mine = await tx.tenantHost.findFirst({ where: { hostname: host.slice(0, 253), tenantId: actor.tenantId }, select: { hostname: true } });
    if (!mine) return { ok: false, message: NOT_FOUND };
    await tx.tenantHost.updateMany({ where: { tenantId: actor.tenantId }, data: { canonical: false } });
    await tx.tenantHost.updateMany({ where: { tenantId: actor.tenantId, hostname: mine.hostname }, data: { canonical: true } });
    return null;
  });
  return result.ok ? { ok: true, message: `${host} est l'adresse principale.` } : result;
}

/** Removes an address: never the canonical one, nor the one the admin is using. */
export async function removeHost(actor: StaffActor, tenant: Tenant, host: string, currentHost: string | null, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || typeof host !== "string") return { ok: false, message: NOT_FOUND };
  if (host === currentHost) return { ok: false, message: "Vous utilisez cette adresse en ce moment : passez par une autre pour la retirer." };
  const result = await changed(actor, "commune.adresse-retirer", host, ip, async (tx) => {
    const mine = await tx.tenantHost.findFirst({ where: { hostname: host.slice(0, 253), tenantId: actor.tenantId }, select: { canonical: true } });
    if (!mine) return { ok: false, message: NOT_FOUND };
    if (mine.canonical) return { ok: false, message: "L'adresse principale ne peut pas être retirée : choisissez d'abord une autre adresse principale." };
    await tx.tenantHost.deleteMany({ where: { hostname: host, tenantId: actor.tenantId } });
    return null;
  });
  return result.ok ? { ok: true, message: `Adresse ${host} retirée.` } : result;
}
