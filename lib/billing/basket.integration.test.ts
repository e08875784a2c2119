import { addToBasket, BASKET_REFUSAL, readBasket, removeFromBasket } from "@/lib/billing/basket";
import { paymentOf, settlePayment, startPayment } from "@/lib/billing/payments";
import { invoiceOf, statementOf } from "@/lib/billing/statement";
import { db } from "@/lib/db";
import { tenantById } from "@/lib/tenancy/resolve";
import { citizenOf, createAccountRow, createFullTenant, createInvoice, createRegieRow } from "@/tests/factories";

// The basket's rules and « Mes comptes » for the household only: an outsider (another account,
// another commune, a pending account) can neither see, add nor pay an invoice.

async function household() {
  const tenant = await createFullTenant();
  const [ville, ccas] = [await createRegieRow(tenant, { name: "Régie Ville" }), await createRegieRow(tenant, { name: "Régie CCAS" })];
  const account = await createAccountRow(tenant, { status: "VALIDE" });
  const invoice = (regie: { id: string }, owner: { id: string; tenantId: string } = account, status?: "PAYEE") => createInvoice(owner, regie, status ? { status } : {});
  return { tenant, ville, ccas, account, citizen: citizenOf(account), invoice };
}

describe("addToBasket", () => {
  it("takes the household's unpaid invoices of one régie, and refuses a duplicate or another régie with the seeds' message", async () => {
    const { citizen, ville, ccas, invoice } = await household();
    const [a, b, c] = [await invoice(ville), await invoice(ville), await invoice(ccas)];
    expect(await addToBasket(citizen, a.id)).toMatchObject({ ok: true });
    expect(await addToBasket(citizen, b.id)).toMatchObject({ ok: true });
    expect(await addToBasket(citizen, a.id)).toEqual({ ok: false, message: BASKET_REFUSAL, reason: "Cette facture est déjà dans votre panier.", toBasket: true });
    expect(await addToBasket(citizen, c.id)).toMatchObject({ ok: false, message: BASKET_REFUSAL, reason: expect.stringContaining("de la Régie Ville ; celle-ci est de la Régie CCAS") });
    const basket = await readBasket(citizen);
    expect(basket).toMatchObject({ regie: "Régie Ville", totalCents: a.amountCents + b.amountCents });
    expect(basket.items.map((i) => i.id)).toEqual([a.id, b.id]);

    // Emptied, the basket takes the other régie.
    expect(await removeFromBasket(citizen, a.id)).toMatchObject({ ok: true });
    expect(await removeFromBasket(citizen, b.id)).toMatchObject({ ok: true });
    expect(await addToBasket(citizen, c.id)).toMatchObject({ ok: true });
    expect((await readBasket(citizen)).regie).toBe("Régie CCAS");
  });

  it("never takes another household's, another commune's, a paid invoice, or any for a pending account", async () => {
    const { tenant, account, citizen, ville, invoice } = await household();
    const neighbour = await createAccountRow(tenant, { status: "VALIDE" });
    const theirs = await invoice(ville, neighbour);
    const paid = await invoice(ville, account, "PAYEE");
    const elsewhere = await household();
    const foreign = await elsewhere.invoice(elsewhere.ville);
    const mine = await invoice(ville);
    for (const id of [theirs.id, paid.id, foreign.id, "pas-un-id"]) expect(await addToBasket(citizen, id)).toEqual({ ok: false, message: "Facture introuvable." });
    expect(await addToBasket({ ...citizen, status: "EN_ATTENTE" }, mine.id)).toEqual({ ok: false, message: "Facture introuvable." });
    // Nor seen: « Mes comptes » and the PDFs show only the household's own.
    expect(await invoiceOf(citizen, theirs.id)).toBeNull();
    expect(await invoiceOf(citizen, foreign.id)).toBeNull();
    expect(await invoiceOf({ ...citizen, status: "EN_ATTENTE" }, mine.id)).toBeNull();
    const resolved = (await tenantById(tenant.id))!;
    const statement = await statementOf(citizen, resolved);
    expect(statement.toPay.map((i) => i.id)).toEqual([mine.id]);
    expect(statement.paid.map((i) => i.id)).toEqual([paid.id]);
    expect(await statementOf({ ...citizen, status: "EN_ATTENTE" }, resolved)).toMatchObject({ toPay: [], paid: [] });
    expect(await db.basketItem.count({ where: { invoiceId: { in: [theirs.id, paid.id, foreign.id] } } })).toBe(0);
  });
});

describe("a payment of the basket", () => {
  it("locks the basket until it ends; a success pays the invoices once and empties the basket; nobody else sees it", async () => {
    const { tenant, citizen, ville, invoice } = await household();
    const resolved = (await tenantById(tenant.id))!;
    const [a, b] = [await invoice(ville), await invoice(ville)];
    await addToBasket(citizen, a.id);
    await addToBasket(citizen, b.id);
    const started = await startPayment(citizen, resolved);
    if (!started.ok) throw new Error(started.message);
    expect(started.data.redirectUrl).toBe(`/panier/simulation/${started.data.paymentId}`);
    expect(await startPayment(citizen, resolved)).toMatchObject({ ok: false, message: expect.stringContaining("déjà en cours") });
    expect(await removeFromBasket(citizen, a.id)).toMatchObject({ ok: false });
    expect(await db.invoice.count({ where: { id: { in: [a.id, b.id] }, lockedById: started.data.paymentId } })).toBe(2);

    const neighbour = citizenOf(await createAccountRow(tenant, { status: "VALIDE" }));
    expect(await paymentOf(neighbour, started.data.paymentId)).toBeNull();

    expect(await settlePayment(started.data.paymentId, "REUSSI")).toEqual({ changed: true });
    expect(await settlePayment(started.data.paymentId, "REUSSI")).toEqual({ changed: false });
    expect(await db.invoice.findMany({ where: { id: { in: [a.id, b.id] } }, select: { status: true, paidVia: true, lockedById: true } }))
      .toEqual([{ status: "PAYEE", paidVia: "EN_LIGNE", lockedById: null }, { status: "PAYEE", paidVia: "EN_LIGNE", lockedById: null }]);
    expect(await readBasket(citizen)).toMatchObject({ status: "OUVERT", items: [], regie: null });
    expect(await db.message.count({ where: { accountId: citizen.id, template: "paiementRecu" } })).toBe(1);
  });

  it("refused or abandoned, gives the invoices back to the basket, unpaid", async () => {
    const { tenant, citizen, ville, invoice } = await household();
    const a = await invoice(ville);
    await addToBasket(citizen, a.id);
    const started = await startPayment(citizen, (await tenantById(tenant.id))!);
    if (!started.ok) throw new Error(started.message);
    expect(await settlePayment(started.data.paymentId, "ECHOUE")).toEqual({ changed: true });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: a.id }, select: { status: true, lockedById: true } })).toEqual({ status: "A_PAYER", lockedById: null });
    expect(await readBasket(citizen)).toMatchObject({ status: "OUVERT", items: [{ id: a.id }] });
    expect(await db.message.count({ where: { accountId: citizen.id, template: "paiementRecu" } })).toBe(0);
  });
});
