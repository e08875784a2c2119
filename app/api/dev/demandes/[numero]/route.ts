import { devMailboxEnabled } from "@/lib/notifications/mailbox";
import { demoChangeStatus } from "@/lib/requests/demo";
import { tenantOfRequest } from "@/lib/tenancy/request";

// POST /api/dev/demandes/<numero> { to, publicMessage?, motif? }: moves a request of this commune as
// an agent would (lib/requests/demo.ts). Only in demo mode (or DEV_MAILBOX=1); a 404 otherwise.
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ numero: string }> }) {
  const tenant = await tenantOfRequest(request);
  if (!devMailboxEnabled() || !tenant) return new Response("Not found", { status: 404 });
  const body: unknown = await request.json().catch(() => null);
  if (typeof body !== "object" || body === null || Array.isArray(body)) return Response.json({ ok: false, message: "Corps JSON attendu." }, { status: 400 });
  const result = await demoChangeStatus(tenant, (await params).numero, body as Record<string, unknown>);
  return Response.json(result, { status: result.ok ? 200 : 400, headers: { "Cache-Control": "no-store" } });
}
