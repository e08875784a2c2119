import { contentSecurityPolicy, crossSiteRefusal, isPrivate, newNonce, responseSecurityHeaders } from "@/lib/security/headers";

const headers = (h: Record<string, string>) => new Headers(h);

describe("contentSecurityPolicy", () => {
  const policy = contentSecurityPolicy("abc123==", { development: false, https: false });

  it("lets only scripts carrying this response's nonce run, never eval, and no site may frame the page", () => {
    expect(policy).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
  });

  it("allows eval only in development (React's overlay) and upgrades requests only over HTTPS", () => {
    expect(contentSecurityPolicy("n", { development: true, https: false })).toContain("'unsafe-eval'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { development: false, https: true })).toContain("upgrade-insecure-requests");
  });
});

describe("newNonce", () => {
  it("draws 128 random bits each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});

describe("responseSecurityHeaders", () => {
  it("sends HSTS in production over HTTPS only, and no-store on private responses", () => {
    const base = { policy: "p", https: true, production: true, private: false };
    expect(responseSecurityHeaders(base)["strict-transport-security"]).toMatch(/^max-age=63072000/);
    expect(responseSecurityHeaders({ ...base, https: false })["strict-transport-security"]).toBeUndefined();
    expect(responseSecurityHeaders({ ...base, production: false })["strict-transport-security"]).toBeUndefined();
    expect(responseSecurityHeaders(base)["cache-control"]).toBeUndefined();
    expect(responseSecurityHeaders({ ...base, private: true })["cache-control"]).toBe("private, no-store");
  });
});

describe("isPrivate", () => {
  it("covers the signed-in spaces, files and PDFs, and any page asked with a session cookie", () => {
    for (const path of ["/accueil", "/compte/modifier", "/demandes", "/demandes/ILK-2026-000001/pdf", "/mes-comptes/factures/x", "/messages", "/panier", "/admin", "/admin/demandes", "/api/pieces/x"]) {
      expect([path, isPrivate(path, [])]).toEqual([path, true]);
    }
    for (const path of ["/", "/faq", "/services/acte-de-naissance", "/connexion", "/comptes-rendus"]) {
      expect([path, isPrivate(path, [])]).toEqual([path, false]);
    }
    expect(isPrivate("/faq", ["cc.session"])).toBe(true);
    expect(isPrivate("/faq", ["__Secure-cc.agent"])).toBe(true);
    expect(isPrivate("/faq", ["autre"])).toBe(false);
  });
});

describe("crossSiteRefusal", () => {
  const own = "sete.localhost:3000";

  it("never refuses a read", () => {
    expect(crossSiteRefusal("GET", headers({ origin: "https://ailleurs.example", "sec-fetch-site": "cross-site" }), own)).toBeNull();
    expect(crossSiteRefusal("HEAD", headers({ origin: "null" }), own)).toBeNull();
  });

  it("refuses a write from another site, an opaque origin, or that the browser calls cross-site", () => {
    expect(crossSiteRefusal("POST", headers({ origin: "https://ailleurs.example" }), own)).toBe("origin-other");
    expect(crossSiteRefusal("POST", headers({ origin: "http://beaucouze.localhost:3000" }), own)).toBe("origin-other");
    expect(crossSiteRefusal("POST", headers({ origin: "http://sete.localhost:3001" }), own)).toBe("origin-other");
    expect(crossSiteRefusal("DELETE", headers({ origin: "null" }), own)).toBe("origin-null");
    expect(crossSiteRefusal("POST", headers({ "sec-fetch-site": "cross-site" }), own)).toBe("sec-fetch-site");
    expect(crossSiteRefusal("POST", headers({ origin: "pas une adresse" }), own)).toBe("origin-invalid");
    expect(crossSiteRefusal("POST", headers({ origin: "https://ailleurs.example" }), null)).toBe("origin-other");
  });

  it("lets the site's own pages and programs without a browser (webhooks, API) write", () => {
    expect(crossSiteRefusal("POST", headers({ origin: "http://sete.localhost:3000", "sec-fetch-site": "same-origin" }), own)).toBeNull();
    expect(crossSiteRefusal("POST", headers({}), own)).toBeNull();
    expect(crossSiteRefusal("POST", headers({ "sec-fetch-site": "none" }), own)).toBeNull();
  });
});
