import "server-only";
import * as z from "zod";
import { identifiantKey } from "@/lib/accounts/identifiant";
import { can } from "@/lib/agents/permissions";
import type { StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { invoiceInputSchema, readInvoiceCsv, reasonsOf, type InvoiceInput } from "@/lib/billing/invoice-input";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InvoiceStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { after, decodeCursor, encodeCursor } from "@/lib/keyset";
import type { Tenant } from "@/lib/tenancy/resolve";

// The commune's invoices on the town hall's side. The billing software publishes them, by a CSV
// file an admin imports in /admin/factures or by the API (POST /api/v1/factures, with a key of the
// commune): the same checks line by line, a report of what was refused and why, and a re-import
// that changes nothing (an invoice is known by its régie and number). Any agent of the commune sees
// them with their payments and marks one « payée au guichet »: importing is for admins
// (« factures.importer »), the counter for every agent (« factures.gerer »).

export const NOT_FOUND = "Facture introuvable : rechargez la page.";
export const NOT_PAYABLE = "Cette facture n'est plus à payer (réglée ou annulée entre-temps) : rechargez la page.";
export const ALREADY_IMPORTED = "Déjà importée : la facture existante reste inchangée.";

/** The billing software, through one of the commune's API keys. */
export type ApiClient = { kind: "api"; id: string; tenantId: string; name: string; prefix: string };
export type Importer = StaffActor | ApiClient;

export type ImportRow = { line: number; values: unknown };
export type ImportReport = {
  created: number;
  skipped: number;
  rejected: { line: number; numero: string | null; reasons: string[] }[];
  /** The lines already imported before (same régie, same number): left as they were. */
  skippedLines: { line: number; numero: string; reason: string }[];
};

const mayImport = (actor: Importer, tenant: Pick<Tenant, "id">) =>
  actor.tenantId === tenant.id && (actor.kind === "api" || can(actor.role, "factures.importer"));
const mayManage = (actor: StaffActor, tenant: Pick<Tenant, "id">) => actor.tenantId === tenant.id && can(actor.role, "factures.gerer");
const isId = (id: unknown): id is string => z.uuid().safeParse(id).success;
const regieKey = (name: string) => name.trim().normalize("NFC").toLocaleLowerCase("fr");
const numeroOf = (values: unknown) => {
  const raw = values && typeof values === "object" ? (values as Record<string, unknown>).numero : undefined;
  return (typeof raw === "string" && raw.trim()) || typeof raw === "number" ? String(raw).trim().slice(0, 50) : null;
};
const textOf = (values: unknown, key: string) => {
  const raw = values && typeof values === "object" ? (values as Record<string, unknown>)[key] : undefined;
  return typeof raw === "string" && raw.trim() ? raw.trim() : null;
};

/**
 * Imports invoices (the lines of a CSV file, or the API's list), each checked on its own: a line
 * refused for its fields, an unknown régie or identifiant, or a number repeated in the same import
 * is reported with its reasons; a number already imported is reported and left unchanged; the valid
 * ones are written together, in one transaction, with one audit event.
 */
export async function importInvoices(
  actor: Importer, tenant: Pick<Tenant, "id">, rows: ImportRow[], meta: { source: "csv" | "api"; file?: string; ip?: string | null } = { source: "csv" },
): Promise<ActionResult<ImportReport>> {
  if (!mayImport(actor, tenant)) return { ok: false, message: "Import réservé aux administrateurs de la commune." };
  const tenantId = actor.tenantId;
  const parsed = rows.map((row) => ({ row, result: invoiceInputSchema.safeParse(row.values) }));

  // The commune's régies (a handful) and the accounts the import names, in two queries.
  const regies = await db.regie.findMany({ where: { tenantId }, select: { id: true, name: true } });
  const regieByName = new Map(regies.map((r) => [regieKey(r.name), r]));
  const typed = [...new Set(parsed.map(({ row, result }) => (result.success ? result.data.identifiant : textOf(row.values, "identifiant")?.normalize("NFC").toLowerCase())).filter((v): v is string => Boolean(v)))];
  const accounts = typed.length
    ? await db.account.findMany({
        where: { tenantId, OR: [{ identifiant: { in: typed } }, { identifiantKey: { in: typed.map(identifiantKey) } }] },
        select: { id: true, identifiant: true, identifiantKey: true, status: true },
      })
    : [];
  /** The exact identifiant, or the only account whose identifiant reads the same without accents. */
  const accountOf = (identifiant: string) => {
    const exact = accounts.find((a) => a.identifiant === identifiant);
    if (exact) return exact;
    const alike = accounts.filter((a) => a.identifiantKey === identifiantKey(identifiant));
    return alike.length === 1 ? alike[0]! : null;
  };

  const rejected: ImportReport["rejected"] = [];
  const candidates: { line: number; regieId: string; accountId: string; input: InvoiceInput }[] = [];
  const seen = new Map<string, number>();
  for (const { row, result } of parsed) {
    const reasons = result.success ? [] : reasonsOf(result.error);
    const regieName = result.success ? result.data.regie : textOf(row.values, "regie");
    const regie = regieName ? regieByName.get(regieKey(regieName)) : undefined;
    if (regieName && !regie) reasons.push(`Régie inconnue : « ${regieName.slice(0, 100)} » (la commune a ${regies.map((r) => `« ${r.name} »`).join(", ") || "aucune régie"}).`);
    const identifiant = result.success ? result.data.identifiant : textOf(row.values, "identifiant")?.normalize("NFC").toLowerCase();
    const account = identifiant ? accountOf(identifiant) : null;
    if (identifiant && !account) reasons.push(`Identifiant inconnu dans la commune : « ${identifiant.slice(0, 100)} » (l'identifiant du titulaire du foyer, prénom.nom).`);
    if (account?.status === "REFUSE") reasons.push(`Le compte « ${account.identifiant} » a été refusé par la mairie : aucune facture ne peut lui être adressée.`);
    const numero = result.success ? result.data.number : numeroOf(row.values);
    if (regie && numero) {
      const key = `${regie.id}|${numero}`;
      const first = seen.get(key);
      if (first !== undefined) reasons.push(`Numéro ${numero} en double dans cet import (déjà ligne ${first}).`);
      else seen.set(key, row.line);
    }
    if (reasons.length || !result.success || !regie || !account) rejected.push({ line: row.line, numero, reasons });
    else candidates.push({ line: row.line, regieId: regie.id, accountId: account.id, input: result.data });
  }

  return db.$transaction(async (tx): Promise<ActionResult<ImportReport>> => {
    const existing = candidates.length
      ? await tx.invoice.findMany({
          where: { tenantId, OR: regies.map((r) => ({ regieId: r.id, number: { in: candidates.filter((c) => c.regieId === r.id).map((c) => c.input.number) } })) },
          select: { regieId: true, number: true },
        })
      : [];
    const known = new Set(existing.map((e) => `${e.regieId}|${e.number}`));
    const fresh = candidates.filter((c) => !known.has(`${c.regieId}|${c.input.number}`));
    // skipDuplicates: an import running at the same time that wrote the same number first wins; ours reports it as already there.
    const made = fresh.length
      ? await tx.invoice.createManyAndReturn({
          data: fresh.map(({ regieId, accountId, input }) => ({
            tenantId, regieId, accountId, number: input.number, domain: input.domain, label: input.label, period: input.period,
            lines: input.lines, amountCents: input.amountCents, issuedAt: input.issuedAt, dueAt: input.dueAt,
          })),
          skipDuplicates: true,
          select: { regieId: true, number: true },
        })
      : [];
    const created = new Set(made.map((m) => `${m.regieId}|${m.number}`));
    const skippedLines = candidates
      .filter((c) => !created.has(`${c.regieId}|${c.input.number}`))
      .map((c) => ({ line: c.line, numero: c.input.number, reason: ALREADY_IMPORTED }));
    const report: ImportReport = { created: made.length, skipped: skippedLines.length, rejected, skippedLines };
    await recordAudit(tx, {
      tenantId,
      actor: actor.kind === "agent" ? { kind: "AGENT", id: actor.id } : { kind: "SYSTEME", id: null },
      action: "factures.import",
      ip: meta.ip ?? null,
      details: {
        source: meta.source === "api" ? "API" : "fichier CSV",
        ...(meta.file ? { fichier: meta.file.slice(0, 200) } : {}),
        ...(actor.kind === "api" ? { cle: `${actor.name} (${actor.prefix}…)` } : {}),
        lignes: rows.length, creees: report.created, deja: report.skipped, refusees: rejected.length,
      },
    });
    return { ok: true, message: importSummary(report), data: report };
  });
}

/** « 3 factures importées, 1 déjà importée (inchangée), 2 lignes refusées. » */
export function importSummary(report: Pick<ImportReport, "created" | "skipped" | "rejected">): string {
  const n = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;
  const parts = [n(report.created, "facture importée", "factures importées")];
  if (report.skipped) parts.push(`${n(report.skipped, "déjà importée", "déjà importées")} (inchangée${report.skipped > 1 ? "s" : ""})`);
  if (report.rejected.length) parts.push(n(report.rejected.length, "ligne refusée", "lignes refusées"));
  return `${parts.join(", ")}.`;
}

/** A CSV file of invoices (the bytes as sent): read, then imported like the API's list. */
export async function importInvoiceCsv(actor: StaffActor, tenant: Pick<Tenant, "id">, bytes: Uint8Array, fileName: string, ip: string | null = null): Promise<ActionResult<ImportReport>> {
  if (!mayImport(actor, tenant)) return { ok: false, message: "Import réservé aux administrateurs de la commune." };
  const read = readInvoiceCsv(bytes);
  if (!read.ok) return { ok: false, message: read.message, fieldErrors: { fichier: read.message } };
  return importInvoices(actor, tenant, read.rows, { source: "csv", file: fileName, ip });
}

/**
 * « Marquer payée au guichet »: an unpaid invoice becomes paid at the counter, now, and leaves the
 * basket that held it. A card payment running for it is left alone: if it succeeds, its settlement
 * finds the invoice paid and flags the payment for an agent (lib/billing/payments); if not, it
 * releases it. Twice, or after an online payment, it is refused.
 */
export async function markPaidAtCounter(actor: StaffActor, tenant: Pick<Tenant, "id">, invoiceId: unknown, ip: string | null = null, now = new Date()): Promise<ActionResult> {
  if (!mayManage(actor, tenant) || !isId(invoiceId)) return { ok: false, message: NOT_FOUND };
  return db.$transaction(async (tx): Promise<ActionResult> => {
    const invoice = await tx.invoice.findFirst({
      where: { id: invoiceId, tenantId: actor.tenantId },
      select: { id: true, number: true, amountCents: true, status: true, regie: { select: { name: true } }, account: { select: { identifiant: true } }, basketItem: { select: { basketId: true } } },
    });
    if (!invoice) return { ok: false, message: NOT_FOUND };
    const paid = await tx.invoice.updateMany({ where: { id: invoice.id, tenantId: actor.tenantId, status: "A_PAYER" }, data: { status: "PAYEE", paidVia: "GUICHET", paidAt: now } });
    if (paid.count === 0) return { ok: false, message: NOT_PAYABLE };
    if (invoice.basketItem) {
      const basketId = invoice.basketItem.basketId;
      await tx.basketItem.deleteMany({ where: { invoiceId: invoice.id } });
      const left = await tx.basketItem.count({ where: { basketId } });
      await tx.basket.updateMany({ where: { id: basketId }, data: { version: { increment: 1 }, ...(left ? {} : { regieId: null }) } });
    }
    await recordAudit(tx, {
      tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "facture.guichet", target: { type: "Facture", id: invoice.id }, ip,
      details: { numero: invoice.number, regie: invoice.regie.name, compte: invoice.account.identifiant, montant: invoice.amountCents },
    });
    return { ok: true, message: `Facture ${invoice.number} marquée payée au guichet.` };
  });
}

// ——— Reading ———

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = { A_PAYER: "À payer", PAYEE: "Payée", ANNULEE: "Annulée" };
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = { EN_COURS: "En cours", REUSSI: "Réussi", ECHOUE: "Échoué", ABANDONNE: "Abandonné", EXPIRE: "Expiré" };
const PAGE_SIZE = 50;

export type InvoiceFilters = { regie?: string; statut?: string; q?: string; apres?: string };

/** The filters of the address, kept only when they make sense (an unknown status is ignored). */
export function readInvoiceFilters(search: Record<string, string | string[] | undefined>): InvoiceFilters {
  const one = (key: string) => {
    const v = search[key];
    return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 100) || undefined;
  };
  const statut = one("statut");
  return { regie: isId(one("regie")) ? one("regie") : undefined, statut: statut && statut in INVOICE_STATUS_LABELS ? statut : undefined, q: one("q"), apres: one("apres") };
}

