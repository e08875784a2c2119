"use server";
import { redirect } from "next/navigation";
import { notFound } from "next/navigation";
import * as z from "zod";
import { devMailboxEnabled } from "@/lib/notifications/mailbox";
import { queueStandalone } from "@/lib/notifications/outbox";
import { requireTenant } from "@/lib/tenancy/request";
import { headers } from "next/headers";
import { clientAddress, hitRateLimit } from "@/lib/security/rate-limit";
import { formOf } from "@/lib/form-input";

const input = z.object({
  to: z.string().trim().min(3).max(320),
  channel: z.enum(["EMAIL", "SMS"]),
});

/** Demo only: queues the test message of this commune, to see its branded email in the mailbox. */
export async function sendTestMessage(sent: unknown) {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  if (!devMailboxEnabled()) notFound();
  // Even for a demo tool: a mail relay open to anyone would be abused once Resend is configured.
  if (!(await hitRateLimit("message-essai", clientAddress(await headers()), 10, 3_600_000)).allowed) redirect("/dev/messages?erreur=limite");
  const parsed = input.safeParse({ to: formData.get("to"), channel: formData.get("channel") });
  const valid =
    parsed.success &&
    (parsed.data.channel === "EMAIL" ? z.email().safeParse(parsed.data.to).success : /^\+?[0-9 .-]{10,20}$/.test(parsed.data.to));
  if (!parsed.success || !valid) redirect("/dev/messages?erreur=adresse");
  await queueStandalone(tenant, { channel: parsed.data.channel, to: parsed.data.to, template: "essai", data: {} });
  redirect(`/dev/messages?a=${encodeURIComponent(parsed.data.to)}&envoye=1`);
}
