import type { StaffActor } from "@/lib/agents/scope";
import { authenticateApiKey, createApiKey, listApiKeys, NOT_FOUND as KEY_NOT_FOUND, revokeApiKey } from "@/lib/billing/api-keys";
import { ALREADY_IMPORTED, exportPayments, importInvoiceCsv, importInvoices, listInvoices, listPayments, markPaidAtCounter, NOT_FOUND, NOT_PAYABLE, type ApiClient } from "@/lib/billing/invoices";
import { settlePayment } from "@/lib/billing/payments";
import { db } from "@/lib/db";
import { createAccountRow, createFullTenant, createInvoice, createRegieRow } from "@/tests/factories";

// Invoices on the town hall's side: imported from the billing software's CSV (or its API) line by
// line with French reasons and without duplicates, listed for the agents, marked « payée au
// guichet »; and the API keys the billing software uses. Rights: admins import, every agent marks
// counter payments (lib/agents/permissions).

const adminOf = (tenant: { id: string }): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] });
const agentOf = (tenant: { id: string }): StaffActor => ({ ...adminOf(tenant), role: "AGENT" });
const csv = (...lines: string[]) => new TextEncoder().encode(`\uFEFF${["regie;identifiant;numero;domaine;libelle;periode;montant;date_emission;date_echeance", ...lines].join("\r\n")}\r\n`);

async function commune() {
  const tenant = await createFullTenant();
  const ville = await createRegieRow(tenant, { name: "Régie Ville" });
  const ccas = await createRegieRow(tenant, { name: "Régie CCAS" });
  const lucie = await createAccountRow(tenant, { identifiant: "lucie.bernard", firstNames: "Lucie", birthName: "Bernard", status: "VALIDE" });
  const hugo = await createAccountRow(tenant, { identifiant: "hugo.petit", firstNames: "Hugo", birthName: "Petit", status: "EN_ATTENTE" });
  const rene = await createAccountRow(tenant, { identifiant: "rené.refus", firstNames: "René", birthName: "Refus", status: "REFUSE" });
  return { tenant, ville, ccas, lucie, hugo, rene, admin: adminOf(tenant), agent: agentOf(tenant) };
}

const invoicesOf = (tenantId: string) =>
  db.invoice.findMany({ where: { tenantId }, orderBy: [{ number: "asc" }, { amountCents: "asc" }], select: { number: true, regieId: true, accountId: true, domain: true, label: true, period: true, amountCents: true, issuedAt: true, dueAt: true, status: true } });

