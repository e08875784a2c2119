import { POST } from "@/app/api/webhooks/stripe/route";
import { readBasket } from "@/lib/billing/basket";
import { startPayment, unsafeExpirePayments } from "@/lib/billing/payments";
// eslint-disable-next-line no-restricted-imports -- the test reads the rows the route changed (tests may; the route may not)
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sessionEvent, signed, startStripeServer, STRIPE_ACCOUNT, stripeBasket, webhookRequest, type Session, type StripeServer } from "@/tests/stripe-server";
import Stripe from "stripe";

// POST /api/webhooks/stripe: Stripe's reports, signed, possibly replayed, duplicated or out of
// order. Whatever the order, a completed payment pays its invoices once with one receipt; a bad
// signature changes nothing. The Stripe API is a local server; the payloads are signed with
// Stripe's own signing function.

// A process that dies while settling (the database gone, a deploy): the next settlement throws once.
let mockCrashNextSettlement = false;
jest.mock("@/lib/billing/payments", () => {
  const actual = jest.requireActual("@/lib/billing/payments");
  return {
    ...actual,
    settlePayment: (...args: Parameters<typeof actual.settlePayment>) => {
      if (!mockCrashNextSettlement) return actual.settlePayment(...args);
      mockCrashNextSettlement = false;
      return Promise.reject(new Error("process killed"));
    },
  };
});

let stripe: StripeServer;

beforeAll(async () => {
  stripe = await startStripeServer();
});
afterAll(() => stripe.close());
beforeEach(() => {
  stripe.requests.length = 0;
  stripe.onCreate = null;
});

/** « Payer », and the Checkout session Stripe made for it. */
async function started(setup: Awaited<ReturnType<typeof stripeBasket>>, now = new Date()) {
  const result = await startPayment(setup.citizen, setup.tenant, now);
  if (!result.ok) throw new Error(result.message);
  const payment = await db.payment.findUniqueOrThrow({ where: { id: result.data.paymentId }, select: { id: true, providerRef: true } });
  return { paymentId: payment.id, session: stripe.sessions.get(payment.providerRef!)! };
}

const completed = (s: Session, id?: string) => sessionEvent("checkout.session.completed", { ...s, status: "complete", payment_status: "paid" }, STRIPE_ACCOUNT, id);
const expired = (s: Session, id?: string) => sessionEvent("checkout.session.expired", { ...s, status: "expired" }, STRIPE_ACCOUNT, id);

async function deliver(event: object) {
  const res = await POST(webhookRequest(signed(event)));
  return { status: res.status, body: await res.json() };
}

/** Everything a citizen or an agent would see of the outcome. */
async function outcome(invoiceIds: string[]) {
  return {
    payments: await db.payment.findMany({ select: { status: true, flag: true } }),
    invoices: (await db.invoice.findMany({ where: { id: { in: invoiceIds } }, orderBy: { number: "asc" }, select: { status: true, paidVia: true, lockedById: true } })),
    receipts: await db.message.count({ where: { template: "paiementRecu" } }),
    successes: await db.auditEvent.count({ where: { action: "paiement.reussi" } }),
  };
}

const PAID_ONCE = (n: number) => ({
  payments: [{ status: "REUSSI", flag: null }],
  invoices: Array(n).fill({ status: "PAYEE", paidVia: "EN_LIGNE", lockedById: null }),
  receipts: 1,
  successes: 1,
});

