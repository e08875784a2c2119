import "server-only";
import * as z from "zod";
import { noticeRoute, reachabilitySelect } from "@/lib/accounts/contact";
import type { Citizen } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/audit";
import { providerFor, type PaymentProvider } from "@/lib/billing/providers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentProviderName, PaymentStatus } from "@/lib/generated/prisma/enums";
import type { ActionResult } from "@/lib/forms";
import { log } from "@/lib/log";
import { queueMessage } from "@/lib/notifications/outbox";
import { tenantById, type Tenant } from "@/lib/tenancy/resolve";
import { tenantUrl } from "@/lib/tenancy/url";

// A payment, from « Payer » to its end. Starting one locks the basket (A_PAYER) and each of its
// invoices (Invoice.lockedById: one column, so an invoice is held by at most one running payment;
// taken by a conditional update, so twenty « Payer » at once make one payment). Every end goes
// through settlePayment, in one transaction, whoever reports it (the Stripe webhook, the simulation
// page, the expiry job): the first report decides, a repeated one changes nothing.

const NOT_FOUND = "Paiement introuvable.";
export const PAYMENT_BUSY = "Un paiement de ce panier est déjà en cours : terminez-le, ou attendez qu'il expire (30 minutes au plus).";

class Busy extends Error {}

/**
 * « Payer »: the basket's invoices, read from the database with their amounts, become a payment
 * held for PAYMENT_TIMEOUT_MINUTES; the answer is where to send the person (the provider's form).
 */
