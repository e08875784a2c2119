// The benchmark's ceiling (`npm run bench`): the cheapest answer the server can give, through the
// same server, proxy and routing as every page, with no database and no rendering. A page's
// throughput is read against this one.
export const dynamic = "force-dynamic";

export function GET() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
