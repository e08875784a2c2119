// A local HTTP server standing for the Stripe API (Checkout sessions only), and Stripe's webhook
// deliveries signed with the real signing function. The official client is pointed at it with
// STRIPE_API_URL; nothing leaves the machine.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { addToBasket } from "@/lib/billing/basket";
import { env } from "@/lib/env";
import { citizenOf, createAccountRow, createFullTenant, createInvoice, createRegieRow } from "@/tests/factories";

export const STRIPE_KEY = "sk_test_compte_citoyen";
export const WEBHOOK_SECRET = "whsec_test_compte_citoyen";
/** The connected account of the tests' Stripe régie. */
export const STRIPE_ACCOUNT = "acct_1VilleSete00001";

/** A commune with a Stripe régie, a citizen and their invoices (of these amounts) in the basket. */
export async function stripeBasket(amounts = [2_430, 3_240]) {
  const tenant = await createFullTenant({ hosts: ["sete.test"] });
  const regie = await createRegieRow(tenant, { name: "Régie Ville", provider: "STRIPE", stripeAccountId: STRIPE_ACCOUNT });
  const account = await createAccountRow(tenant, { email: "camille@exemple.fr" });
  const citizen = citizenOf(account);
  const invoices = [];
  for (const amountCents of amounts) {
    const invoice = await createInvoice(account, regie, { amountCents });
    if (!(await addToBasket(citizen, invoice.id)).ok) throw new Error("addToBasket failed");
    invoices.push(invoice);
  }
  return { tenant, regie, account, citizen, invoices };
}

export type Session = {
  id: string;
  object: "checkout.session";
  url: string;
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  client_reference_id: string | null;
  metadata: Record<string, string>;
  amount_total: number;
  currency: string;
  expires_at: number;
  success_url: string;
  cancel_url: string;
};

export type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; form: Record<string, string> };

export type StripeServer = {
  url: string;
  requests: Received[];
  /** Sessions by id, as the server keeps them (a test may change their state). */
  sessions: Map<string, Session>;
  /** Runs while a session is being created, before the answer: a webhook that beats it back. */
  onCreate: ((session: Session) => Promise<void>) | null;
  /** The status the next creations answer with (a Stripe outage: 500). */
  failWith: number | null;
  close(): Promise<void>;
};

/** Starts the server and points lib/env at it (keys included) until close(). */
export async function startStripeServer(): Promise<StripeServer> {
  const requests: Received[] = [];
  const sessions = new Map<string, Session>();
  const byIdempotencyKey = new Map<string, Session>(); // Stripe answers a retried key with the same object
  let sequence = 0;
  const state: StripeServer = {
    url: "",
    requests,
    sessions,
    onCreate: null,
    failWith: null,
    close: () => Promise.resolve(),
  };
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "request-id": `req_${++sequence}` });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://stripe.local");
      const form = Object.fromEntries(new URLSearchParams(raw));
      requests.push({ method: req.method ?? "", path: url.pathname, headers: req.headers, form });
      if (req.headers.authorization !== `Bearer ${STRIPE_KEY}`) return answer(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key" } });
      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        if (state.failWith) return answer(res, state.failWith, { error: { type: "api_error", message: "Stripe is down" } });
        const key = `${req.headers["stripe-account"]}|${req.headers["idempotency-key"]}`;
        let session = byIdempotencyKey.get(key);
        if (!session) {
          const id = `cs_test_${++sequence}${Math.random().toString(36).slice(2, 10)}`;
          let amount = 0;
          for (let i = 0; form[`line_items[${i}][quantity]`]; i++) {
            amount += Number(form[`line_items[${i}][quantity]`]) * Number(form[`line_items[${i}][price_data][unit_amount]`]);
          }
          session = {
            id, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${id}`, status: "open", payment_status: "unpaid",
            client_reference_id: form.client_reference_id ?? null, metadata: { paymentId: form["metadata[paymentId]"] ?? "" },
            amount_total: amount, currency: "eur", expires_at: Number(form.expires_at), success_url: form.success_url ?? "", cancel_url: form.cancel_url ?? "",
          };
          byIdempotencyKey.set(key, session);
          sessions.set(id, session);
          if (state.onCreate) await state.onCreate(session);
        }
        return answer(res, 200, session);
      }
      const match = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname);
      if (req.method === "GET" && match && sessions.has(match[1]!)) return answer(res, 200, sessions.get(match[1]!));
      return answer(res, 404, { error: { type: "invalid_request_error", message: "No such resource" } });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const saved = { key: env.STRIPE_SECRET_KEY, url: env.STRIPE_API_URL, secret: env.STRIPE_WEBHOOK_SECRET };
  Object.assign(env, { STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_API_URL: state.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  state.close = async () => {
    Object.assign(env, { STRIPE_SECRET_KEY: saved.key, STRIPE_API_URL: saved.url, STRIPE_WEBHOOK_SECRET: saved.secret });
    await new Promise((r) => server.close(r));
  };
  return state;
}

let eventSequence = 0;

/** A Checkout session event as Stripe sends it (connected account in `account`). */
export function sessionEvent(type: string, session: Session, account: string | null, id = `evt_test_${++eventSequence}_${process.pid}`) {
  return {
    id, object: "event", api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), livemode: false, type,
    pending_webhooks: 1, request: { id: null, idempotency_key: null },
    ...(account ? { account } : {}),
    data: { object: { ...session } },
  };
}

/** The delivery of an event: its body and the Stripe-Signature header made with the signing secret. */
export function signed(event: object, secret = WEBHOOK_SECRET) {
  const body = JSON.stringify(event, null, 2);
  return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
}

/** The webhook route's request, on the platform's host as Stripe would call it. */
export function webhookRequest(delivery: { body: string; signature: string | null }, host = "localhost") {
  return new Request(`http://${host}/api/webhooks/stripe`, {
    method: "POST",
    headers: { host, "content-type": "application/json", ...(delivery.signature ? { "stripe-signature": delivery.signature } : {}) },
    body: delivery.body,
  });
}