export async function startPayment(citizen: Citizen, tenant: Tenant, now = new Date()): Promise<ActionResult<{ redirectUrl: string; paymentId: string }>> {
  if (citizen.tenantId !== tenant.id || citizen.status !== "VALIDE") return { ok: false, message: NOT_FOUND };
  await expireOverdue(citizen, now);
  let created: { id: string; amountCents: number; items: { label: string; amountCents: number }[]; regie: { name: string; stripeAccountId: string | null }; provider: PaymentProvider };
  try {
    created = await db.$transaction(async (tx) => {
      // Taking the basket from OUVERT to A_PAYER is the first lock: one payment per basket.
      const basket = await tx.basket.findFirst({ where: { accountId: citizen.id, tenantId: citizen.tenantId }, select: { id: true, status: true, regieId: true } });
      if (!basket || !basket.regieId) throw new Empty();
      const taken = await tx.basket.updateMany({ where: { id: basket.id, status: "OUVERT" }, data: { status: "A_PAYER", version: { increment: 1 } } });
      if (taken.count === 0) throw new Busy();
      const items = await tx.basketItem.findMany({
        where: { basketId: basket.id, invoice: { tenantId: citizen.tenantId, accountId: citizen.id, status: "A_PAYER", regieId: basket.regieId } },
        select: { invoice: { select: { id: true, number: true, label: true, amountCents: true } } },
      });
      if (!items.length) throw new Empty();
      const regie = await tx.regie.findFirstOrThrow({ where: { id: basket.regieId, tenantId: citizen.tenantId }, select: { name: true, provider: true, stripeAccountId: true } });
      const provider = await providerFor(regie);
      if (!provider) throw new NoProvider();
      const amountCents = items.reduce((sum, i) => sum + i.invoice.amountCents, 0);
      const payment = await tx.payment.create({
        data: {
          tenantId: citizen.tenantId, regieId: basket.regieId, accountId: citizen.id, provider: provider.name,
          amountCents, expiresAt: new Date(now.getTime() + env.PAYMENT_TIMEOUT_MINUTES * 60_000),
          items: { create: items.map((i) => ({ invoiceId: i.invoice.id, amountCents: i.invoice.amountCents })) },
        },
        select: { id: true },
      });
      // The second lock, per invoice, in the database: free, or held by a payment that expired.
      const ids = items.map((i) => i.invoice.id);
      const locked = await tx.invoice.updateMany({
        where: { id: { in: ids }, status: "A_PAYER", OR: [{ lockedById: null }, { lockedBy: { OR: [{ status: { not: "EN_COURS" } }, { expiresAt: { lt: now } }] } }] },
        data: { lockedById: payment.id },
      });
      if (locked.count !== ids.length) throw new Busy();
      return { id: payment.id, amountCents, regie, provider, items: items.map((i) => ({ label: `Facture ${i.invoice.number} : ${i.invoice.label}`, amountCents: i.invoice.amountCents })) };
    });
  } catch (error) {
    if (error instanceof Busy) return { ok: false, message: PAYMENT_BUSY };
    if (error instanceof Empty) return { ok: false, message: "Votre panier est vide : ajoutez-y une facture à payer depuis « Mes comptes »." };
    if (error instanceof NoProvider) return { ok: false, message: "Le paiement en ligne n'est pas encore ouvert pour cette régie. Vous pouvez payer au guichet de la mairie." };
    throw error;
  }

  try {
    const checkout = await created.provider.start({
      paymentId: created.id, amountCents: created.amountCents, items: created.items, regie: created.regie,
      returnUrl: tenantUrl(tenant, `/panier/retour/${created.id}`), idempotencyKey: `paiement:${created.id}`,
      expiresAt: new Date(now.getTime() + env.PAYMENT_TIMEOUT_MINUTES * 60_000),
    });
    await db.payment.update({ where: { id: created.id }, data: { providerRef: checkout.providerRef } });
    return { ok: true, data: { redirectUrl: checkout.redirectUrl, paymentId: created.id } };
  } catch (error) {
    log("error", "payment start failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    await settlePayment(created.id, "ECHOUE", "création du paiement impossible");
    return { ok: false, message: "Le paiement en ligne n'a pas pu commencer. Réessayez dans un instant ; vos factures restent dans votre panier." };
  }
}

class Empty extends Error {}
class NoProvider extends Error {}

export type Outcome = Exclude<PaymentStatus, "EN_COURS">;

/**
 * The one way a payment ends. REUSSI marks its invoices paid, records it, empties the basket,
 * writes the audit entries and queues the receipt, in one transaction; a success reported after
 * the payment expired or was abandoned still counts (the card was charged). An invoice paid
 * meanwhile at the counter is not paid twice: the payment is flagged for an agent. Any other end
 * releases the invoices and the basket. Repeated or late reports change nothing.
 * Unscoped by design: called by the provider's verified report or the expiry job, with the id only.
 */
export async function settlePayment(paymentId: string, outcome: Outcome, why = "", now = new Date()): Promise<{ changed: boolean }> {
  if (!z.uuid().safeParse(paymentId).success) return { changed: false };
  const result = await db.$transaction(async (tx) => {
    const from: PaymentStatus[] = outcome === "REUSSI" ? ["EN_COURS", "ECHOUE", "ABANDONNE", "EXPIRE"] : ["EN_COURS"];
    const moved = await tx.payment.updateMany({ where: { id: paymentId, status: { in: from } }, data: { status: outcome, completedAt: now } });
    if (moved.count === 0) return null;
    const payment = await tx.payment.findUniqueOrThrow({
      where: { id: paymentId },
      select: {
        tenantId: true, accountId: true, amountCents: true, regie: { select: { name: true } },
        items: { select: { amountCents: true, invoice: { select: { id: true, number: true, label: true, status: true, lockedById: true } } } },
      },
    });
    const actor = { kind: "SYSTEME" as const, id: null };
    if (outcome !== "REUSSI") {
      await tx.invoice.updateMany({ where: { lockedById: paymentId }, data: { lockedById: null } });
      await tx.basket.updateMany({ where: { accountId: payment.accountId, status: "A_PAYER" }, data: { status: "OUVERT", version: { increment: 1 } } });
      await recordAudit(tx, { tenantId: payment.tenantId, actor, action: "paiement.fin", details: { paiement: paymentId, issue: outcome, ...(why ? { raison: why } : {}) } });
      return { payment, paid: [] as string[] };
    }
    const payable = payment.items.filter((i) => i.invoice.status === "A_PAYER").map((i) => i.invoice.id);
    const already = payment.items.filter((i) => i.invoice.status !== "A_PAYER").map((i) => i.invoice.number);
    if (payable.length) {
      await tx.invoice.updateMany({ where: { id: { in: payable }, status: "A_PAYER" }, data: { status: "PAYEE", paidAt: now, paidVia: "EN_LIGNE", lockedById: null } });
    }
    if (already.length) {
      await tx.payment.update({ where: { id: paymentId }, data: { flag: `Payé en ligne alors que ${already.length > 1 ? "les factures" : "la facture"} ${already.join(", ")} ${already.length > 1 ? "étaient déjà réglées" : "était déjà réglée"} : à rembourser ou à imputer.` } });
    }
    await tx.basketItem.deleteMany({ where: { invoiceId: { in: payment.items.map((i) => i.invoice.id) } } });
    const left = await tx.basketItem.count({ where: { basket: { accountId: payment.accountId } } });
    await tx.basket.updateMany({ where: { accountId: payment.accountId }, data: { status: "OUVERT", version: { increment: 1 }, ...(left ? {} : { regieId: null }) } });
    await recordAudit(tx, { tenantId: payment.tenantId, actor, action: "paiement.reussi", details: { paiement: paymentId, montant: payment.amountCents, factures: payment.items.map((i) => i.invoice.number).join(", ") } });

    const [tenant, account] = await Promise.all([
      tenantById(payment.tenantId),
      tx.account.findUnique({ where: { id: payment.accountId }, select: reachabilitySelect }),
    ]);
    const route = tenant && account ? noticeRoute(account, tenant) : null;
    // The receipt names the invoices this payment settled: one paid meanwhile at the counter already
    // has its receipt, and the agent who sees the flag deals with the money.
    const receipted = payment.items.filter((i) => payable.includes(i.invoice.id));
    if (tenant && route && receipted.length) {
      await queueMessage(tx, tenant, {
        ...route, accountId: payment.accountId, template: "paiementRecu", key: `paiement-recu:${paymentId}`,
        data: { regie: payment.regie.name, amountCents: receipted.reduce((sum, i) => sum + i.amountCents, 0), paidAt: now, invoices: receipted.map((i) => ({ number: i.invoice.number, label: i.invoice.label, amountCents: i.amountCents })) },
      });
    }
    return { payment, paid: payable };
  }, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable }).catch((error: unknown) => {
    // Two reports at once: the loser of a serialization conflict finds the payment settled on retry.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return "retry" as const;
    throw error;
  });
  if (result === "retry") return settlePayment(paymentId, outcome, why, now);
  return { changed: result !== null };
}

