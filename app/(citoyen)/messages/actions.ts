"use server";

import * as z from "zod";
import { guarded } from "@/lib/actions";
import { requireCitizen } from "@/lib/auth/session";
import { markInboxRead } from "@/lib/notifications/inbox";
import { requireTenant } from "@/lib/tenancy/request";

const ShownUpTo = z.iso.datetime();

/** Sent by « Mes messages » once it has shown them: the messages up to the newest listed are read. */
export async function markMessagesRead(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/messages");
  const parsed = ShownUpTo.safeParse(sent);
  if (!parsed.success) return;
  await guarded("messages.read", tenant, () => markInboxRead(citizen, new Date(parsed.data)), { answer: 0 });
}
