import { spawn } from "node:child_process";
import { addToBasket, readBasket } from "@/lib/billing/basket";
import { PAYMENT_BUSY, paymentOf, refreshFromProvider, settlePayment, startPayment, unsafeExpirePayments } from "@/lib/billing/payments";
import { db } from "@/lib/db";
import { citizenOf, createAccountRow, createFullTenant, createInvoice } from "@/tests/factories";
import { startStripeServer, STRIPE_ACCOUNT, STRIPE_KEY, stripeBasket, type StripeServer } from "@/tests/stripe-server";

// « Payer » with Stripe Checkout, against a local server standing for the Stripe API: the session is
// made from the database's amounts on the régie's connected account, once; twenty clicks make one
// payment; only the account's own invoices are locked; an expired payment frees them.

let stripe: StripeServer;

beforeAll(async () => {
  stripe = await startStripeServer();
});
afterAll(() => stripe.close());
beforeEach(() => {
  stripe.requests.length = 0;
  stripe.onCreate = null;
  stripe.failWith = null;
});

const creations = () => stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
const invoiceRows = (ids: string[]) => db.invoice.findMany({ where: { id: { in: ids } }, orderBy: { number: "asc" }, select: { number: true, status: true, paidVia: true, paidAt: true, lockedById: true } });
const receipts = () => db.message.findMany({ where: { template: "paiementRecu" }, select: { recipient: true, subject: true, text: true } });

describe("startPayment with Stripe Checkout", () => {
  it("creates the session from the database's amounts, on the régie's connected account, with the payment's idempotency key, and keeps its id", async () => {
    const { tenant, citizen, invoices } = await stripeBasket();
    const result = await startPayment(citizen, tenant);
    if (!result.ok) throw new Error(result.message);

    const [request, ...others] = creations();
    expect(others).toHaveLength(0);
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.data.paymentId } });
    expect(payment).toMatchObject({ provider: "STRIPE", status: "EN_COURS", amountCents: 2_430 + 3_240 });
    expect(request!.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);
    expect(request!.headers["stripe-account"]).toBe(STRIPE_ACCOUNT);
    expect(request!.headers["idempotency-key"]).toBe(`paiement:${payment.id}`);
    expect(request!.form).toMatchObject({
      mode: "payment",
      client_reference_id: payment.id,
      "metadata[paymentId]": payment.id,
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][currency]": "eur",
      "line_items[0][price_data][unit_amount]": "2430",
      "line_items[1][price_data][unit_amount]": "3240",
    });
    expect(request!.form["line_items[0][price_data][product_data][name]"]).toContain(invoices[0]!.number);
    // Back to the commune's own return page, which reads the database only.
    expect(request!.form.success_url).toBe(`https://sete.test/panier/retour/${payment.id}?session_id={CHECKOUT_SESSION_ID}`);
    // Stripe's shortest expiry is 30 minutes from now.
    expect(Number(request!.form.expires_at)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 29 * 60);

    const session = stripe.sessions.get(payment.providerRef!)!;
    expect(session).toBeDefined();
    expect(result.data.redirectUrl).toBe(session.url);
    expect((await invoiceRows(invoices.map((i) => i.id))).map((i) => i.lockedById)).toEqual([payment.id, payment.id]);
    expect(await readBasket(citizen)).toMatchObject({ status: "A_PAYER", running: { id: payment.id } });
  });

  it("with Stripe down, fails the payment and gives the basket back", async () => {
    const { tenant, citizen, invoices } = await stripeBasket([1_000]);
    stripe.failWith = 400; // not retried by the client
    const result = await startPayment(citizen, tenant);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("n'a pas pu commencer") });
    expect(await db.payment.findFirstOrThrow()).toMatchObject({ status: "ECHOUE", providerRef: null });
    expect(await invoiceRows([invoices[0]!.id])).toMatchObject([{ status: "A_PAYER", lockedById: null }]);
    expect(await readBasket(citizen)).toMatchObject({ status: "OUVERT", items: [{ id: invoices[0]!.id }] });
  });

  it("twenty « Payer » at once on the same basket make one running payment, one session, invoices locked once", async () => {
    const { tenant, citizen, invoices } = await stripeBasket();
    const results = await Promise.all(Array.from({ length: 20 }, () => startPayment(citizen, tenant)));

    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.message)).toEqual(Array(19).fill(PAYMENT_BUSY));
    const payments = await db.payment.findMany({ select: { id: true, status: true } });
    expect(payments).toEqual([{ id: won[0]!.ok ? won[0]!.data.paymentId : "", status: "EN_COURS" }]);
    expect(creations()).toHaveLength(1);
    expect((await invoiceRows(invoices.map((i) => i.id))).map((i) => i.lockedById)).toEqual([payments[0]!.id, payments[0]!.id]);
  });

  it("an invoice held by a running payment cannot be taken by another, even with the basket reopened", async () => {
    const { tenant, citizen, invoices } = await stripeBasket([1_500]);
    const first = await startPayment(citizen, tenant);
    if (!first.ok) throw new Error(first.message);
    // The basket's lock lost (as a bug might): the invoice's own lock, in the database, still holds.
    await db.basket.updateMany({ data: { status: "OUVERT" } });
    const results = await Promise.all(Array.from({ length: 20 }, () => startPayment(citizen, tenant)));
    expect(results.every((r) => !r.ok && r.message === PAYMENT_BUSY)).toBe(true);
    expect(await db.payment.findMany({ select: { id: true } })).toEqual([{ id: first.data.paymentId }]);
    expect(await invoiceRows([invoices[0]!.id])).toMatchObject([{ lockedById: first.data.paymentId }]);
    expect(creations()).toHaveLength(1);
  });

  it("another account cannot put, nor lock, an invoice that is not theirs; neither can another commune's", async () => {
    const { tenant, regie, account, citizen } = await stripeBasket([1_500]);
    const owned = await createInvoice(account, regie, { amountCents: 990 });
    const outsider = citizenOf(await createAccountRow(tenant));
    const elsewhere = await createFullTenant();
    const stranger = citizenOf(await createAccountRow(elsewhere));
    for (const who of [outsider, stranger]) {
      expect(await addToBasket(who, owned.id)).toEqual({ ok: false, message: "Facture introuvable." });
    }
    // Even with the invoice slipped into the outsider's basket behind the code's back.
    const basket = await db.basket.create({ data: { tenantId: tenant.id, accountId: outsider.id, regieId: regie.id } });
    await db.basketItem.create({ data: { basketId: basket.id, invoiceId: owned.id } });
    expect(await startPayment(outsider, tenant)).toMatchObject({ ok: false });
    expect(await startPayment(stranger, tenant)).toMatchObject({ ok: false });
    expect(await db.payment.count()).toBe(0);
    expect(await invoiceRows([owned.id])).toMatchObject([{ status: "A_PAYER", lockedById: null }]);
    expect(creations()).toHaveLength(0);
    // The owner's own payment is untouched by all this.
    expect(await startPayment(citizen, tenant)).toMatchObject({ ok: true });
  });
});

