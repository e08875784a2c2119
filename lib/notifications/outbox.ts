import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { renderMessage } from "@/lib/notifications/render";
import type { TemplateData, TemplateName } from "@/lib/notifications/templates";
import type { Sender } from "@/lib/notifications/templates/layout";
import type { TenantSettings } from "@/lib/tenancy/settings";

/** A transaction client or the client itself: messages are queued inside the caller's transaction. */
export type Tx = Prisma.TransactionClient;

export type Outgoing<N extends TemplateName> = {
  channel: "EMAIL" | "SMS";
  to: string;
  template: N;
  data: TemplateData<N>;
  /** The citizen it is for, when there is one (their « Messages » page). */
  accountId?: string | null;
  /** The request it is about, when there is one (listed on the request's page). */
  requestId?: string | null;
  /** When to send it (scheduled reminders); now by default. */
  sendAt?: Date;
  /** A stable key makes queuing idempotent (the same event never queues twice); random by default. */
  key?: string;
};

/** The commune a message is sent for; its settings (sender name, SMS) when the caller has them. */
export type SendingCommune = Sender & { id: string; settings?: Pick<TenantSettings, "senderName" | "smsEnabled"> };

/**
 * Queues a message in the outbox, in the caller's transaction: if the change that causes it rolls
 * back, the message was never there. Rendered now: the stored text is what will be sent. It goes
 * under the commune's sender name (its official name by default). A commune that sends no SMS
 * never has one queued: its notices are routed by email before (lib/accounts/contact).
 */
export async function queueMessage<N extends TemplateName>(tx: Tx, tenant: SendingCommune, message: Outgoing<N>) {
  if (message.channel === "SMS" && tenant.settings?.smsEnabled === false) return;
  const rendered = await renderMessage(message.template, message.data, tenant, message.channel);
  const idempotencyKey = message.key ?? randomUUID();
  const row = {
    tenantId: tenant.id,
    accountId: message.accountId ?? null,
    requestId: message.requestId ?? null,
    channel: message.channel,
    recipient: normalizeRecipient(message.to),
    template: message.template,
    senderName: tenant.settings?.senderName || tenant.officialName,
    replyTo: tenant.contactEmail || null,
    ...rendered,
    idempotencyKey,
    nextAttemptAt: message.sendAt ?? new Date(),
  };
  // With a caller-given key, a second queuing of the same event is a no-op.
  await tx.message.upsert({ where: { idempotencyKey }, create: row, update: {}, select: { id: true } });
}

/** How recipients are stored and looked up: emails in lower case, phone numbers without separators. */
export function normalizeRecipient(to: string): string {
  const value = to.trim();
  return value.includes("@") ? value.toLowerCase() : value.replace(/[\s.-]/g, "");
}

/** Queues one message outside any other change (a test message, a reminder). */
export async function queueStandalone<N extends TemplateName>(tenant: SendingCommune, message: Outgoing<N>) {
  await db.$transaction((tx) => queueMessage(tx, tenant, message));
}
