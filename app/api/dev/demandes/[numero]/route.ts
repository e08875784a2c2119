import { env } from "@/lib/env";
import { demoChangeStatus } from "@/lib/requests/demo";
import { REQUEST_NOT_FOUND } from "@/lib/requests/transitions";
import { tenantOfRequest } from "@/lib/tenancy/request";

// POST /api/dev/demandes/<numero> { to, publicMessage?, motif? }: moves a request of this commune as
// an agent would (lib/requests/demo.ts). Only in demo mode (never with DEV_MAILBOX alone, which a
// real deployment may set to read its outbox); a 404 otherwise, as if it did not exist.
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ numero: string }> }) {
  const tenant = await tenantOfRequest(request);
  if (!env.demoMode || !tenant) return new Response(null, { status: 404 });
  const body: unknown = await request.json().catch(() => null);
  if (typeof body !== "object" || body === null || Array.isArray(body)) return Response.json({ ok: false, message: "Corps JSON attendu." }, { status: 400 });
  const result = await demoChangeStatus(tenant, (await params).numero, body as Record<string, unknown>);
  const status = result.ok ? 200 : result.message === REQUEST_NOT_FOUND ? 404 : 400;
  return Response.json(result, { status, headers: { "Cache-Control": "no-store" } });
}