/** The filters as a query string (without the page unless given). */
export function invoiceQuery(filters: InvoiceFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ regie: filters.regie, statut: filters.statut, q: filters.q, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

const invoiceRowSelect = {
  id: true, number: true, domain: true, label: true, period: true, amountCents: true, issuedAt: true, dueAt: true, status: true, paidAt: true, paidVia: true, createdAt: true,
  regie: { select: { id: true, name: true } },
  account: { select: { id: true, identifiant: true } },
  lockedBy: { select: { status: true, expiresAt: true } },
} as const satisfies Prisma.InvoiceSelect;

/** One page of the commune's invoices, newest imported first, filtered by régie, status and number or identifiant. */
export async function listInvoices(actor: StaffActor, filters: InvoiceFilters, now = new Date()) {
  if (!can(actor.role, "factures.gerer")) return { rows: [], next: null, regies: [] };
  const cursor = decodeCursor(filters.apres);
  const q = filters.q?.trim();
  const where: Prisma.InvoiceWhereInput = {
    tenantId: actor.tenantId,
    ...(filters.regie ? { regieId: filters.regie } : {}),
    ...(filters.statut ? { status: filters.statut as InvoiceStatus } : {}),
    ...(q ? { OR: [{ number: { contains: q, mode: "insensitive" } }, { account: { identifiant: { contains: q.normalize("NFC").toLowerCase() } } }, { account: { identifiantKey: { contains: identifiantKey(q) } } }] } : {}),
    ...(cursor ? { AND: [after("createdAt", cursor, "desc")] } : {}),
  };
  const [found, regies] = await Promise.all([
    db.invoice.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: PAGE_SIZE + 1, select: invoiceRowSelect }),
    db.regie.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
  ]);
  const page = found.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page.map(({ lockedBy, ...row }) => ({ ...row, payingOnline: lockedBy?.status === "EN_COURS" && lockedBy.expiresAt > now })),
    next: found.length > PAGE_SIZE && last ? encodeCursor(last.createdAt, last.id) : null,
    regies,
  };
}

