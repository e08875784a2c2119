import "server-only";
import * as z from "zod";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { jsonTimestamp } from "@/lib/sql-json";

// The account's basket (« Accéder à votre panier »): its own unpaid invoices, of one régie at a
// time. While a payment runs (A_PAYER) the basket does not change.

/** The seeds' message, word for word; the reason follows on its own line. */
export const BASKET_REFUSAL = "Impossible d'ajouter cet article, vous devez d'abord payer ceux en attente dans votre panier";
const NOT_FOUND = "Facture introuvable.";

export type AddResult = ActionResult | { ok: false; message: string; reason: string; toBasket: true };

/** Validated accounts only: a pending account sees no invoice, so it has nothing to add. */
const mayPay = (citizen: Citizen) => citizen.status === "VALIDE";

/**
 * « Ajouter au panier ». Refused with BASKET_REFUSAL and why when the invoice is already there,
 * when the basket holds another régie's invoices, or while a payment of the basket runs.
 */
export async function addToBasket(citizen: Citizen, invoiceId: unknown): Promise<AddResult> {
  const id = z.uuid().safeParse(invoiceId);
  if (!id.success || !mayPay(citizen)) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<AddResult> => {
    const invoice = await tx.invoice.findFirst({
      where: { id: id.data, tenantId: citizen.tenantId, accountId: citizen.id, status: "A_PAYER" },
      select: { id: true, regieId: true, regie: { select: { name: true } }, basketItem: { select: { basketId: true } } },
    });
    if (!invoice) return { ok: false, message: NOT_FOUND };
    // The account's one basket, created at the first addition; its row is locked for the change.
    await tx.basket.upsert({ where: { accountId: citizen.id }, create: { tenantId: citizen.tenantId, accountId: citizen.id }, update: {}, select: { id: true } });
    const [basket] = await tx.$queryRaw<{ id: string; regieId: string | null; status: string }[]>`
      SELECT "id", "regieId", "status"::text AS "status" FROM "Basket" WHERE "accountId" = ${citizen.id} AND "tenantId" = ${citizen.tenantId} FOR UPDATE`;
    if (!basket) return { ok: false, message: NOT_FOUND };
    const items = await tx.basketItem.findMany({ where: { basketId: basket.id }, select: { invoice: { select: { regie: { select: { name: true } } } } } });
    if (invoice.basketItem) return { ok: false, message: BASKET_REFUSAL, reason: "Cette facture est déjà dans votre panier.", toBasket: true };
    if (basket.status === "A_PAYER") return { ok: false, message: BASKET_REFUSAL, reason: "Un paiement de votre panier est en cours : terminez-le ou abandonnez-le d'abord.", toBasket: true };
    if (items.length && basket.regieId !== invoice.regieId) {
      const other = items[0]!.invoice.regie.name;
      return { ok: false, message: BASKET_REFUSAL, reason: `Votre panier contient des factures de la ${other} ; celle-ci est de la ${invoice.regie.name}, un autre budget qui se paie à part.`, toBasket: true };
    }
    await tx.basketItem.create({ data: { basketId: basket.id, invoiceId: invoice.id } });
    await tx.basket.update({ where: { id: basket.id }, data: { regieId: invoice.regieId, version: { increment: 1 } } });
    return { ok: true, message: "Facture ajoutée au panier." };
  });
}

/** « Retirer » an invoice from the basket (not while its payment runs). */
export async function removeFromBasket(citizen: Citizen, invoiceId: unknown): Promise<ActionResult> {
  const id = z.uuid().safeParse(invoiceId);
  if (!id.success) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const basket = await tx.basket.findFirst({ where: { accountId: citizen.id, tenantId: citizen.tenantId }, select: { id: true, status: true } });
    if (!basket) return { ok: false, message: NOT_FOUND };
    if (basket.status === "A_PAYER") return { ok: false, message: "Un paiement de votre panier est en cours : terminez-le ou abandonnez-le avant de retirer une facture." };
    const removed = await tx.basketItem.deleteMany({ where: { basketId: basket.id, invoiceId: id.data, basket: { status: "OUVERT" } } });
    if (removed.count === 0) return { ok: false, message: NOT_FOUND };
    const left = await tx.basketItem.count({ where: { basketId: basket.id } });
    await tx.basket.update({ where: { id: basket.id }, data: { version: { increment: 1 }, ...(left ? {} : { regieId: null }) } });
    return { ok: true, message: "Facture retirée du panier." };
  });
}

/** The basket as its page shows it: one statement, its invoices and the payment running for it included. */
export async function readBasket(citizen: Citizen) {
  const [basket] = await db.$queryRaw<{
    id: string; status: "OUVERT" | "A_PAYER"; version: number; regie: string | null;
    items: { id: string; number: string; label: string; period: string; amountCents: number; dueAt: string }[];
    running: { id: string; expiresAt: string } | null;
  }[]>`
    SELECT b."id", b."status"::text AS "status", b."version", g."name" AS "regie",
      COALESCE((SELECT json_agg(json_build_object('id', i."id", 'number', i."number", 'label', i."label", 'period', i."period", 'amountCents', i."amountCents", 'dueAt', i."dueAt") ORDER BY bi."addedAt", i."id")
                FROM "BasketItem" bi JOIN "Invoice" i ON i."id" = bi."invoiceId" AND i."tenantId" = b."tenantId" WHERE bi."basketId" = b."id"), '[]') AS "items",
      CASE WHEN b."status" = 'A_PAYER' THEN
        (SELECT json_build_object('id', p."id", 'expiresAt', p."expiresAt") FROM "Payment" p
          WHERE p."tenantId" = b."tenantId" AND p."accountId" = b."accountId" AND p."status" = 'EN_COURS' ORDER BY p."createdAt" DESC LIMIT 1)
      END AS "running"
    FROM "Basket" b LEFT JOIN "Regie" g ON g."id" = b."regieId" AND g."tenantId" = b."tenantId"
    WHERE b."accountId" = ${citizen.id} AND b."tenantId" = ${citizen.tenantId}
    LIMIT 1`;
  const items = basket?.items.map((i) => ({ ...i, dueAt: jsonTimestamp(i.dueAt) })) ?? [];
  return {
    status: basket?.status ?? "OUVERT",
    version: basket?.version ?? 0,
    regie: basket?.regie ?? null,
    items,
    totalCents: items.reduce((sum, i) => sum + i.amountCents, 0),
    running: basket?.running ? { id: basket.running.id, expiresAt: jsonTimestamp(basket.running.expiresAt) } : null,
  };
}