describe("importInvoiceCsv", () => {
  it("imports a valid file: cents, days, domains in French words, accounts validated or pending; audited", async () => {
    const c = await commune();
    const result = await importInvoiceCsv(c.admin, c.tenant, csv(
      "Régie Ville;lucie.bernard;F-2026-001;périscolaire;Accueil du soir;Septembre 2026;48,60;2026-10-03;31/10/2026",
      "régie ccas;Lucie.Bernard;C-2026-001;CCAS;Portage de repas;Septembre 2026;112;03/10/2026;2026-10-31",
      "Régie Ville;hugo.petit;F-2026-002;petite enfance;Crèche;Octobre 2026;1 250,00 €;2026-10-03;2026-11-15",
      "Régie Ville;rene.refus;F-2026-003;scolaire;Cantine;;3.5;2026-10-03;2026-11-15",
    ), "octobre.csv", "192.0.2.7");
    expect(result).toMatchObject({ ok: true, message: "3 factures importées, 1 ligne refusée.", data: { created: 3, skipped: 0, skippedLines: [] } });
    if (!result.ok) throw new Error();
    // « rene.refus » finds « rené.refus » (accents forgiven), whose account was refused.
    expect(result.data.rejected).toEqual([{ line: 5, numero: "F-2026-003", reasons: ["Le compte « rené.refus » a été refusé par la mairie : aucune facture ne peut lui être adressée."] }]);
    expect(await invoicesOf(c.tenant.id)).toEqual([
      { number: "C-2026-001", regieId: c.ccas.id, accountId: c.lucie.id, domain: "CCAS", label: "Portage de repas", period: "Septembre 2026", amountCents: 11200, issuedAt: new Date("2026-10-03T00:00:00Z"), dueAt: new Date("2026-10-31T00:00:00Z"), status: "A_PAYER" },
      { number: "F-2026-001", regieId: c.ville.id, accountId: c.lucie.id, domain: "PERISCOLAIRE", label: "Accueil du soir", period: "Septembre 2026", amountCents: 4860, issuedAt: new Date("2026-10-03T00:00:00Z"), dueAt: new Date("2026-10-31T00:00:00Z"), status: "A_PAYER" },
      { number: "F-2026-002", regieId: c.ville.id, accountId: c.hugo.id, domain: "PETITE_ENFANCE", label: "Crèche", period: "Octobre 2026", amountCents: 125000, issuedAt: new Date("2026-10-03T00:00:00Z"), dueAt: new Date("2026-11-15T00:00:00Z"), status: "A_PAYER" },
    ]);
    const audit = await db.auditEvent.findMany({ where: { tenantId: c.tenant.id }, select: { action: true, actorKind: true, actorId: true, ip: true, details: true } });
    expect(audit).toEqual([{ action: "factures.import", actorKind: "AGENT", actorId: c.admin.id, ip: "192.0.2.7", details: { source: "fichier CSV", fichier: "octobre.csv", lignes: 4, creees: 3, deja: 0, refusees: 1 } }]);
  });

  it("is idempotent: the same file again creates nothing, changes nothing, and says « déjà importée »", async () => {
    const c = await commune();
    const file = ["Régie Ville;lucie.bernard;F-1;scolaire;Cantine;Septembre 2026;48,60;2026-10-03;2026-10-31", "Régie CCAS;lucie.bernard;C-1;ccas;Repas;Septembre 2026;12;2026-10-03;2026-10-31"];
    expect(await importInvoiceCsv(c.admin, c.tenant, csv(...file), "a.csv")).toMatchObject({ ok: true, data: { created: 2, skipped: 0 } });
    const before = await invoicesOf(c.tenant.id);
    // The same numbers with another amount: the invoices already published stay as they were.
    const again = await importInvoiceCsv(c.admin, c.tenant, csv(...file.map((l) => l.replace("48,60", "99,99")), "Régie Ville;lucie.bernard;F-2;scolaire;Cantine;Octobre 2026;50;2026-11-03;2026-11-30"), "a.csv");
    expect(again).toEqual({
      ok: true, message: "1 facture importée, 2 déjà importées (inchangées).",
      data: { created: 1, skipped: 2, rejected: [], skippedLines: [{ line: 2, numero: "F-1", reason: ALREADY_IMPORTED }, { line: 3, numero: "C-1", reason: ALREADY_IMPORTED }] },
    });
    expect((await invoicesOf(c.tenant.id)).filter((i) => i.number !== "F-2")).toEqual(before);
    expect(await db.invoice.count({ where: { tenantId: c.tenant.id } })).toBe(3);
  });

  it("refuses lines with French reasons (unknown régie or identifiant, bad amount, bad date, number twice) and imports the others", async () => {
    const c = await commune();
    const result = await importInvoiceCsv(c.admin, c.tenant, csv(
      "Régie Sports;lucie.bernard;S-1;scolaire;Piscine;;10;2026-10-03;2026-10-31",
      "Régie Ville;lucie.martin;F-1;scolaire;Cantine;;10;2026-10-03;2026-10-31",
      "Régie Ville;lucie.bernard;F-2;scolaire;Cantine;;dix euros;2026-10-03;2026-10-31",
      "Régie Ville;lucie.bernard;F-3;scolaire;Cantine;;-5;2026-10-03;2026-10-31",
      "Régie Ville;lucie.bernard;F-4;scolaire;Cantine;;10;31/02/2026;2026-10-31",
      "Régie Ville;lucie.bernard;F-5;cantine;Cantine;;10;2026-10-03;2026-10-31",
      "Régie Ville;lucie.bernard;F-7;scolaire;Cantine;;10;2026-10-03;2026-10-01",
      "Régie Ville;lucie.bernard;F-6;scolaire;Cantine;;10;2026-10-03;2026-10-31",
      "Régie Ville;hugo.petit;F-6;scolaire;Cantine;;20;2026-10-03;2026-10-31",
      "Régie CCAS;hugo.petit;F-6;ccas;Repas;;20;2026-10-03;2026-10-31",
      ";;;;;;;;",
      "Régie Ville;lucie.bernard",
    ), "erreurs.csv");
    expect(result.ok).toBe(true);
    if (!result.ok) throw new Error();
    expect(result.data.created).toBe(2);
    expect(result.data.rejected).toEqual([
      { line: 2, numero: "S-1", reasons: ["Régie inconnue : « Régie Sports » (la commune a « Régie Ville », « Régie CCAS »)."] },
      { line: 3, numero: "F-1", reasons: ["Identifiant inconnu dans la commune : « lucie.martin » (l'identifiant du titulaire du foyer, prénom.nom)."] },
      { line: 4, numero: "F-2", reasons: ["Montant invalide : « dix euros » (un nombre d'euros avec au plus deux décimales, par exemple 48,60)."] },
      { line: 5, numero: "F-3", reasons: ["Montant doit être supérieur à zéro : « -5 »."] },
      { line: 6, numero: "F-4", reasons: ["Date d'émission invalide : « 31/02/2026 » (AAAA-MM-JJ ou JJ/MM/AAAA, une date qui existe)."] },
      { line: 7, numero: "F-5", reasons: ["Domaine inconnu : « cantine » (scolaire, périscolaire, petite enfance ou CCAS)."] },
      { line: 8, numero: "F-7", reasons: ["La date d'échéance précède la date d'émission."] },
      { line: 10, numero: "F-6", reasons: ["Numéro F-6 en double dans cet import (déjà ligne 9)."] },
      // A line of separators only is blank, skipped like an empty line; a short line lacks its cells.
      { line: 13, numero: null, reasons: ["Numéro de facture manquant.", "Domaine manquant (scolaire, périscolaire, petite enfance ou CCAS).", "Libellé manquant.", "Montant manquant.", "Date d'émission manquante.", "Date d'échéance manquante."] },
    ]);
    // F-6 of the Ville once (line 9), and F-6 of the CCAS: numbers are unique per régie.
    expect((await invoicesOf(c.tenant.id)).map((i) => [i.number, i.regieId, i.amountCents])).toEqual([["F-6", c.ville.id, 1000], ["F-6", c.ccas.id, 2000]]);
  });

  it("never matches another commune's régie or account", async () => {
    const c = await commune();
    const other = await createFullTenant();
    await createRegieRow(other, { name: "Régie Piscine" });
    await createAccountRow(other, { identifiant: "marc.ailleurs", status: "VALIDE" });
    const result = await importInvoiceCsv(c.admin, c.tenant, csv(
      "Régie Piscine;lucie.bernard;P-1;scolaire;Piscine;;10;2026-10-03;2026-10-31",
      "Régie Ville;marc.ailleurs;F-1;scolaire;Cantine;;10;2026-10-03;2026-10-31",
    ), "x.csv");
    expect(result).toMatchObject({ ok: true, data: { created: 0, rejected: [{ line: 2, reasons: [expect.stringContaining("Régie inconnue")] }, { line: 3, reasons: [expect.stringContaining("Identifiant inconnu")] }] } });
    expect(await db.invoice.count({ where: { tenantId: { in: [c.tenant.id, other.id] } } })).toBe(0);
    // Another commune's admin, on this commune: refused whole.
    expect(await importInvoiceCsv(adminOf(other), c.tenant, csv("Régie Ville;lucie.bernard;F-1;scolaire;Cantine;;10;2026-10-03;2026-10-31"), "x.csv")).toMatchObject({ ok: false });
    expect(await db.invoice.count({ where: { tenantId: { in: [c.tenant.id, other.id] } } })).toBe(0);
  });

  it("is for admins: an agent's import is refused and writes nothing", async () => {
    const c = await commune();
    expect(await importInvoiceCsv(c.agent, c.tenant, csv("Régie Ville;lucie.bernard;F-1;scolaire;Cantine;;10;2026-10-03;2026-10-31"), "x.csv"))
      .toEqual({ ok: false, message: "Import réservé aux administrateurs de la commune." });
    expect(await db.invoice.count({ where: { tenantId: c.tenant.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { tenantId: c.tenant.id } })).toBe(0);
  });

  it("refuses a file it cannot read as invoices, in French, before anything", async () => {
    const c = await commune();
    expect(await importInvoiceCsv(c.admin, c.tenant, new TextEncoder().encode("numero;montant\nF-1;10\n"), "x.csv"))
      .toMatchObject({ ok: false, fieldErrors: { fichier: expect.stringContaining("il manque les colonnes regie, identifiant, domaine, libelle, date_emission, date_echeance") } });
    expect(await db.auditEvent.count({ where: { tenantId: c.tenant.id } })).toBe(0);
  });
});

describe("importInvoices by the API's client", () => {
  it("imports for the key's commune only, audited as the billing software", async () => {
    const c = await commune();
    const client: ApiClient = { kind: "api", id: crypto.randomUUID(), tenantId: c.tenant.id, name: "Facturation", prefix: "cc_abcdefgh" };
    const values = { regie: "Régie Ville", identifiant: "lucie.bernard", numero: "API-1", domaine: "SCOLAIRE", libelle: "Cantine", montant: 48.6, date_emission: "2026-10-03", date_echeance: "2026-10-31" };
    expect(await importInvoices(client, c.tenant, [{ line: 1, values }], { source: "api" })).toMatchObject({ ok: true, data: { created: 1 } });
    expect(await db.auditEvent.findFirst({ where: { tenantId: c.tenant.id }, select: { actorKind: true, details: true } }))
      .toEqual({ actorKind: "SYSTEME", details: { source: "API", cle: "Facturation (cc_abcdefgh…)", lignes: 1, creees: 1, deja: 0, refusees: 0 } });
    const other = await createFullTenant();
    expect(await importInvoices({ ...client, tenantId: other.id }, c.tenant, [{ line: 1, values: { ...values, numero: "API-2" } }], { source: "api" })).toMatchObject({ ok: false });
    expect(await db.invoice.count({ where: { tenantId: c.tenant.id } })).toBe(1);
  });
});

describe("markPaidAtCounter", () => {
  it("marks an unpaid invoice paid at the counter, takes it out of the basket, is audited, and is refused the second time", async () => {
    const c = await commune();
    const invoice = await createInvoice(c.lucie, c.ville);
    const basket = await db.basket.create({ data: { tenantId: c.tenant.id, accountId: c.lucie.id, regieId: c.ville.id, items: { create: { invoiceId: invoice.id } } }, select: { id: true } });
    const now = new Date("2026-11-02T09:30:00Z");
    expect(await markPaidAtCounter(c.agent, c.tenant, invoice.id, "192.0.2.9", now)).toEqual({ ok: true, message: `Facture ${invoice.number} marquée payée au guichet.` });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { status: true, paidVia: true, paidAt: true } })).toEqual({ status: "PAYEE", paidVia: "GUICHET", paidAt: now });
    expect(await db.basketItem.count({ where: { basketId: basket.id } })).toBe(0);
    expect(await db.basket.findUniqueOrThrow({ where: { id: basket.id }, select: { regieId: true, version: true, status: true } })).toEqual({ regieId: null, version: 1, status: "OUVERT" });
    expect(await db.auditEvent.findFirst({ where: { tenantId: c.tenant.id, action: "facture.guichet" }, select: { actorId: true, targetType: true, targetId: true, ip: true, details: true } }))
      .toEqual({ actorId: c.agent.id, targetType: "Facture", targetId: invoice.id, ip: "192.0.2.9", details: { numero: invoice.number, regie: "Régie Ville", compte: "lucie.bernard", montant: invoice.amountCents } });

    expect(await markPaidAtCounter(c.agent, c.tenant, invoice.id)).toEqual({ ok: false, message: NOT_PAYABLE });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { paidAt: true } })).toEqual({ paidAt: now });
    expect(await db.auditEvent.count({ where: { tenantId: c.tenant.id, action: "facture.guichet" } })).toBe(1);
  });

  it("keeps the rest of the basket and its régie", async () => {
    const c = await commune();
    const [one, two] = [await createInvoice(c.lucie, c.ville), await createInvoice(c.lucie, c.ville)];
    const basket = await db.basket.create({ data: { tenantId: c.tenant.id, accountId: c.lucie.id, regieId: c.ville.id, items: { create: [{ invoiceId: one.id }, { invoiceId: two.id }] } }, select: { id: true } });
    expect(await markPaidAtCounter(c.admin, c.tenant, one.id)).toMatchObject({ ok: true });
    expect(await db.basket.findUniqueOrThrow({ where: { id: basket.id }, select: { regieId: true, items: { select: { invoiceId: true } } } })).toEqual({ regieId: c.ville.id, items: [{ invoiceId: two.id }] });
  });

  it("leaves a running card payment alone: when it succeeds, the payment is flagged and the invoice stays paid at the counter", async () => {
    const c = await commune();
    const invoice = await createInvoice(c.lucie, c.ville);
    const basket = await db.basket.create({ data: { tenantId: c.tenant.id, accountId: c.lucie.id, regieId: c.ville.id, status: "A_PAYER", items: { create: { invoiceId: invoice.id } } }, select: { id: true } });
    const payment = await db.payment.create({
      data: { tenantId: c.tenant.id, regieId: c.ville.id, accountId: c.lucie.id, provider: "SIMULATION", amountCents: invoice.amountCents, expiresAt: new Date(Date.now() + 30 * 60_000), items: { create: { invoiceId: invoice.id, amountCents: invoice.amountCents } } },
      select: { id: true },
    });
    await db.invoice.update({ where: { id: invoice.id }, data: { lockedById: payment.id } });

    expect(await markPaidAtCounter(c.agent, c.tenant, invoice.id)).toMatchObject({ ok: true });
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true, flag: true } })).toEqual({ status: "EN_COURS", flag: null });
    expect(await db.basketItem.count({ where: { basketId: basket.id } })).toBe(0);

    await settlePayment(payment.id, "REUSSI");
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id }, select: { status: true, flag: true } })).toEqual({ status: "REUSSI", flag: expect.stringContaining(invoice.number) });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { status: true, paidVia: true } })).toEqual({ status: "PAYEE", paidVia: "GUICHET" });
    const { rows, flagged } = await listPayments(c.agent, { signales: "1" });
    expect(flagged).toBe(1);
    expect(rows.map((p) => [p.id, p.items.map((i) => i.invoice.number)])).toEqual([[payment.id, [invoice.number]]]);
  });

  it("is not found for another commune's agent, an unknown id or no id, and changes nothing", async () => {
    const c = await commune();
    const other = await createFullTenant();
    const invoice = await createInvoice(c.lucie, c.ville);
    for (const [actor, tenant, id] of [[agentOf(other), other, invoice.id], [agentOf(other), c.tenant, invoice.id], [c.agent, c.tenant, crypto.randomUUID()], [c.agent, c.tenant, "F-1"]] as const) {
      expect(await markPaidAtCounter(actor, tenant, id)).toEqual({ ok: false, message: NOT_FOUND });
    }
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { status: true } })).toEqual({ status: "A_PAYER" });
    expect(await db.auditEvent.count({ where: { tenantId: { in: [c.tenant.id, other.id] } } })).toBe(0);
  });
});

