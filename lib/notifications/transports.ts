import "server-only";
import { Resend } from "resend";
import { env } from "@/lib/env";

// How a message leaves the outbox. One transport per channel, chosen by configuration.
export type OutgoingMessage = {
  channel: "EMAIL" | "SMS";
  recipient: string;
  senderName: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  idempotencyKey: string;
};

export type Transport = {
  name: string;
  /** Resolves with the provider's id once it accepted the message; throws otherwise. */
  send(message: OutgoingMessage): Promise<string>;
};

/** Keeps the message in the built-in outbox (dev mailbox, demo, or no provider configured). */
export const outboxTransport: Transport = {
  name: "outbox",
  async send() {
    return "outbox";
  },
};

/** Email through Resend. The idempotency key makes a retry after a crash a no-op at Resend's side. */
export function resendTransport(apiKey: string, baseUrl?: string): Transport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send(m) {
      const { data, error } = await resend.emails.send(
        {
          from: `${m.senderName.replace(/[<>"]/g, "")} <${env.MAIL_FROM}>`,
          to: [m.recipient],
          replyTo: m.replyTo ?? undefined,
          subject: m.subject,
          text: m.text,
          html: m.html ?? undefined,
        },
        { idempotencyKey: m.idempotencyKey },
      );
      if (error || !data) throw new Error(`Resend: ${error?.name ?? "error"}: ${error?.message ?? "no id"}`);
      return data.id;
    },
  };
}

/** The transports of this deployment: Resend for email when a key is set; SMS stays in the outbox. */
export function configuredTransports(): Record<"EMAIL" | "SMS", Transport> {
  return {
    EMAIL: env.RESEND_API_KEY ? resendTransport(env.RESEND_API_KEY, env.RESEND_BASE_URL) : outboxTransport,
    // A production SMS gateway plugs in here, behind the same interface.
    SMS: outboxTransport,
  };
}
