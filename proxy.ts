import { NextResponse, type NextRequest } from "next/server";
import { authSecret, env } from "@/lib/env";
import { log } from "@/lib/log";
import {
  contentSecurityPolicy, CROSS_SITE_MESSAGE, crossSiteRefusal, isPrivate, newNonce, responseSecurityHeaders,
} from "@/lib/security/headers";
import { originFor, requestHost, VOUCHED_HOST_HEADER, vouchForHost } from "@/lib/tenancy/host";
import { resolveHost } from "@/lib/tenancy/resolve";

// Comfort, not a lock: pages resolve the commune themselves (lib/tenancy/request.ts).
// Here we (1) refuse writes sent by another site (server actions, POST routes), (2) send a commune's
// other hostnames to its canonical host with a 308, (3) rewrite the forwarded headers with the
// validated host, so nothing downstream (next-auth builds URLs from them) can be fooled by a forged
// X-Forwarded-Host or X-Tenant header, and (4) give every response its security headers, with a
// fresh CSP nonce that Next reads back from the request to mark its own scripts.
export async function proxy(request: NextRequest) {
  const host = requestHost(request.headers, env.TRUST_PROXY, authSecret());
  const ownHost = host ? (host.port ? `${host.hostname}:${host.port}` : host.hostname) : null;

  const refusal = crossSiteRefusal(request.method, request.headers, ownHost);
  if (refusal) {
    log("warn", "proxy.cross_site_refused", { reason: refusal, method: request.method, path: request.nextUrl.pathname });
    return withSecurityHeaders(request, host?.proto === "https", newNonce(), NextResponse.json({ message: CROSS_SITE_MESSAGE }, { status: 403 }));
  }

  const headers = new Headers(request.headers);
  for (const name of [...headers.keys()]) {
    if (name.startsWith("x-tenant") || ["x-forwarded-host", "x-forwarded-proto", VOUCHED_HOST_HEADER, "x-nonce"].includes(name)) {
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
    headers.set("x-forwarded-host", ownHost!);
    headers.set("x-forwarded-proto", host.proto);
    headers.set(VOUCHED_HOST_HEADER, vouchForHost(host, authSecret()));
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { development: env.NODE_ENV === "development", https: host?.proto === "https" });
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  return withSecurityHeaders(request, host?.proto === "https", nonce, NextResponse.next({ request: { headers } }), policy);
}

function withSecurityHeaders(request: NextRequest, https: boolean, nonce: string, response: NextResponse, policy?: string) {
  const added = responseSecurityHeaders({
    policy: policy ?? contentSecurityPolicy(nonce, { development: env.NODE_ENV === "development", https }),
    https,
    production: env.NODE_ENV === "production",
    private: isPrivate(request.nextUrl.pathname, request.cookies.getAll().map((c) => c.name)),
  });
  for (const [name, value] of Object.entries(added)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|communes/).*)"],
};