/** One invoice of the commune, with its lines and the payments that included it (the counter's confirmation page). */
export async function invoiceForAgent(actor: StaffActor, invoiceId: string, now = new Date()) {
  if (!can(actor.role, "factures.gerer") || !isId(invoiceId)) return null;
  const invoice = await db.invoice.findFirst({
    where: { id: invoiceId, tenantId: actor.tenantId },
    select: {
      ...invoiceRowSelect, lines: true,
      account: { select: { id: true, identifiant: true, firstNames: true, birthName: true, usageName: true } },
      basketItem: { select: { basketId: true } },
      paymentItems: { orderBy: { payment: { createdAt: "desc" } }, select: { amountCents: true, payment: { select: { id: true, status: true, createdAt: true, completedAt: true, flag: true } } } },
    },
  });
  if (!invoice) return null;
  const lines = z.array(z.object({ label: z.string(), quantity: z.number(), unitCents: z.number(), totalCents: z.number() })).catch([]).parse(invoice.lines);
  const { lockedBy, ...rest } = invoice;
  return { ...rest, lines, payingOnline: lockedBy?.status === "EN_COURS" && lockedBy.expiresAt > now };
}

// ——— Payments ———

export type PaymentFilters = { regie?: string; statut?: string; signales?: string; apres?: string };