/** Ends the account's payments whose time ran out (the card form was left open). */
async function expireOverdue(citizen: Citizen, now: Date) {
  const overdue = await db.payment.findMany({ where: { tenantId: citizen.tenantId, accountId: citizen.id, status: "EN_COURS", expiresAt: { lt: now } }, select: { id: true } });
  for (const p of overdue) await settlePayment(p.id, "EXPIRE", "délai dépassé", now);
}

/** Every running payment past its time, for the worker. Unscoped: a system job. */
export async function unsafeExpirePayments(now = new Date()): Promise<number> {
  const overdue = await db.payment.findMany({ where: { status: "EN_COURS", expiresAt: { lt: now } }, take: 200, select: { id: true } });
  let n = 0;
  for (const p of overdue) if ((await settlePayment(p.id, "EXPIRE", "délai dépassé", now)).changed) n++;
  return n;
}

/** A payment of the citizen, as the return page shows it (from the database only): one statement. */
export async function paymentOf(citizen: Citizen, paymentId: string) {
  if (!z.uuid().safeParse(paymentId).success) return null;
  const [row] = await db.$queryRaw<{
    id: string; status: PaymentStatus; amountCents: number; provider: PaymentProviderName; providerRef: string | null; expiresAt: Date; completedAt: Date | null;
    regieName: string; stripeAccountId: string | null; regieProvider: PaymentProviderName;
    items: { amountCents: number; number: string; label: string }[];
  }[]>`
    SELECT p."id", p."status"::text AS "status", p."amountCents", p."provider"::text AS "provider", p."providerRef", p."expiresAt", p."completedAt",
      g."name" AS "regieName", g."stripeAccountId", g."provider"::text AS "regieProvider",
      COALESCE((SELECT json_agg(json_build_object('amountCents', pi."amountCents", 'number', i."number", 'label', i."label") ORDER BY i."number")
                FROM "PaymentItem" pi JOIN "Invoice" i ON i."id" = pi."invoiceId" AND i."tenantId" = p."tenantId" WHERE pi."paymentId" = p."id"), '[]') AS "items"
    FROM "Payment" p JOIN "Regie" g ON g."id" = p."regieId" AND g."tenantId" = p."tenantId"
    WHERE p."id" = ${paymentId} AND p."tenantId" = ${citizen.tenantId} AND p."accountId" = ${citizen.id}
    LIMIT 1`;
  if (!row) return null;
  const { regieName, stripeAccountId, regieProvider, items, ...payment } = row;
  return {
    ...payment,
    regie: { name: regieName, stripeAccountId, provider: regieProvider },
    items: items.map(({ amountCents, number, label }) => ({ amountCents, invoice: { number, label } })),
  };
}

/**
 * The return page, when the provider's report is late: asks the provider, and a definite answer
 * goes through settlePayment like the report would. Returns the payment as now recorded (null when
 * it is not the citizen's), read again only when it changed.
 */
export async function refreshFromProvider(citizen: Citizen, paymentId: string): Promise<Awaited<ReturnType<typeof paymentOf>>> {
  const payment = await paymentOf(citizen, paymentId);
  if (!payment || payment.status !== "EN_COURS" || !payment.providerRef) return payment;
  const provider = await providerFor(payment.regie);
  const state = provider && provider.name === payment.provider ? await provider.lookup(payment.providerRef, payment.regie) : null;
  if (state !== "REUSSI" && state !== "ABANDONNE") return payment;
  await settlePayment(payment.id, state, "état demandé au prestataire");
  return paymentOf(citizen, paymentId);
}
