// The security headers every response gets from proxy.ts, and its refusal of cross-site writes.
// Pure functions of the request: unit-tested here, applied in one place (proxy.ts).

/** A fresh nonce per response: 128 random bits, base64. Next reads it back from the request's CSP. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The page's Content-Security-Policy. Scripts: only ours, each carrying this response's nonce
 * ('strict-dynamic' lets Next's loader add its chunks); never 'unsafe-eval' outside development,
 * where React needs it for its error overlay. Styles allow inline attributes: the commune's colours
 * are set with `style`, and the captcha widget injects its own <style>; a style cannot run code.
 * The Stripe checkout is reached by a redirect after a form: form-action must allow it.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The captcha solves its puzzle in a worker built from a blob.
    "worker-src 'self' blob:",
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self' https://checkout.stripe.com",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * The headers proxy.ts adds to a response (next.config.ts adds the static ones: nosniff, referrer,
 * frame and permissions policies). HSTS, two years with subdomains, only in production over HTTPS:
 * browsers ignore it on HTTP, and a developer's localhost must not learn it.
 */
export function responseSecurityHeaders(o: { policy: string; https: boolean; production: boolean; private: boolean }): Record<string, string> {
  const headers: Record<string, string> = { "content-security-policy": o.policy };
  if (o.https && o.production) headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  if (o.private) headers["cache-control"] = "private, no-store";
  return headers;
}

/**
 * Pages and files that show a person's data must never be kept by a browser or a shared cache: the
 * spaces behind a sign-in, the files and PDFs, and any page asked for with a session cookie (the public
 * pages then greet the person by name).
 */
export function isPrivate(pathname: string, cookieNames: string[]): boolean {
  if (cookieNames.some((name) => name.includes("cc.session") || name.includes("cc.agent"))) return true;
  return /^\/(admin|accueil|compte|demandes|mes-comptes|messages|panier|api\/(pieces|admin|dev))(\/|$)/.test(pathname)
    || /\/pdf$/.test(pathname);
}

/** The headers of a file made for one person (a PDF, an export): kept by no cache, never sniffed. */
export const PRIVATE_FILE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" } as const;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a write (a server action, a POST to a route) must be refused because another site sent it,
 * or null. Browsers say where a request comes from (Origin, Sec-Fetch-Site); a request without
 * either comes from a program (Stripe's webhook, the invoices API), which no cookie follows.
 * `ownHost` is the host the proxy validated ("sete.localhost:3000").
 */
export function crossSiteRefusal(method: string, headers: { get(name: string): string | null }, ownHost: string | null): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (headers.get("sec-fetch-site") === "cross-site") return "sec-fetch-site";
  const origin = headers.get("origin");
  if (origin === null) return null;
  if (origin === "null") return "origin-null";
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return "origin-invalid";
  }
  return ownHost !== null && host === ownHost ? null : "origin-other";
}

export const CROSS_SITE_MESSAGE = "Demande refusée : elle a été envoyée depuis un autre site. Revenez sur le site de votre commune et recommencez.";