describe("listInvoices and exportPayments", () => {
  it("lists the commune's invoices with their régie, filtered by régie, status and number or identifiant, by pages", async () => {
    const c = await commune();
    const other = await createFullTenant();
    await createInvoice(await createAccountRow(other, { identifiant: "lucie.bernard" }), await createRegieRow(other, { name: "Régie Ville" }), { number: "AUTRE-1" });
    const ville = await createInvoice(c.lucie, c.ville, { number: "V-100" });
    const ccas = await createInvoice(c.lucie, c.ccas, { number: "C-100" });
    const paid = await createInvoice(c.hugo, c.ville, { number: "V-101", status: "PAYEE" });
    const numbers = async (filters: Parameters<typeof listInvoices>[1]) => (await listInvoices(c.agent, filters)).rows.map((r) => `${r.number} ${r.regie.name}`).sort();
    expect(await numbers({})).toEqual(["C-100 Régie CCAS", "V-100 Régie Ville", "V-101 Régie Ville"]);
    expect(await numbers({ regie: c.ccas.id })).toEqual(["C-100 Régie CCAS"]);
    expect(await numbers({ statut: "PAYEE" })).toEqual(["V-101 Régie Ville"]);
    expect(await numbers({ q: "v-10" })).toEqual(["V-100 Régie Ville", "V-101 Régie Ville"]);
    expect(await numbers({ q: "Hugo" })).toEqual(["V-101 Régie Ville"]);
    expect([ville, ccas, paid].every((i) => i.regieId)).toBe(true);

    for (let i = 0; i < 50; i++) await createInvoice(c.lucie, c.ville, { number: `P-${i}` });
    const first = await listInvoices(c.agent, {});
    expect(first.rows).toHaveLength(50);
    const second = await listInvoices(c.agent, { apres: first.next! });
    expect(second.next).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(53);
  });

  it("exports the payments of a régie, audited", async () => {
    const c = await commune();
    const invoice = await createInvoice(c.lucie, c.ccas);
    await db.payment.create({ data: { tenantId: c.tenant.id, regieId: c.ccas.id, accountId: c.lucie.id, provider: "SIMULATION", status: "REUSSI", amountCents: invoice.amountCents, expiresAt: new Date(), items: { create: { invoiceId: invoice.id, amountCents: invoice.amountCents } } } });
    expect((await exportPayments(c.agent, c.tenant, { regie: c.ville.id })).rows).toEqual([]);
    const { rows } = await exportPayments(c.agent, c.tenant, { regie: c.ccas.id }, "192.0.2.1");
    expect(rows.map((p) => [p.regie.name, p.account.identifiant, p.status, p.items.map((i) => i.invoice.number)])).toEqual([["Régie CCAS", "lucie.bernard", "REUSSI", [invoice.number]]]);
    expect(await db.auditEvent.count({ where: { tenantId: c.tenant.id, action: "paiements.exporter" } })).toBe(2);
    expect((await exportPayments(agentOf(await createFullTenant()), c.tenant, {})).rows).toEqual([]);
  });
});

