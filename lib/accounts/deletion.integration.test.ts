import { randomUUID } from "node:crypto";
import { confirmDeletion, deletionPreview, deletionReview, refuseDeletion, requestDeletion, withdrawDeletion } from "@/lib/accounts/deletion";
import { issueCounterCode } from "@/lib/accounts/counter";
import { authenticate } from "@/lib/accounts/login";
import { personalData } from "@/lib/accounts/personal-data";
import { dashboardCounts } from "@/lib/agents/dashboard";
import { listAccounts } from "@/lib/agents/accounts";
import type { StaffActor } from "@/lib/agents/scope";
import { db } from "@/lib/db";
import { type AccountInput, citizenOf, createAccountRow, createFullTenant, createInvoice, createProcedure, createRegieRow, createTheme, DEFAULT_PASSWORD } from "@/tests/factories";

// The deletion of an account at its holder's request: asked with the password, withdrawn, refused
// with a reason, or confirmed by an agent of the commune, which anonymizes the account in place.

const DAY_MS = 24 * 3_600_000;
let sequence = 0;

async function commune() {
  const tenant = await createFullTenant();
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  const procedure = await createProcedure(tenant, theme, {
    title: "Enlèvement des encombrants",
    definition: { steps: [{ id: "d", title: "Demande", fields: [
      { type: "yesno", name: "lourd", label: "Objets lourds ?" },
      { type: "textarea", name: "demande", label: "Votre demande", required: true },
    ] }] },
  });
  await db.procedure.update({ where: { id: procedure.id }, data: { retentionMonths: 6 } });
  const versionId = (await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } })).id;
  const regie = await createRegieRow(tenant, { name: "Régie Ville" });
  const agent: StaffActor = { kind: "agent", id: randomUUID(), tenantId: tenant.id, role: "AGENT", serviceIds: [] };

  /** A holder with a household, a draft, an open request, a request closed recently and one closed long ago, an invoice and a payment. */
  const holder = async (input: AccountInput = {}) => {
    const account = await createAccountRow(tenant, { birthName: `Durand${++sequence}`, children: [{ firstNames: "Léa", birthDate: "2016-02-02", sex: "F" }], ...input });
    const request = (status: "BROUILLON" | "EN_COURS" | "ACCEPTEE", closedAt: Date | null) =>
      db.request.create({
        data: {
          tenantId: tenant.id, procedureId: procedure.id, versionId, accountId: account.id, status, closedAt,
          ...(status === "BROUILLON" ? {} : { numero: `${tenant.code}-2026-${String(++sequence).padStart(6, "0")}`, submittedAt: new Date(Date.now() - 400 * DAY_MS) }),
          answers: { lourd: true, demande: "Le canapé de Mme Durand, 3 rue des Lilas" },
          notes: { create: [{ tenantId: tenant.id, agentId: randomUUID(), text: "Note sur Mme Durand" }] },
        },
        select: { id: true, numero: true },
      });
    const draft = await request("BROUILLON", null);
    const open = await request("EN_COURS", null);
    const recent = await request("ACCEPTEE", new Date(Date.now() - 30 * DAY_MS));
    const old = await request("ACCEPTEE", new Date(Date.now() - 300 * DAY_MS));
    await db.attachment.create({ data: { tenantId: tenant.id, accountId: account.id, requestId: draft.id, fieldName: "demande", fileName: "brouillon.pdf", kind: "pdf", size: 10, storageKey: randomUUID() } });
    await db.attachment.create({ data: { tenantId: tenant.id, accountId: account.id, requestId: recent.id, fieldName: "demande", fileName: "gardee.pdf", kind: "pdf", size: 10, storageKey: randomUUID() } });
    await db.accountToken.create({ data: { accountId: account.id, kind: "MOT_DE_PASSE", tokenHash: `jeton-${randomUUID()}`, expiresAt: new Date(Date.now() + 3_600_000) } });
    await db.message.create({
      data: { tenantId: tenant.id, accountId: account.id, channel: "EMAIL", recipient: account.email, template: "compteValide", senderName: "Mairie", subject: "Votre compte est validé", text: "Bonjour", status: "ENVOYE", idempotencyKey: randomUUID() },
    });
    const invoice = await createInvoice(account, regie, { status: "PAYEE" });
    const unpaid = await createInvoice(account, regie);
    const basket = await db.basket.create({ data: { tenantId: tenant.id, accountId: account.id, regieId: regie.id, items: { create: [{ invoiceId: unpaid.id }] } } });
    const payment = await db.payment.create({
      data: { tenantId: tenant.id, regieId: regie.id, accountId: account.id, provider: "SIMULATION", status: "REUSSI", amountCents: invoice.amountCents, expiresAt: new Date(), completedAt: new Date() },
    });
    return { account, citizen: citizenOf(account), draft, open, recent, old, invoice, unpaid, basket, payment };
  };
  return { tenant, agent, holder };
}

