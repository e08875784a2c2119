import "server-only";
import * as z from "zod";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { Prisma, type InvoiceDomain, type PaidVia } from "@/lib/generated/prisma/client";
import type { Tenant } from "@/lib/tenancy/resolve";

// « Mes comptes »: the household's invoices, as the seeds present them. Only a validated account
// sees any: a pending one is told why instead (lib pages), never shown an invoice.

export const DOMAIN_LABELS = { SCOLAIRE: "Scolaire", PERISCOLAIRE: "Périscolaire", PETITE_ENFANCE: "Petite enfance", CCAS: "CCAS" } as const;

const rowSelect = {
  id: true, number: true, label: true, period: true, domain: true, amountCents: true, issuedAt: true, dueAt: true, paidAt: true, paidVia: true,
  regie: { select: { name: true } },
  basketItem: { select: { basketId: true } },
} as const;

type StatementRow = {
  id: string; number: string; label: string; period: string; domain: InvoiceDomain; amountCents: number; issuedAt: Date; dueAt: Date;
  paidAt: Date | null; paidVia: PaidVia | null; regie: { name: string }; basketItem: { basketId: string } | null;
};
const rowColumns = Prisma.sql`i."id", i."number", i."label", i."period", i."domain"::text AS "domain", i."amountCents", i."issuedAt", i."dueAt",
  i."paidAt", i."paidVia"::text AS "paidVia", g."name" AS "regieName", bi."basketId"`;
const rowFrom = Prisma.sql`FROM "Invoice" i JOIN "Regie" g ON g."id" = i."regieId" AND g."tenantId" = i."tenantId" LEFT JOIN "BasketItem" bi ON bi."invoiceId" = i."id"`;

/** « Factures à payer » (oldest due first) and « Consulter votre relevé » (paid within the commune's window). */
export async function statementOf(citizen: Citizen, tenant: Pick<Tenant, "id" | "settings">, now = new Date()) {
  if (citizen.tenantId !== tenant.id || citizen.status !== "VALIDE") return { toPay: [], paid: [], windowMonths: tenant.settings.invoiceWindowMonths };
  const windowMonths = tenant.settings.invoiceWindowMonths;
  const since = new Date(now);
  since.setMonth(since.getMonth() - windowMonths);
  // One statement for both lists, each row with its régie and whether it is in the basket.
  const rows = await db.$queryRaw<(Omit<StatementRow, "regie" | "basketItem"> & { list: number; regieName: string; basketId: string | null })[]>`
    SELECT * FROM (
      SELECT 1 AS "list", ${rowColumns} ${rowFrom}
        WHERE i."tenantId" = ${citizen.tenantId} AND i."accountId" = ${citizen.id} AND i."status" = 'A_PAYER'
      UNION ALL
      SELECT 2 AS "list", ${rowColumns} ${rowFrom}
        WHERE i."tenantId" = ${citizen.tenantId} AND i."accountId" = ${citizen.id} AND i."status" = 'PAYEE' AND i."paidAt" >= ${since}
    ) u
    ORDER BY "list", CASE WHEN "list" = 1 THEN "dueAt" END ASC, CASE WHEN "list" = 1 THEN "number" END ASC, CASE WHEN "list" = 2 THEN "paidAt" END DESC`;
  const invoices = rows.map(({ list, regieName, basketId, ...row }) => ({ list, row: { ...row, regie: { name: regieName }, basketItem: basketId ? { basketId } : null } }));
  const toPay = invoices.filter((i) => i.list === 1).map((i) => i.row);
  const paid = invoices.filter((i) => i.list === 2).map((i) => i.row);
  return { toPay, paid, windowMonths };
}

/** One of the citizen's invoices, with its lines, for its PDF; null for anyone else's. */
export async function invoiceOf(citizen: Citizen, invoiceId: string) {
  if (!z.uuid().safeParse(invoiceId).success || citizen.status !== "VALIDE") return null;
  const invoice = await db.invoice.findFirst({
    where: { id: invoiceId, tenantId: citizen.tenantId, accountId: citizen.id, status: { not: "ANNULEE" } },
    select: {
      ...rowSelect, status: true, lines: true,
      account: { select: { identifiant: true, firstNames: true, birthName: true, usageName: true } },
      paymentItems: { where: { payment: { status: "REUSSI" } }, take: 1, select: { payment: { select: { id: true, completedAt: true, providerRef: true } } } },
    },
  });
  if (!invoice) return null;
  const lines = z.array(z.object({ label: z.string(), quantity: z.number(), unitCents: z.number(), totalCents: z.number() })).catch([]).parse(invoice.lines);
  return { ...invoice, lines };
}

export type InvoiceDocument = NonNullable<Awaited<ReturnType<typeof invoiceOf>>>;