describe("API keys", () => {
  it("are created by admins, shown once, stored as a hash with a prefix, authenticate on their commune only, and stop when revoked", async () => {
    const c = await commune();
    const other = await createFullTenant();
    const created = await createApiKey(c.admin, c.tenant, { name: "  Logiciel enfance " }, "192.0.2.3");
    if (!created.ok) throw new Error(created.message);
    const key = created.data.key;
    expect(key).toMatch(/^cc_[A-Za-z0-9_-]{40}$/);
    const row = await db.apiKey.findFirstOrThrow({ where: { tenantId: c.tenant.id } });
    expect(row).toMatchObject({ name: "Logiciel enfance", prefix: key.slice(0, 11), revokedAt: null, lastUsedAt: null });
    expect(row.hash).not.toContain(key.slice(3));
    expect(JSON.stringify(await listApiKeys(c.admin))).not.toContain(row.hash);

    const now = new Date("2026-11-02T10:00:00Z");
    expect(await authenticateApiKey(c.tenant, `Bearer ${key}`, now)).toEqual({ kind: "api", id: row.id, tenantId: c.tenant.id, name: "Logiciel enfance", prefix: row.prefix });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).toEqual(now);
    // Another commune's host, a key one character off, no scheme, nothing: no one.
    expect(await authenticateApiKey(other, `Bearer ${key}`)).toBeNull();
    expect(await authenticateApiKey(c.tenant, `Bearer ${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await authenticateApiKey(c.tenant, key)).toBeNull();
    expect(await authenticateApiKey(c.tenant, null)).toBeNull();

    expect(await revokeApiKey(adminOf(other), other, row.id)).toEqual({ ok: false, message: KEY_NOT_FOUND });
    expect(await authenticateApiKey(c.tenant, `Bearer ${key}`)).not.toBeNull();
    expect(await revokeApiKey(c.admin, c.tenant, row.id)).toMatchObject({ ok: true });
    expect(await authenticateApiKey(c.tenant, `Bearer ${key}`)).toBeNull();
    expect((await db.auditEvent.findMany({ where: { tenantId: c.tenant.id }, orderBy: { createdAt: "asc" }, select: { action: true, details: true } })).map((e) => e.action)).toEqual(["cle-api.creer", "cle-api.revoquer"]);
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { tenantId: c.tenant.id } }))).not.toContain(key);
  });

  it("are refused to agents and need a name", async () => {
    const c = await commune();
    expect(await createApiKey(c.agent, c.tenant, { name: "Clé" })).toEqual({ ok: false, message: KEY_NOT_FOUND });
    expect(await createApiKey(c.admin, c.tenant, { name: " " })).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("Indiquez un nom") } });
    expect(await listApiKeys(c.agent)).toEqual([]);
    expect(await db.apiKey.count({ where: { tenantId: c.tenant.id } })).toBe(0);
  });
});