describe("asking for the deletion", () => {
  it("needs the password, keeps the note, shows among the agents' accounts, and can be withdrawn", async () => {
    const { agent, holder } = await commune();
    const asAgent = { ...agent, firstNames: "Sophie", lastName: "Durand", email: "agent@exemple.fr" };
    const { account, citizen } = await holder();
    const pending = async () => (await db.account.findUniqueOrThrow({ where: { id: account.id }, select: { deletionRequestedAt: true, deletionRequestNote: true } }));

    expect(await requestDeletion(citizen, { password: "pas-le-bon-mot-de-passe" })).toMatchObject({ ok: false, fieldErrors: { password: expect.stringContaining("pas le bon") } });
    expect(await requestDeletion(citizen, { password: "" })).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect((await pending()).deletionRequestedAt).toBeNull();

    expect(await requestDeletion(citizen, { password: DEFAULT_PASSWORD, note: "Je déménage à Lyon." })).toMatchObject({ ok: true });
    expect(await pending()).toMatchObject({ deletionRequestedAt: expect.any(Date), deletionRequestNote: "Je déménage à Lyon." });
    expect((await deletionPreview(citizen))!.pending).toMatchObject({ note: "Je déménage à Lyon." });
    expect(await dashboardCounts(asAgent as never)).toMatchObject({ deletions: 1 });
    expect((await listAccounts(asAgent as never, { statut: "SUPPRESSION" })).accounts.map((a) => a.id)).toEqual([account.id]);

    expect(await withdrawDeletion(citizen)).toMatchObject({ ok: true });
    expect(await pending()).toEqual({ deletionRequestedAt: null, deletionRequestNote: null });
    expect(await dashboardCounts(asAgent as never)).toMatchObject({ deletions: 0 });
    expect(await withdrawDeletion(citizen)).toMatchObject({ ok: false });
  });

  it("tells beforehand what is deleted, what is kept and why", async () => {
    const { holder } = await commune();
    const h = await holder();
    const preview = (await deletionPreview(h.citizen))!;
    const fate = (numero: string | null) => preview.requests.find((r) => r.numero === numero)!;
    expect(preview.requests.find((r) => r.numero === null)).toMatchObject({ fate: "supprimee" });
    expect(fate(h.open.numero)).toMatchObject({ fate: "conservee", why: expect.stringContaining("encore en cours de traitement") });
    expect(fate(h.recent.numero)).toMatchObject({ fate: "conservee", why: expect.stringMatching(/gardée jusqu'au .+ \(6 mois pour cette démarche\)/) });
    expect(fate(h.old.numero)).toMatchObject({ fate: "anonymisee", why: expect.stringContaining("durée de conservation (6 mois") });
    expect(preview).toMatchObject({ invoices: 2, payments: 1, members: 2 });
  });
});

describe("confirming the deletion", () => {
  it("anonymizes the account in place and deletes or keeps each thing as announced", async () => {
    const { tenant, agent, holder } = await commune();
    const h = await holder();
    const before = await db.account.findUniqueOrThrow({ where: { id: h.account.id }, select: { identifiant: true, email: true, sessionVersion: true } });
    await requestDeletion(h.citizen, { password: DEFAULT_PASSWORD, note: "Merci" });

    expect(await confirmDeletion(agent, tenant, h.account.id, "203.0.113.9")).toMatchObject({ ok: true });

    const stub = await db.account.findUniqueOrThrow({ where: { id: h.account.id } });
    expect(stub).toMatchObject({
      status: "SUPPRIME", firstNames: "Compte", birthName: "supprimé", usageName: null, birthPlace: "", addressLine1: "", postalCode: "", city: "",
      email: "", emailConfirmedAt: null, phone: null, mobile: null, securityQuestion: "", deletionRequestNote: null, deletedAt: expect.any(Date),
      sessionVersion: before.sessionVersion + 1,
    });
    expect(stub.identifiant).not.toBe(before.identifiant);
    expect(stub.identifiant).toMatch(/^supprime-/);
    expect(stub.passwordHash).not.toMatch(/^\$argon2/);
    expect(stub.securityAnswerHash).not.toMatch(/^\$argon2/);
    expect(JSON.stringify(stub)).not.toContain("Durand");

    // Deleted: household, tokens, basket, draft (with its piece), the messages to the person.
    expect(await db.householdMember.count({ where: { accountId: h.account.id } })).toBe(0);
    expect(await db.accountToken.count({ where: { accountId: h.account.id } })).toBe(0);
    expect(await db.basket.count({ where: { id: h.basket.id } })).toBe(0);
    expect(await db.request.count({ where: { id: h.draft.id } })).toBe(0);
    expect(await db.attachment.count({ where: { fileName: "brouillon.pdf", tenantId: tenant.id } })).toBe(0);
    expect(await db.message.count({ where: { accountId: h.account.id } })).toBe(0);

    // Past retention: anonymized. Under retention (open or closed recently): kept whole, detached from the person.
    const request = (id: string) => db.request.findUniqueOrThrow({ where: { id }, select: { accountId: true, anonymizedAt: true, answers: true, notes: { select: { id: true } } } });
    expect(await request(h.old.id)).toMatchObject({ accountId: null, anonymizedAt: expect.any(Date), answers: { lourd: true }, notes: [] });
    for (const kept of [h.open.id, h.recent.id]) {
      expect(await request(kept)).toMatchObject({ accountId: null, anonymizedAt: null, answers: { demande: "Le canapé de Mme Durand, 3 rue des Lilas" } });
    }
    expect(await db.attachment.findFirstOrThrow({ where: { fileName: "gardee.pdf", tenantId: tenant.id }, select: { requestId: true, accountId: true } })).toEqual({ requestId: h.recent.id, accountId: null });

    // Invoices and payments stay, on the anonymous stub.
    expect(await db.invoice.count({ where: { accountId: h.account.id } })).toBe(2);
    expect(await db.payment.count({ where: { id: h.payment.id, accountId: h.account.id } })).toBe(1);

    // The holder is told, at the address of before; the act is in the journal.
    const told = await db.message.findFirstOrThrow({ where: { tenantId: tenant.id, template: "compteSupprime" }, select: { recipient: true, accountId: true, text: true } });
    expect(told).toMatchObject({ recipient: before.email, accountId: null });
    expect(told.text).toContain("factures");
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "compte.supprimer", targetId: h.account.id, actorId: agent.id } })).toBe(1);

    // No way back in: not by the old identifiant, nor by the address, nor by the stub's own identifiant.
    for (const typed of [before.identifiant, before.email, stub.identifiant]) {
      expect(await authenticate(tenant, typed, DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    }
    // Nor through the town hall: no password code for the stub.
    expect(await issueCounterCode(agent, tenant, h.account.id, "courrier")).toEqual({ ok: false, message: "Compte introuvable." });
    // The identifiant given again to someone new opens none of the old data.
    const newcomer = await createAccountRow(tenant, { identifiant: before.identifiant });
    const data = await personalData(citizenOf(newcomer), tenant);
    expect(data!.demandes).toEqual([]);
    expect(data!.factures).toEqual([]);
    expect(data!.paiements).toEqual([]);
  });

  it("is refused to an agent of another commune, without a pending request, and a second time", async () => {
    const a = await commune();
    const b = await commune();
    const h = await a.holder();
    expect(await confirmDeletion(a.agent, a.tenant, h.account.id)).toMatchObject({ ok: false }); // nothing asked
    await requestDeletion(h.citizen, { password: DEFAULT_PASSWORD });
    expect(await confirmDeletion(b.agent, b.tenant, h.account.id)).toMatchObject({ ok: false });
    expect(await confirmDeletion(b.agent, a.tenant, h.account.id)).toMatchObject({ ok: false });
    expect(await deletionReview(b.agent, h.account.id)).toBeNull();
    expect(await refuseDeletion(b.agent, b.tenant, h.account.id, { motif: "Pas chez nous" })).toMatchObject({ ok: false });
    expect(await db.account.findUniqueOrThrow({ where: { id: h.account.id }, select: { status: true, deletionRequestedAt: true } })).toMatchObject({ status: "VALIDE", deletionRequestedAt: expect.any(Date) });

    const [first, second] = await Promise.all([confirmDeletion(a.agent, a.tenant, h.account.id), confirmDeletion(a.agent, a.tenant, h.account.id)]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(await db.message.count({ where: { tenantId: a.tenant.id, template: "compteSupprime" } })).toBe(1);
  });

  it("confirms by email even to a holder who chose SMS, at the confirmed address of before", async () => {
    const { tenant, agent, holder } = await commune();
    const h = await holder({ channel: "SMS", email: `sms-${randomUUID()}@exemple.fr` });
    await requestDeletion(h.citizen, { password: DEFAULT_PASSWORD });
    expect(await confirmDeletion(agent, tenant, h.account.id)).toMatchObject({ ok: true });
    expect(await db.message.findMany({ where: { tenantId: tenant.id, template: "compteSupprime" }, select: { channel: true, recipient: true } }))
      .toEqual([{ channel: "EMAIL", recipient: h.account.email }]);
  });
});

describe("refusing the deletion", () => {
  it("needs a reason, clears the request and tells the holder why", async () => {
    const { tenant, agent, holder } = await commune();
    const h = await holder();
    await requestDeletion(h.citizen, { password: DEFAULT_PASSWORD });
    expect(await refuseDeletion(agent, tenant, h.account.id, { motif: "" })).toMatchObject({ ok: false, fieldErrors: { motif: expect.any(String) } });
    expect(await refuseDeletion(agent, tenant, h.account.id, { motif: "Votre demande de logement est en cours : nous devons pouvoir vous joindre." })).toMatchObject({ ok: true });
    expect(await db.account.findUniqueOrThrow({ where: { id: h.account.id }, select: { status: true, deletionRequestedAt: true } })).toEqual({ status: "VALIDE", deletionRequestedAt: null });
    const told = await db.message.findFirstOrThrow({ where: { accountId: h.account.id, template: "suppressionRefusee" }, select: { text: true } });
    expect(told.text).toContain("Votre demande de logement est en cours");
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "compte.suppression-refuser", targetId: h.account.id } })).toBe(1);
  });
});
