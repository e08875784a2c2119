import { NextResponse, type NextRequest } from "next/server";
import { authSecret, env } from "@/lib/env";
import { originFor, requestHost, VOUCHED_HOST_HEADER, vouchForHost } from "@/lib/tenancy/host";
import { resolveHost } from "@/lib/tenancy/resolve";

// Comfort, not a lock: pages resolve the commune themselves (lib/tenancy/request.ts).
// Here we (1) send a commune's other hostnames to its canonical host with a 308, and
// (2) rewrite the forwarded headers with the validated host, so nothing downstream
// (next-auth builds URLs from them) can be fooled by a forged X-Forwarded-Host or X-Tenant header.
export async function proxy(request: NextRequest) {
  const host = requestHost(request.headers, env.TRUST_PROXY, authSecret());
  const headers = new Headers(request.headers);
  for (const name of [...headers.keys()]) {
    if (name.startsWith("x-tenant") || ["x-forwarded-host", "x-forwarded-proto", VOUCHED_HOST_HEADER].includes(name)) {
      headers.delete(name);
    }
  }
  if (host) {
    const resolution = await resolveHost(host.hostname);
    // Webhooks (Stripe) are served on any host: a redirect would be a failed delivery for them.
    if (resolution.kind === "tenant" && !resolution.canonical && !request.nextUrl.pathname.startsWith("/api/webhooks/")) {
      const { pathname, search } = request.nextUrl;
      return NextResponse.redirect(new URL(pathname + search, originFor(resolution.tenant.canonicalHost, host)), 308);
    }
    headers.set("x-forwarded-host", host.port ? `${host.hostname}:${host.port}` : host.hostname);
    headers.set("x-forwarded-proto", host.proto);
    headers.set(VOUCHED_HOST_HEADER, vouchForHost(host, authSecret()));
  }
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|communes/).*)"],
};