describe("POST /api/webhooks/stripe", () => {
  type Step = "created" | "completed" | "expired";
  const ORDERS: Step[][] = [
    ["created", "completed", "expired"],
    ["created", "expired", "completed"],
    ["completed", "created", "expired"],
    ["completed", "expired", "created"],
    ["expired", "created", "completed"],
    ["expired", "completed", "created"],
  ];

  it.each(ORDERS)("%s, %s, %s, each delivered twice and replayed: one payment succeeds, invoices paid once, one receipt", async (...order) => {
    const setup = await stripeBasket();
    const ids = { completed: `evt_completed_${order.join("_")}`, expired: `evt_expired_${order.join("_")}` };
    const events = (s: Session) => ({ completed: completed(s, ids.completed), expired: expired(s, ids.expired) });
    const answers: { status: number; body: { result: string } }[] = [];
    const run = async (steps: Step[], s: Session) => {
      for (const step of steps) {
        if (step === "created") continue;
        // Delivered, then the same delivery twice at once (Stripe retrying while the first is slow).
        answers.push(await deliver(events(s)[step]));
        answers.push(...(await Promise.all([deliver(events(s)[step]), deliver(events(s)[step])])));
      }
    };
    const at = order.indexOf("created");
    // What comes before « created » reaches us while startPayment still waits for Stripe's answer.
    stripe.onCreate = (s) => run(order.slice(0, at), s);
    const { session } = await started(setup);
    await run(order.slice(at + 1), session);
    // Replayed later in the opposite order, plus a second completed event with its own id.
    await run([...order].reverse(), session);
    answers.push(await deliver(completed(session)));

    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.result === "handled")).toHaveLength(3);
    expect(await outcome(setup.invoices.map((i) => i.id))).toEqual(PAID_ONCE(2));
    expect(await db.paymentEvent.count()).toBe(3);
    expect(await readBasket(setup.citizen)).toMatchObject({ status: "OUVERT", items: [], regie: null });
    const receipt = await db.message.findFirstOrThrow({ where: { template: "paiementRecu" } });
    expect(receipt.recipient).toBe("camille@exemple.fr");
    expect(receipt.text).toContain("56,70");
  });

  it("an event whose settlement crashed is not taken for handled: Stripe's retry applies it", async () => {
    const setup = await stripeBasket();
    const { session } = await started(setup);
    const event = completed(session);
    mockCrashNextSettlement = true;
    await expect(POST(webhookRequest(signed(event)))).rejects.toThrow("process killed"); // a 500: Stripe retries
    expect(await db.paymentEvent.count()).toBe(0);
    expect(await outcome(setup.invoices.map((i) => i.id))).toMatchObject({ payments: [{ status: "EN_COURS" }], receipts: 0 });

    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, result: "handled" } });
    expect(await outcome(setup.invoices.map((i) => i.id))).toEqual(PAID_ONCE(2));
  });

  it("expired alone gives the invoices back and reopens the basket, with no receipt", async () => {
    const setup = await stripeBasket();
    const { paymentId, session } = await started(setup);
    const event = expired(session);
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, result: "handled" } });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, result: "duplicate" } });
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "ABANDONNE" });
    expect(await outcome(setup.invoices.map((i) => i.id))).toMatchObject({ invoices: Array(2).fill({ status: "A_PAYER", paidVia: null, lockedById: null }), receipts: 0, successes: 0 });
    expect(await readBasket(setup.citizen)).toMatchObject({ status: "OUVERT", running: null, items: setup.invoices.map((i) => ({ id: i.id })) });
  });

  it("a completed session still waiting for the bank changes nothing until its async outcome", async () => {
    const setup = await stripeBasket([1_200]);
    const { paymentId, session } = await started(setup);
    const pending = sessionEvent("checkout.session.completed", { ...session, status: "complete", payment_status: "unpaid" }, STRIPE_ACCOUNT);
    expect((await deliver(pending)).status).toBe(200);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "EN_COURS" });
    expect((await deliver(sessionEvent("checkout.session.async_payment_succeeded", { ...session, status: "complete", payment_status: "paid" }, STRIPE_ACCOUNT))).status).toBe(200);
    expect(await outcome([setup.invoices[0]!.id])).toEqual(PAID_ONCE(1));
  });

  it("an async payment that fails releases the invoices", async () => {
    const setup = await stripeBasket([1_200]);
    const { paymentId, session } = await started(setup);
    expect((await deliver(sessionEvent("checkout.session.async_payment_failed", { ...session, status: "complete", payment_status: "unpaid" }, STRIPE_ACCOUNT))).status).toBe(200);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "ECHOUE" });
    expect(await outcome([setup.invoices[0]!.id])).toMatchObject({ invoices: [{ status: "A_PAYER", lockedById: null }], receipts: 0 });
    expect(await readBasket(setup.citizen)).toMatchObject({ status: "OUVERT" });
  });

  it("a bad, missing, stale or unverifiable signature is a 400 and changes nothing", async () => {
    const setup = await stripeBasket();
    const { paymentId, session } = await started(setup);
    const event = completed(session);
    const good = signed(event);
    const before = await outcome(setup.invoices.map((i) => i.id));
    const stale = Stripe.webhooks.generateTestHeaderString({ payload: good.body, secret: env.STRIPE_WEBHOOK_SECRET!, timestamp: Math.floor(Date.now() / 1000) - 3_600 });
    const deliveries = [
      signed(event, "whsec_someone_else"),
      { body: good.body.replace('"paid"', '"unpaid"'), signature: good.signature }, // tampered after signing
      { body: JSON.stringify(event), signature: good.signature }, // the same JSON re-serialized: not the signed bytes
      { body: good.body, signature: null },
      { body: good.body, signature: "t=1,v1=00" },
      { body: good.body, signature: stale },
    ];
    for (const delivery of deliveries) {
      const res = await POST(webhookRequest(delivery));
      expect(res.status).toBe(400);
    }
    // Without a signing secret configured, nothing is trusted.
    const secret = env.STRIPE_WEBHOOK_SECRET;
    Object.assign(env, { STRIPE_WEBHOOK_SECRET: undefined });
    try {
      expect((await POST(webhookRequest(good))).status).toBe(400);
    } finally {
      Object.assign(env, { STRIPE_WEBHOOK_SECRET: secret });
    }
    expect(await outcome(setup.invoices.map((i) => i.id))).toEqual(before);
    expect(before.payments).toEqual([{ status: "EN_COURS", flag: null }]);
    expect(await db.paymentEvent.count()).toBe(0);

    // The genuine delivery, for contrast.
    expect((await POST(webhookRequest(good))).status).toBe(200);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "REUSSI" });
  });

  it("answers 200 without effect to events it does not handle, or for no payment of ours (another session, another account)", async () => {
    const setup = await stripeBasket();
    const { session } = await started(setup);
    const before = await outcome(setup.invoices.map((i) => i.id));
    const paid = { ...session, status: "complete" as const, payment_status: "paid" as const };
    const cases: [object, string][] = [
      [sessionEvent("payment_intent.succeeded", paid, STRIPE_ACCOUNT), "ignored"],
      [sessionEvent("checkout.session.completed", { ...paid, metadata: { paymentId: crypto.randomUUID() }, client_reference_id: null }, STRIPE_ACCOUNT), "unknown"],
      [sessionEvent("checkout.session.completed", { ...paid, metadata: {}, client_reference_id: "pas-un-identifiant" }, STRIPE_ACCOUNT), "unknown"],
      [sessionEvent("checkout.session.completed", { ...paid, id: "cs_test_another_session" }, STRIPE_ACCOUNT), "unknown"],
      [sessionEvent("checkout.session.completed", paid, "acct_1SomeoneElse0001"), "unknown"],
      [sessionEvent("checkout.session.completed", paid, null), "unknown"],
    ];
    for (const [event, result] of cases) expect(await deliver(event)).toEqual({ status: 200, body: { received: true, result } });
    expect(await outcome(setup.invoices.map((i) => i.id))).toEqual(before);
    expect(await db.paymentEvent.count()).toBe(0);
  });

  it("works on any host Stripe is given: the platform's, or a commune's", async () => {
    const setup = await stripeBasket([700]);
    const { session } = await started(setup);
    const res = await POST(webhookRequest(signed(completed(session)), "sete.test"));
    expect(res.status).toBe(200);
    expect(await outcome([setup.invoices[0]!.id])).toEqual(PAID_ONCE(1));
  });
});