describe("a payment's time running out", () => {
  const NOW = new Date();
  const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

  it("releases its invoices and the basket, once; the next « Payer » makes a new session", async () => {
    const { tenant, citizen, invoices } = await stripeBasket();
    const first = await startPayment(citizen, tenant, NOW);
    if (!first.ok) throw new Error(first.message);

    expect(await unsafeExpirePayments(later(29))).toBe(0);
    expect(await unsafeExpirePayments(later(31))).toBe(1);
    expect(await unsafeExpirePayments(later(32))).toBe(0);
    expect(await db.payment.findUniqueOrThrow({ where: { id: first.data.paymentId } })).toMatchObject({ status: "EXPIRE" });
    expect((await invoiceRows(invoices.map((i) => i.id))).map((i) => [i.status, i.lockedById])).toEqual([["A_PAYER", null], ["A_PAYER", null]]);
    expect(await readBasket(citizen)).toMatchObject({ status: "OUVERT", items: [{ id: invoices[0]!.id }, { id: invoices[1]!.id }], running: null });

    const second = await startPayment(citizen, tenant, later(33));
    expect(second).toMatchObject({ ok: true });
    expect(creations()).toHaveLength(2);
    expect(new Set(creations().map((r) => r.headers["idempotency-key"])).size).toBe(2);
  });

  it("a success reported after the expiry still pays the invoices (the card was charged), with one receipt", async () => {
    const { tenant, citizen, invoices } = await stripeBasket();
    const started = await startPayment(citizen, tenant, NOW);
    if (!started.ok) throw new Error(started.message);
    await unsafeExpirePayments(later(31));

    expect(await settlePayment(started.data.paymentId, "REUSSI", "test", later(35))).toEqual({ changed: true });
    expect(await settlePayment(started.data.paymentId, "REUSSI", "test", later(36))).toEqual({ changed: false });
    expect(await db.payment.findUniqueOrThrow({ where: { id: started.data.paymentId } })).toMatchObject({ status: "REUSSI", flag: null });
    expect((await invoiceRows(invoices.map((i) => i.id))).map((i) => [i.status, i.paidVia, i.lockedById])).toEqual([["PAYEE", "EN_LIGNE", null], ["PAYEE", "EN_LIGNE", null]]);
    expect(await receipts()).toHaveLength(1);
    expect(await readBasket(citizen)).toMatchObject({ status: "OUVERT", items: [], regie: null });
  });
});

