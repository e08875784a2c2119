import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { configuredTransports, type OutgoingMessage, type Transport } from "@/lib/notifications/transports";
import { unsafeSendDigests } from "@/lib/agents/digest";
import { unsafeExpirePayments } from "@/lib/billing/payments";
import { unsafeAnonymizeExpiredRequests } from "@/lib/requests/anonymize";
import { unsafeRemindAndRemoveDrafts } from "@/lib/requests/retention";
import { unsafeHousekeeping } from "@/lib/security/housekeeping";

// Delivers the outbox. Several workers may run at once (one per app instance, or alone with
// `npm run worker`): a message is claimed with FOR UPDATE SKIP LOCKED and leased by pushing its
// nextAttemptAt forward, so no two workers hold it; a worker that dies mid-send loses its lease and
// the message is retried with the same idempotency key, which the provider deduplicates.
// docs/decisions/0005-outbox-and-worker.md says why no job library.

export const MAX_ATTEMPTS = 6;
export const LEASE_MS = 2 * 60_000;
const BATCH = 20;
const HOUSEKEEPING_EVERY_MS = 10 * 60_000;
/** Payments left unfinished release their invoices within a minute of their time running out. */
const PAYMENT_EXPIRY_EVERY_MS = 60_000;

/** Wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min… at most 1 h. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(30_000 * 2 ** (failedAttempts - 1), 60 * 60_000);
}

type Claimed = OutgoingMessage & { id: string; attempts: number };

/** Claims up to `limit` due messages for this worker, for the length of a lease. */
async function claim(now: Date, limit: number): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  return db.$queryRaw<Claimed[]>`
    UPDATE "Message" SET "nextAttemptAt" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Message"
      WHERE "status" = 'EN_ATTENTE' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "channel"::text AS "channel", "recipient", "senderName", "replyTo", "subject", "text", "html",
      "idempotencyKey", "attempts"`;
}

/** One pass: claims the due messages and hands each to its channel's transport. Returns how many. */
export async function deliverDue(
  options: { now?: Date; limit?: number; transports?: Record<"EMAIL" | "SMS", Transport> } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const transports = options.transports ?? configuredTransports();
  const batch = await claim(now, options.limit ?? BATCH);
  await Promise.all(batch.map((message) => deliver(message, transports[message.channel], now)));
  return batch.length;
}

async function deliver(message: Claimed, transport: Transport, now: Date) {
  try {
    const providerId = await transport.send(message);
    await db.message.updateMany({
      where: { id: message.id, status: "EN_ATTENTE" },
      data: { status: "ENVOYE", providerId, sentAt: new Date(), lastError: null },
    });
    log("info", "message.sent", { id: message.id, channel: message.channel, transport: transport.name, attempts: message.attempts });
  } catch (error) {
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const failed = message.attempts >= MAX_ATTEMPTS;
    await db.message.updateMany({
      where: { id: message.id, status: "EN_ATTENTE" },
      data: failed
        ? { status: "ECHEC", lastError }
        : { lastError, nextAttemptAt: new Date(now.getTime() + backoffMs(message.attempts)) },
    });
    log(failed ? "error" : "warn", failed ? "message.failed" : "message.retry", {
      id: message.id, channel: message.channel, transport: transport.name, attempts: message.attempts, error: lastError,
    });
  }
}

/** Polls the outbox until the signal aborts. A full batch is followed at once by the next one. */
export async function runWorker(signal: AbortSignal, pollMs: number) {
  log("info", "worker.started", { pollMs });
  let lastHousekeeping = 0;
  let lastPaymentExpiry = 0;
  while (!signal.aborted) {
    let delivered = 0;
    try {
      delivered = await deliverDue();
      if (Date.now() - lastPaymentExpiry > PAYMENT_EXPIRY_EVERY_MS) {
        lastPaymentExpiry = Date.now();
        const expired = await unsafeExpirePayments();
        if (expired) log("info", "worker.payments", { expired });
      }
      if (Date.now() - lastHousekeeping > HOUSEKEEPING_EVERY_MS) {
        lastHousekeeping = Date.now();
        log("info", "worker.housekeeping", await unsafeHousekeeping());
        log("info", "worker.drafts", await unsafeRemindAndRemoveDrafts());
        log("info", "worker.retention", await unsafeAnonymizeExpiredRequests());
        log("info", "worker.digests", await unsafeSendDigests());
      }
    } catch (error) {
      // The database may be restarting: keep polling rather than die.
      log("error", "worker.error", { error: error instanceof Error ? error.message : String(error) });
    }
    if (delivered < BATCH) await sleep(pollMs, signal);
  }
  log("info", "worker.stopped");
}

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
