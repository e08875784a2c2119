import "server-only";
import * as z from "zod";
import { can } from "@/lib/agents/permissions";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { invalid, type ActionResult } from "@/lib/forms";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tenant } from "@/lib/tenancy/resolve";

// A commune's régies (Ville, CCAS…): each budget collects its own invoices into its own payment
// account. Its admins create them, rename them, order them and choose how each is paid: the local
// simulation, or Stripe on the régie's connected account. Only the public id of that account
// (acct_…) is stored: the platform's secret key stays in the operator's environment, never in the
// database nor in a form. Admins only (« commune.configurer »); another commune's régie is not found.

export const NOT_FOUND = "Régie introuvable : rechargez la page.";

export const PROVIDERS = {
  SIMULATION: "Simulation",
  STRIPE: "Stripe",
} as const;
export type Provider = keyof typeof PROVIDERS;

const STRIPE_ACCOUNT = /^acct_[A-Za-z0-9]{6,}$/;
const DUPLICATE = "Une régie de la commune porte déjà ce nom.";

const regieSchema = z
  .object({
    name: z.string({ error: "Indiquez le nom de la régie." }).trim().min(1, "Indiquez le nom de la régie (par exemple « Régie Ville »).").max(100, "100 caractères au plus."),
    description: z.string().trim().max(300, "300 caractères au plus.").default(""),
    provider: z.enum(["SIMULATION", "STRIPE"], { error: "Choisissez le mode de paiement de la régie." }).default("SIMULATION"),
    stripeAccountId: z.string().trim().max(255, "255 caractères au plus.").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.provider !== "STRIPE") return;
    const id = v.stripeAccountId;
    const message = !id
      ? "Indiquez l'identifiant du compte Stripe connecté de la régie (il commence par acct_)."
      : /^(sk|rk)_/.test(id)
        ? "Ceci est une clé secrète : ne la saisissez jamais ici (effacez-la de votre presse-papiers). Indiquez l'identifiant du compte connecté, qui commence par acct_."
        : !STRIPE_ACCOUNT.test(id)
          ? "Identifiant de compte Stripe invalide : « acct_ » suivi d'au moins six lettres ou chiffres, par exemple acct_1Nv0FGQ9RKHgCVdK."
          : null;
    if (message) ctx.addIssue({ code: "custom", path: ["stripeAccountId"], message });
  })
  // Simulation: no account kept, so a régie paid by Stripe always names one.
  .transform((v) => ({ ...v, stripeAccountId: v.provider === "STRIPE" ? v.stripeAccountId : null }));

const regieSelect = { id: true, name: true, description: true, provider: true, stripeAccountId: true, position: true } as const;
export type RegieView = Prisma.RegieGetPayload<{ select: typeof regieSelect }>;

/** The commune's régies, in the commune's order. */
export function listRegies(actor: StaffActor): Promise<RegieView[]> {
  return db.regie.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: regieSelect });
}

const allowed = (actor: StaffActor, tenant: Tenant) => tenant.id === actor.tenantId && can(actor.role, "commune.configurer");
const isId = (id: unknown): id is string => z.string().uuid().safeParse(id).success;

/** Adds a régie at the end of the list. */
export async function createRegie(actor: StaffActor, tenant: Tenant, input: unknown, ip: string | null = null): Promise<ActionResult<{ id: string }>> {
  if (!allowed(actor, tenant)) return { ok: false, message: NOT_FOUND };
  const parsed = regieSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return uniqueName(() =>
    db.$transaction(async (tx): Promise<ActionResult<{ id: string }>> => {
      if (await nameTaken(tx, actor.tenantId, parsed.data.name, null)) return duplicate();
      const last = await tx.regie.findFirst({ where: { tenantId: actor.tenantId }, orderBy: { position: "desc" }, select: { position: true } });
      const { id } = await tx.regie.create({ data: { tenantId: actor.tenantId, ...parsed.data, position: (last?.position ?? 0) + 1 }, select: { id: true } });
      await recordAudit(tx, {
        tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "regie.creer", target: { type: "Régie", id }, ip,
        details: { nom: parsed.data.name, paiement: parsed.data.provider, compte: parsed.data.stripeAccountId },
      });
      return { ok: true, message: `Régie « ${parsed.data.name} » ajoutée.`, data: { id } };
    }),
  );
}

/**
 * Changes a régie's name, description and payment. A change of payment (provider or account) is
 * recorded as such in the audit log, with the account now used: where the money goes is the
 * sensitive part.
 */
export async function updateRegie(actor: StaffActor, tenant: Tenant, id: string, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (!allowed(actor, tenant) || !isId(id)) return { ok: false, message: NOT_FOUND };
  const parsed = regieSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return uniqueName(() =>
    db.$transaction(async (tx): Promise<ActionResult> => {
      const before = await tx.regie.findFirst({ where: { id, tenantId: actor.tenantId }, select: regieSelect });
      if (!before) return { ok: false, message: NOT_FOUND };
      if (await nameTaken(tx, actor.tenantId, parsed.data.name, id)) return duplicate();
      const updated = await tx.regie.updateMany({ where: { id, tenantId: actor.tenantId }, data: parsed.data });
      if (updated.count === 0) return { ok: false, message: NOT_FOUND };
      const changed = (Object.keys(parsed.data) as (keyof typeof parsed.data)[]).filter((k) => before[k] !== parsed.data[k]);
      const payment = changed.includes("provider") || changed.includes("stripeAccountId");
      await recordAudit(tx, {
        tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: payment ? "regie.paiement" : "regie.modifier", target: { type: "Régie", id }, ip,
        details: { nom: parsed.data.name, champs: changed, ...(payment ? { paiement: parsed.data.provider, compte: parsed.data.stripeAccountId } : {}) },
      });
      return { ok: true, message: payment ? `Régie « ${parsed.data.name} » enregistrée, avec son nouveau mode de paiement.` : `Régie « ${parsed.data.name} » enregistrée.` };
    }),
  );
}

/** Moves a régie one place up or down (the list is renumbered 1..n in the new order). */
export async function moveRegie(actor: StaffActor, tenant: Tenant, id: string, direction: "haut" | "bas", ip: string | null = null): Promise<ActionResult> {
  if (!allowed(actor, tenant) || !isId(id)) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const regies = await tx.regie.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true } });
    const i = regies.findIndex((r) => r.id === id);
    if (i < 0) return { ok: false, message: NOT_FOUND };
    const j = direction === "haut" ? i - 1 : i + 1;
    if (j < 0 || j >= regies.length) return { ok: true, message: "Déjà à cette place." };
    const order = regies.map((r) => r.id);
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [k, regieId] of order.entries()) await tx.regie.updateMany({ where: { id: regieId, tenantId: actor.tenantId }, data: { position: k + 1 } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "regie.deplacer", target: { type: "Régie", id }, ip, details: { vers: direction } });
    return { ok: true, message: "Ordre enregistré." };
  });
}

/** The same name, whatever its capitals, on another régie of the commune. */
async function nameTaken(tx: Prisma.TransactionClient, tenantId: string, name: string, exceptId: string | null): Promise<boolean> {
  const other = await tx.regie.findFirst({ where: { tenantId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  return other !== null;
}

function duplicate(): ActionResult<never> {
  return { ok: false, message: DUPLICATE, fieldErrors: { name: DUPLICATE } };
}

/** Two admins naming two régies alike at the same instant: the unique index answers, in French. */
async function uniqueName<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return duplicate();
    throw error;
  }
}