describe("npm run worker", () => {
  it("expires the payments whose time ran out and gives their invoices back", async () => {
    const { tenant, citizen, invoices } = await stripeBasket([900]);
    const started = await startPayment(citizen, tenant, new Date(Date.now() - 40 * 60_000));
    if (!started.ok) throw new Error(started.message);
    const worker = spawn(process.execPath, ["-r", "./scripts/server-only.cjs", "--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, WORKER_POLL_MS: "100", LOG_LEVEL: "silent", RESEND_API_KEY: "" },
      stdio: "inherit",
    });
    const exited = new Promise<number | null>((r) => worker.once("exit", r));
    try {
      const deadline = Date.now() + 20_000;
      while ((await db.payment.findFirstOrThrow()).status === "EN_COURS" && Date.now() < deadline && worker.exitCode === null) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await db.payment.findFirstOrThrow()).toMatchObject({ status: "EXPIRE" });
      expect(await invoiceRows([invoices[0]!.id])).toMatchObject([{ status: "A_PAYER", lockedById: null }]);
      expect(await readBasket(citizen)).toMatchObject({ status: "OUVERT" });
    } finally {
      if (worker.exitCode === null) worker.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  }, 30_000);
});

describe("refreshFromProvider (the return page, when Stripe's webhook is late)", () => {
  it("asks Stripe on the connected account: a paid session settles the payment, once", async () => {
    const { tenant, citizen, invoices } = await stripeBasket();
    const started = await startPayment(citizen, tenant);
    if (!started.ok) throw new Error(started.message);
    const { providerRef } = await db.payment.findUniqueOrThrow({ where: { id: started.data.paymentId } });

    // Still open at Stripe: nothing changes.
    await refreshFromProvider(citizen, started.data.paymentId);
    expect(await paymentOf(citizen, started.data.paymentId)).toMatchObject({ status: "EN_COURS" });

    Object.assign(stripe.sessions.get(providerRef!)!, { status: "complete", payment_status: "paid" });
    // Someone else's return page learns nothing and changes nothing.
    const outsider = citizenOf(await createAccountRow(tenant));
    await refreshFromProvider(outsider, started.data.paymentId);
    expect(await db.payment.findUniqueOrThrow({ where: { id: started.data.paymentId } })).toMatchObject({ status: "EN_COURS" });

    await refreshFromProvider(citizen, started.data.paymentId);
    await refreshFromProvider(citizen, started.data.paymentId);
    const lookups = stripe.requests.filter((r) => r.method === "GET");
    expect(lookups.length).toBeGreaterThanOrEqual(2);
    expect(lookups.every((r) => r.path === `/v1/checkout/sessions/${providerRef}` && r.headers["stripe-account"] === STRIPE_ACCOUNT)).toBe(true);
    expect(await paymentOf(citizen, started.data.paymentId)).toMatchObject({ status: "REUSSI" });
    expect((await invoiceRows(invoices.map((i) => i.id))).map((i) => i.status)).toEqual(["PAYEE", "PAYEE"]);
    expect(await receipts()).toHaveLength(1);
  });

  it("an expired session abandons the payment and gives the invoices back", async () => {
    const { tenant, citizen, invoices } = await stripeBasket([800]);
    const started = await startPayment(citizen, tenant);
    if (!started.ok) throw new Error(started.message);
    const { providerRef } = await db.payment.findUniqueOrThrow({ where: { id: started.data.paymentId } });
    Object.assign(stripe.sessions.get(providerRef!)!, { status: "expired" });
    await refreshFromProvider(citizen, started.data.paymentId);
    expect(await paymentOf(citizen, started.data.paymentId)).toMatchObject({ status: "ABANDONNE" });
    expect(await invoiceRows([invoices[0]!.id])).toMatchObject([{ status: "A_PAYER", lockedById: null }]);
    expect(await readBasket(citizen)).toMatchObject({ status: "OUVERT" });
    expect(await receipts()).toHaveLength(0);
  });
});
