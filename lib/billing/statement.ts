import "server-only";
import { z } from "zod";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Tenant } from "@/lib/tenancy/resolve";

// « Mes comptes »: the household's invoices, as the seeds present them. Only a validated account
// sees any: a pending one is told why instead (lib pages), never shown an invoice.

export const DOMAIN_LABELS = { SCOLAIRE: "Scolaire", PERISCOLAIRE: "Périscolaire", PETITE_ENFANCE: "Petite enfance", CCAS: "CCAS" } as const;

const rowSelect = {
  id: true, number: true, label: true, period: true, domain: true, amountCents: true, issuedAt: true, dueAt: true, paidAt: true, paidVia: true,
  regie: { select: { name: true } },
  basketItem: { select: { basketId: true } },
} as const;

/** « Factures à payer » (oldest due first) and « Consulter votre relevé » (paid within the commune's window). */
export async function statementOf(citizen: Citizen, tenant: Pick<Tenant, "id" | "settings">, now = new Date()) {
  if (citizen.tenantId !== tenant.id || citizen.status !== "VALIDE") return { toPay: [], paid: [], windowMonths: tenant.settings.invoiceWindowMonths };
  const windowMonths = tenant.settings.invoiceWindowMonths;
  const since = new Date(now);
  since.setMonth(since.getMonth() - windowMonths);
  const [toPay, paid] = await Promise.all([
    db.invoice.findMany({ where: { tenantId: citizen.tenantId, accountId: citizen.id, status: "A_PAYER" }, orderBy: [{ dueAt: "asc" }, { number: "asc" }], select: rowSelect }),
    db.invoice.findMany({ where: { tenantId: citizen.tenantId, accountId: citizen.id, status: "PAYEE", paidAt: { gte: since } }, orderBy: { paidAt: "desc" }, select: rowSelect }),
  ]);
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

/** « 48,60 € » */
export const eurosText = (cents: number) => new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(cents / 100);
