import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { can } from "@/lib/agents/permissions";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import type { ApiClient } from "@/lib/billing/invoices";
import { db } from "@/lib/db";
import { invalid, TYPED_TEXT, TYPED_TEXT_MESSAGE, type ActionResult } from "@/lib/forms";
import type { Tenant } from "@/lib/tenancy/resolve";

// The keys with which the commune's billing software publishes invoices (POST /api/v1/factures).
// An admin creates one with a name and sees it once: « cc_ » and 40 random characters (240 bits).
// Only its SHA-256 is kept (a key this random needs no slow hash) with its first characters, to
// tell keys apart in the list and to find the candidates of a call, whose hash is then compared in
// constant time. A key is revoked, never edited; it only ever opens its own commune.

export const NOT_FOUND = "Clé introuvable : rechargez la page.";
const KEY_FORMAT = /^cc_[A-Za-z0-9_-]{40}$/;
/** « cc_ » and the first 8 random characters: enough to tell keys apart, far too little to guess one. */
const PREFIX_LENGTH = 11;

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");
const allowed = (actor: StaffActor, tenant: Pick<Tenant, "id">) => actor.tenantId === tenant.id && can(actor.role, "commune.configurer");

const nameSchema = z.object({
  name: z.string({ error: "Indiquez un nom pour la clé." }).trim().min(1, "Indiquez un nom pour la clé (par exemple le logiciel de facturation qui l'utilisera).").max(100, "100 caractères au plus.").regex(TYPED_TEXT, TYPED_TEXT_MESSAGE),
});

/** A new key for the commune: the answer carries it in clear, the only time it is shown. */
export async function createApiKey(actor: StaffActor, tenant: Pick<Tenant, "id">, input: unknown, ip: string | null = null): Promise<ActionResult<{ key: string; name: string }>> {
  if (!allowed(actor, tenant)) return { ok: false, message: NOT_FOUND };
  const parsed = nameSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const key = `cc_${randomBytes(30).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    const { id } = await tx.apiKey.create({ data: { tenantId: actor.tenantId, name: parsed.data.name, prefix: key.slice(0, PREFIX_LENGTH), hash: hashKey(key) }, select: { id: true } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "cle-api.creer", target: { type: "Clé d'accès", id }, ip, details: { nom: parsed.data.name, debut: key.slice(0, PREFIX_LENGTH) } });
    return { ok: true as const, message: `Clé « ${parsed.data.name} » créée.`, data: { key, name: parsed.data.name } };
  });
}

/** The commune's keys, newest first, revoked ones included (marked). Never a hash. */
export function listApiKeys(actor: StaffActor) {
  if (!can(actor.role, "commune.configurer")) return Promise.resolve([]);
  return db.apiKey.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** « Révoquer »: the key stops working at once; revoking it again changes nothing. */
export async function revokeApiKey(actor: StaffActor, tenant: Pick<Tenant, "id">, id: unknown, ip: string | null = null, now = new Date()): Promise<ActionResult> {
  if (!allowed(actor, tenant) || !z.uuid().safeParse(id).success) return { ok: false, message: NOT_FOUND };
  const keyId = id as string;
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, tenantId: actor.tenantId }, select: { name: true, prefix: true, revokedAt: true } });
    if (!key) return { ok: false, message: NOT_FOUND };
    if (key.revokedAt) return { ok: true, message: `La clé « ${key.name} » était déjà révoquée.` };
    await tx.apiKey.updateMany({ where: { id: keyId, tenantId: actor.tenantId, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "cle-api.revoquer", target: { type: "Clé d'accès", id: keyId }, ip, details: { nom: key.name, debut: key.prefix } });
    return { ok: true, message: `Clé « ${key.name} » révoquée : elle ne fonctionne plus.` };
  });
}

/**
 * The billing software calling with `Authorization: Bearer <key>` on the commune's host: the key of
 * this commune, not revoked, or null (missing, malformed, unknown, revoked, another commune's: one
 * answer for all). Records when the key was last used.
 */
export async function authenticateApiKey(tenant: Pick<Tenant, "id">, authorization: string | null, now = new Date()): Promise<ApiClient | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const key = match?.[1] ?? "";
  if (!KEY_FORMAT.test(key)) return null;
  const hash = Buffer.from(hashKey(key), "hex");
  const candidates = await db.apiKey.findMany({ where: { tenantId: tenant.id, prefix: key.slice(0, PREFIX_LENGTH), revokedAt: null }, select: { id: true, tenantId: true, name: true, prefix: true, hash: true } });
  const found = candidates.find((c) => {
    const stored = Buffer.from(c.hash, "hex");
    return stored.length === hash.length && timingSafeEqual(stored, hash);
  });
  if (!found) return null;
  await db.apiKey.updateMany({ where: { id: found.id, revokedAt: null }, data: { lastUsedAt: now } });
  return { kind: "api", id: found.id, tenantId: found.tenantId, name: found.name, prefix: found.prefix };
}