export function readPaymentFilters(search: Record<string, string | string[] | undefined>): PaymentFilters {
  const one = (key: string) => {
    const v = search[key];
    return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 100) || undefined;
  };
  const statut = one("statut");
  return {
    regie: isId(one("regie")) ? one("regie") : undefined,
    statut: statut && statut in PAYMENT_STATUS_LABELS ? statut : undefined,
    signales: one("signales") === "1" ? "1" : undefined,
    apres: one("apres"),
  };
}

export function paymentQuery(filters: PaymentFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ regie: filters.regie, statut: filters.statut, signales: filters.signales, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

const paymentSelect = {
  id: true, status: true, provider: true, providerRef: true, amountCents: true, createdAt: true, completedAt: true, expiresAt: true, flag: true,
  regie: { select: { name: true } },
  account: { select: { identifiant: true } },
  items: { orderBy: { invoice: { number: "asc" } }, select: { amountCents: true, invoice: { select: { id: true, number: true } } } },
} as const satisfies Prisma.PaymentSelect;

function paymentWhere(actor: StaffActor, filters: PaymentFilters): Prisma.PaymentWhereInput {
  return {
    tenantId: actor.tenantId,
    ...(filters.regie ? { regieId: filters.regie } : {}),
    ...(filters.statut ? { status: filters.statut as PaymentStatus } : {}),
    ...(filters.signales ? { flag: { not: null } } : {}),
  };
}

/** One page of the commune's card payments, newest first, with their invoices; flagged ones are counted apart. */
export async function listPayments(actor: StaffActor, filters: PaymentFilters) {
  if (!can(actor.role, "factures.gerer")) return { rows: [], next: null, regies: [], flagged: 0 };
  const cursor = decodeCursor(filters.apres);
  const where = paymentWhere(actor, filters);
  const [found, regies, flagged] = await Promise.all([
    db.payment.findMany({ where: { ...where, ...(cursor ? { AND: [after("createdAt", cursor, "desc")] } : {}) }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: PAGE_SIZE + 1, select: paymentSelect }),
    db.regie.findMany({ where: { tenantId: actor.tenantId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    db.payment.count({ where: { tenantId: actor.tenantId, flag: { not: null } } }),
  ]);
  const page = found.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: found.length > PAGE_SIZE && last ? encodeCursor(last.createdAt, last.id) : null, regies, flagged };
}

export const EXPORT_LIMIT = 10_000;

/**
 * The payments for reconciliation (CSV), as filtered, oldest first, up to EXPORT_LIMIT. Audited: it
 * names households and amounts.
 */
export async function exportPayments(actor: StaffActor, tenant: Pick<Tenant, "id">, filters: PaymentFilters, ip: string | null = null) {
  if (!mayManage(actor, tenant)) return { rows: [], truncated: false };
  const rows = await db.payment.findMany({ where: paymentWhere(actor, filters), orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: EXPORT_LIMIT + 1, select: paymentSelect });
  await recordAudit(db, {
    tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "paiements.exporter", ip,
    details: { regie: filters.regie ?? "toutes", statut: filters.statut ?? "tous", lignes: Math.min(rows.length, EXPORT_LIMIT) },
  });
  return { rows: rows.slice(0, EXPORT_LIMIT), truncated: rows.length > EXPORT_LIMIT };
}