describe("a payment's time ran out, then Stripe says it succeeded", () => {
  const NOW = new Date();
  const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

  it("the invoices released by the expiry are still paid (the card was charged), once", async () => {
    const setup = await stripeBasket();
    const { paymentId, session } = await started(setup, NOW);
    expect(await unsafeExpirePayments(later(31))).toBe(1);
    expect(await outcome(setup.invoices.map((i) => i.id))).toMatchObject({ payments: [{ status: "EXPIRE" }], invoices: Array(2).fill({ status: "A_PAYER", lockedById: null }) });

    expect((await deliver(completed(session))).status).toBe(200);
    expect(await outcome(setup.invoices.map((i) => i.id))).toEqual(PAID_ONCE(2));
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "REUSSI" });
    // The session's own expiry, reported afterwards, changes nothing.
    expect((await deliver(expired(session))).status).toBe(200);
    expect(await outcome(setup.invoices.map((i) => i.id))).toEqual(PAID_ONCE(2));
  });

  it("unless an invoice was paid at the counter meanwhile: not paid twice, no receipt for it, the payment flagged for an agent", async () => {
    const setup = await stripeBasket([1_500]);
    const { paymentId, session } = await started(setup, NOW);
    await unsafeExpirePayments(later(31));
    const counter = new Date(later(40).getTime());
    await db.invoice.update({ where: { id: setup.invoices[0]!.id }, data: { status: "PAYEE", paidVia: "GUICHET", paidAt: counter } });

    expect((await deliver(completed(session))).status).toBe(200);
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment.status).toBe("REUSSI");
    expect(payment.flag).toContain(setup.invoices[0]!.number);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: setup.invoices[0]!.id } })).toMatchObject({ status: "PAYEE", paidVia: "GUICHET", paidAt: counter });
    expect(await db.message.count({ where: { template: "paiementRecu" } })).toBe(0);
  });

  it("with two invoices, one paid at the counter: the other is paid online, and the receipt names it alone", async () => {
    const setup = await stripeBasket([1_500, 2_000]);
    const { paymentId, session } = await started(setup, NOW);
    await unsafeExpirePayments(later(31));
    const [atCounter, online] = setup.invoices as [typeof setup.invoices[0], typeof setup.invoices[0]];
    await db.invoice.update({ where: { id: atCounter.id }, data: { status: "PAYEE", paidVia: "GUICHET", paidAt: later(40) } });

    expect((await deliver(completed(session))).status).toBe(200);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "REUSSI", flag: expect.stringContaining(atCounter.number) });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: atCounter.id } })).toMatchObject({ paidVia: "GUICHET" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: online.id } })).toMatchObject({ status: "PAYEE", paidVia: "EN_LIGNE" });
    const receipts = await db.message.findMany({ where: { template: "paiementRecu" }, select: { text: true } });
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.text).toContain(online.number);
    expect(receipts[0]!.text).not.toContain(atCounter.number);
  });
});
