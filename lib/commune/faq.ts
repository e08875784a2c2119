import "server-only";
import * as z from "zod";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { invalid, TYPED_TEXT, TYPED_TEXT_MESSAGE, type ActionResult } from "@/lib/forms";
import type { Tenant } from "@/lib/tenancy/resolve";

// The commune's FAQ, edited by its admins: entries in sections, in the commune's order. Answers are
// in the small text format of lib/text, rendered as React text: markup typed in them (a <script>, an
// <img onerror>) shows as the characters typed, never as HTML.

const NOT_FOUND = "Question introuvable : rechargez la page.";

/** The FAQ as the admin page lists it, in order. */
export function faqForAdmin(actor: StaffActor) {
  return db.faqEntry.findMany({ where: { tenantId: actor.tenantId }, orderBy: { position: "asc" }, select: { id: true, section: true, question: true, answer: true, position: true } });
}

const entrySchema = z.object({
  section: z.string().trim().min(1, "Indiquez la rubrique (par exemple « Mon compte »).").max(100, "100 caractères au plus.").regex(TYPED_TEXT, TYPED_TEXT_MESSAGE),
  question: z.string().trim().min(1, "Écrivez la question.").max(300, "300 caractères au plus.").regex(TYPED_TEXT, TYPED_TEXT_MESSAGE),
  answer: z.string().trim().min(1, "Écrivez la réponse.").max(10_000, "10 000 caractères au plus.").regex(TYPED_TEXT, TYPED_TEXT_MESSAGE),
});

/** Adds an entry (at the end of its section, or of the FAQ) or changes one (`id`). */
export async function saveFaqEntry(actor: StaffActor, tenant: Tenant, id: string | null, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: NOT_FOUND };
  const parsed = entrySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return db.$transaction(async (tx): Promise<ActionResult> => {
    if (id) {
      const updated = await tx.faqEntry.updateMany({ where: { id, tenantId: actor.tenantId }, data: parsed.data });
      if (updated.count === 0) return { ok: false, message: NOT_FOUND };
    } else {
      const entries = await tx.faqEntry.findMany({ where: { tenantId: actor.tenantId }, orderBy: { position: "asc" }, select: { section: true, position: true } });
      const lastOfSection = entries.filter((e) => e.section === parsed.data.section).at(-1)?.position;
      const position = lastOfSection !== undefined ? lastOfSection + 1 : (entries.at(-1)?.position ?? 0) + 1;
      // Room for it right after its section.
      await tx.faqEntry.updateMany({ where: { tenantId: actor.tenantId, position: { gte: position } }, data: { position: { increment: 1 } } });
      await tx.faqEntry.create({ data: { tenantId: actor.tenantId, ...parsed.data, position } });
    }
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "commune.faq", ip, details: { question: parsed.data.question.slice(0, 100), acte: id ? "modifier" : "ajouter" } });
    return { ok: true, message: id ? "Question enregistrée." : "Question ajoutée." };
  });
}

/** Moves an entry one place up or down (swapping positions with its neighbour). */
export async function moveFaqEntry(actor: StaffActor, tenant: Tenant, id: string, direction: "haut" | "bas", ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || !z.string().uuid().safeParse(id).success) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const entries = await tx.faqEntry.findMany({ where: { tenantId: actor.tenantId }, orderBy: { position: "asc" }, select: { id: true, position: true } });
    const i = entries.findIndex((e) => e.id === id);
    if (i < 0) return { ok: false, message: NOT_FOUND };
    const j = direction === "haut" ? i - 1 : i + 1;
    if (j < 0 || j >= entries.length) return { ok: true, message: "Déjà à cette place." };
    // Positions rewritten 1..n in the new order: always distinct, whatever they were.
    const order = entries.map((e) => e.id);
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [k, entryId] of order.entries()) await tx.faqEntry.updateMany({ where: { id: entryId, tenantId: actor.tenantId }, data: { position: k + 1 } });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "commune.faq", ip, details: { acte: `déplacer vers le ${direction}` } });
    return { ok: true, message: "Ordre enregistré." };
  });
}

/** Removes an entry. */
export async function deleteFaqEntry(actor: StaffActor, tenant: Tenant, id: string, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || !z.string().uuid().safeParse(id).success) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const removed = await tx.faqEntry.deleteMany({ where: { id, tenantId: actor.tenantId } });
    if (removed.count === 0) return { ok: false, message: NOT_FOUND };
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "commune.faq", ip, details: { acte: "supprimer" } });
    return { ok: true, message: "Question supprimée." };
  });
}
