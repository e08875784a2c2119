import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { normalizeRecipient } from "@/lib/notifications/outbox";

// The dev mailbox: what the outbox holds, for people and tests, in demo mode or with DEV_MAILBOX=1.
// On a commune's host it shows that commune's messages only.

export function devMailboxEnabled(): boolean {
  return env.devMailbox;
}

export type MailboxEntry = {
  id: string;
  to: string;
  channel: "EMAIL" | "SMS";
  subject: string;
  text: string;
  html: string | null;
  status: "EN_ATTENTE" | "ENVOYE" | "ECHEC";
  createdAt: Date;
};

/** The messages of one address (or all, when none is given), newest first. */
export async function listMailbox(tenant: { id: string }, address?: string | null, take = 50): Promise<MailboxEntry[]> {
  const to = address?.trim();
  const rows = await db.message.findMany({
    where: {
      tenantId: tenant.id,
      ...(to ? { recipient: normalizeRecipient(to) } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, recipient: true, channel: true, subject: true, text: true, html: true, status: true, createdAt: true },
  });
  return rows.map(({ recipient, ...m }) => ({ ...m, to: recipient }));
}
