import { checkHealth } from "@/lib/health";

// For load balancers and monitoring: 200 when the database answers, 503 otherwise.
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
