import { logoPng, logoPngOfCommune } from "@/lib/commune/logo";
import { getTenant } from "@/lib/tenancy/request";

// GET /logo.png: the logo the commune's admin uploaded, always a PNG redrawn on upload (see
// lib/commune/logo). The address carries the picture's hash (?v=…), so it can be cached for long.
// On the platform's address (no commune), ?commune=<slug> names the commune: its list of communes.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const tenant = await getTenant();
  const named = new URL(request.url).searchParams.get("commune");
  const png = tenant ? await logoPng(tenant.id) : named ? await logoPngOfCommune(named) : null;
  if (!png) return new Response("Logo introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Length": String(png.length),
      "Cache-Control": "public, max-age=86400",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
