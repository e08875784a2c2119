import { devMailboxEnabled, listMailbox } from "@/lib/notifications/mailbox";
import { tenantOfRequest } from "@/lib/tenancy/request";

// GET /api/dev/mailbox?to=ADDRESS: the messages of that address on this commune, newest first.
// Only in demo mode (or DEV_MAILBOX=1); a 404 otherwise, as if it did not exist.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const tenant = await tenantOfRequest(request);
  if (!devMailboxEnabled() || !tenant) return new Response(null, { status: 404 });
  const to = new URL(request.url).searchParams.get("to");
  if (!to) return Response.json({ message: "Paramètre « to » manquant : l'adresse ou le numéro." }, { status: 400 });
  const messages = await listMailbox(tenant, to.slice(0, 320));
  return Response.json(
    messages.map((m) => ({ to: m.to, channel: m.channel, subject: m.subject, text: m.text, createdAt: m.createdAt })),
    { headers: { "Cache-Control": "no-store" } },
  );
}
