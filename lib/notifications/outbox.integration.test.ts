import http from "node:http";
import type { AddressInfo } from "node:net";
import { spawn } from "node:child_process";
import { db } from "@/lib/db";
import { queueMessage, queueStandalone } from "@/lib/notifications/outbox";
import { outboxTransport, resendTransport, type Transport } from "@/lib/notifications/transports";
import { LEASE_MS, MAX_ATTEMPTS, deliverDue } from "@/lib/notifications/worker";
import { createFullTenant } from "@/tests/factories";

/** A transport that records what it was given and answers as told. */
function recorder(answer: (n: number) => Promise<string> = async () => "ok") {
  const sent: string[] = [];
  const transport: Transport = {
    name: "recorder",
    async send(m) {
      sent.push(m.idempotencyKey);
      return answer(sent.length);
    },
  };
  return { sent, both: { EMAIL: transport, SMS: transport } };
}

const essai = (to = "amelie@exemple.fr") => ({ channel: "EMAIL" as const, to, template: "essai" as const, data: {} });

describe("the outbox", () => {
  it("never sends a message whose transaction rolled back", async () => {
    const tenant = await createFullTenant();
    await expect(
      db.$transaction(async (tx) => {
        await queueMessage(tx, tenant, essai());
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");

    const { sent, both } = recorder();
    expect(await deliverDue({ transports: both })).toBe(0);
    expect(sent).toEqual([]);
    expect(await db.message.count()).toBe(0);
  });

  it("stores what the citizen reads, rendered with the commune's name, colours and a no-reply footer", async () => {
    const tenant = await createFullTenant({ name: "Beaucouzé", primaryColor: "#0b6e4f", hosts: ["beaucouze.test"] });
    await queueStandalone(tenant, essai("Amelie@Exemple.fr"));
    await queueStandalone(tenant, { ...essai("06 12 34 56 78"), channel: "SMS" });
    const [email, sms] = await db.message.findMany({ orderBy: { channel: "asc" } });

    expect(email).toMatchObject({ recipient: "amelie@exemple.fr", senderName: "Mairie de Beaucouzé", status: "EN_ATTENTE" });
    expect(email!.subject).toContain("mairie de Beaucouzé");
    expect(email!.text).toContain("Compte Citoyen de Beaucouzé");
    expect(email!.text).toContain("ne pas répondre");
    expect(email!.html).toMatch(/^<!DOCTYPE html>/);
    expect(email!.html).toContain("#0b6e4f");
    expect(email!.html).toContain("https://beaucouze.test/");
    expect(sms).toMatchObject({ channel: "SMS", recipient: "0612345678", html: null });
    expect(sms!.text.length).toBeLessThanOrEqual(160);
  });

  it("queues an event once when the caller gives it a key", async () => {
    const tenant = await createFullTenant();
    await queueStandalone(tenant, { ...essai(), key: "demande-1-recue" });
    await queueStandalone(tenant, { ...essai(), key: "demande-1-recue" });
    expect(await db.message.count()).toBe(1);
  });
});

describe("the worker", () => {
  it("retries a failing transport with growing delays, then marks the message ECHEC with its error", async () => {
    const tenant = await createFullTenant();
    await queueStandalone(tenant, essai());
    const { sent, both } = recorder(async () => {
      throw new Error("SMTP 451 try later");
    });

    let now = new Date(Date.now() + 1_000);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverDue({ now, transports: both })).toBe(1);
      const row = await db.message.findFirstOrThrow();
      if (attempt < MAX_ATTEMPTS) {
        expect(row).toMatchObject({ status: "EN_ATTENTE", attempts: attempt, lastError: "SMTP 451 try later" });
        const wait = row.nextAttemptAt.getTime() - now.getTime();
        delays.push(wait);
        // Not due before its time.
        expect(await deliverDue({ now: new Date(now.getTime() + wait - 1_000), transports: both })).toBe(0);
        now = new Date(now.getTime() + wait);
      }
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(await db.message.findFirstOrThrow()).toMatchObject({ status: "ECHEC", attempts: MAX_ATTEMPTS, lastError: "SMTP 451 try later" });
    expect(sent).toHaveLength(MAX_ATTEMPTS);
    expect(await deliverDue({ now: new Date(now.getTime() + 86_400_000), transports: both })).toBe(0);
  });

  it("gives a message held by a worker that died to another worker once its lease is over", async () => {
    const tenant = await createFullTenant();
    await queueStandalone(tenant, essai());
    const now = new Date(Date.now() + 1_000);
    let release!: (id: string) => void;
    const stuck = recorder(() => new Promise<string>((resolve) => (release = resolve)));
    const first = deliverDue({ now, transports: stuck.both }); // holds the message, never finishes in time

    await new Promise((r) => setTimeout(r, 200));
    const other = recorder();
    expect(await deliverDue({ now: new Date(now.getTime() + 1_000), transports: other.both })).toBe(0);
    expect(await deliverDue({ now: new Date(now.getTime() + LEASE_MS + 1_000), transports: other.both })).toBe(1);
    expect(other.sent).toEqual(stuck.sent); // the same idempotency key both times
    release("late");
    await first;
    expect(await db.message.findFirstOrThrow()).toMatchObject({ status: "ENVOYE", attempts: 2 });
  });

  it("never lets two workers deliver the same message", async () => {
    const tenant = await createFullTenant();
    for (let i = 0; i < 30; i++) await queueStandalone(tenant, essai(`p${i}@exemple.fr`));
    const slow = recorder(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return "ok";
    });
    const now = new Date(Date.now() + 1_000);
    const counts = await Promise.all([1, 2, 3].map(() => deliverDue({ now, limit: 20, transports: slow.both })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    expect(new Set(slow.sent).size).toBe(30);
    expect(slow.sent).toHaveLength(30);
    expect(await db.message.count({ where: { status: "ENVOYE" } })).toBe(30);
  });

  it("keeps messages in the built-in outbox when no provider is configured", async () => {
    const tenant = await createFullTenant();
    await queueStandalone(tenant, essai());
    await deliverDue({ now: new Date(Date.now() + 1_000), transports: { EMAIL: outboxTransport, SMS: outboxTransport } });
    expect(await db.message.findFirstOrThrow()).toMatchObject({ status: "ENVOYE", providerId: "outbox" });
  });
});

describe("email through Resend, against a local server standing for its API", () => {
  let server: http.Server;
  let baseUrl: string;
  const requests: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const accepted = new Map<string, string>(); // idempotency key → email id, as Resend deduplicates

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        requests.push({ headers: req.headers, body: JSON.parse(raw) });
        const key = String(req.headers["idempotency-key"]);
        if (!accepted.has(key)) accepted.set(key, `email_${accepted.size + 1}`);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: accepted.get(key) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("sends from the town hall, to the citizen, with the message's idempotency key, and never twice after a crash", async () => {
    const tenant = await createFullTenant({ name: "Sète", contactEmail: "accueil@sete.test" });
    await queueStandalone(tenant, essai("amelie@exemple.fr"));
    const resend = resendTransport("re_test_key", baseUrl);
    // The provider accepts the email, then this worker dies before recording it.
    const crashing: Transport = {
      name: "resend",
      async send(m) {
        await resend.send(m);
        throw new Error("process killed");
      },
    };
    const now = new Date(Date.now() + 1_000);
    await deliverDue({ now, transports: { EMAIL: crashing, SMS: crashing } });
    await deliverDue({ now: new Date(now.getTime() + LEASE_MS + 1_000), transports: { EMAIL: resend, SMS: resend } });

    const message = await db.message.findFirstOrThrow();
    expect(requests).toHaveLength(2);
    for (const { headers, body } of requests) {
      expect(headers["idempotency-key"]).toBe(message.idempotencyKey);
      expect(headers.authorization).toBe("Bearer re_test_key");
      expect(body).toMatchObject({
        from: "Mairie de Sète <ne-pas-repondre@compte-citoyen.localhost>",
        to: ["amelie@exemple.fr"],
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      // Replies, should anyone send one, reach the town hall.
      expect(body.reply_to ?? body.replyTo).toEqual("accueil@sete.test");
    }
    expect(accepted.size).toBe(1); // one email reached the citizen
    expect(message).toMatchObject({ status: "ENVOYE", providerId: "email_1" });
  });
});

describe("npm run worker", () => {
  it("delivers the outbox from its own process and stops cleanly on SIGTERM", async () => {
    const tenant = await createFullTenant();
    await queueStandalone(tenant, essai());
    const worker = spawn(process.execPath, ["-r", "./scripts/server-only.cjs", "--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, WORKER_POLL_MS: "100", LOG_LEVEL: "silent", RESEND_API_KEY: "" },
      stdio: "inherit",
    });
    let exitCode: number | null = null;
    worker.once("exit", (code) => (exitCode = code));
    try {
      const deadline = Date.now() + 20_000;
      while ((await db.message.findFirstOrThrow()).status !== "ENVOYE" && Date.now() < deadline && exitCode === null) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await db.message.findFirstOrThrow()).toMatchObject({ status: "ENVOYE", providerId: "outbox" });
    } finally {
      if (exitCode === null) {
        const exited = new Promise<number | null>((r) => worker.once("exit", r));
        worker.kill("SIGTERM");
        expect(await exited).toBe(0);
      }
    }
  }, 30_000);
});
