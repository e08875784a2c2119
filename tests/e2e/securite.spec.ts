import { expect, test } from "@playwright/test";
import { urlOf, visit } from "./helpers";

// Node (Playwright's request context) does not resolve *.localhost as Chromium does: ask the server
// directly, naming the commune's host in the Host header as a browser would.
const direct = (path: string) => urlOf("127.0.0.1", path);
const SETE = { host: new URL(urlOf("sete.localhost")).host };

// The security headers as a browser receives them from the production server, and the refusal of
// writes sent by another site. Reads only: any commune, any project.

test("every page carries a CSP whose nonce marks each of its scripts, and nothing is blocked", async ({ page }) => {
  const response = (await visit(page, urlOf("beaucouze.localhost", "/")))!;
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
  // Over HTTP (this server), no HSTS: it is sent in production over HTTPS only.
  expect(headers["strict-transport-security"]).toBeUndefined();
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // A second load gets another nonce; the page still works (its menu, its links) under the policy.
  const again = (await page.reload())!;
  expect(again.headers()["content-security-policy"]).not.toContain(nonce!);
  await visit(page, urlOf("beaucouze.localhost", "/creer-mon-compte"));
});

test("signed-in spaces, files and any page asked with a session are never stored", async ({ request }) => {
  // The proxy decides from the address and the cookie's presence: no need to be someone here.
  const withSession = await request.get(direct("/faq"), { headers: { ...SETE, cookie: "cc.session=quelconque" } });
  expect(withSession.headers()["cache-control"]).toContain("no-store");
  for (const path of ["/accueil", "/demandes", "/mes-comptes", "/admin", "/api/pieces/inconnue", "/demandes/SET-2026-000001/pdf"]) {
    const res = await request.get(direct(path), { headers: SETE, maxRedirects: 0 });
    expect([path, res.headers()["cache-control"]]).toEqual([path, expect.stringContaining("no-store")]);
  }
});

test("a server action or a write route sent by another site is refused with a French message", async ({ request }) => {
  const hostile: Array<Record<string, string>> = [{ origin: "https://site-malveillant.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
  for (const headers of hostile) {
    for (const path of ["/compte/modifier", "/creer-mon-compte", "/api/pieces", "/admin/connexion"]) {
      const res = await request.post(direct(path), {
        headers: { ...SETE, ...headers, "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "text/plain;charset=UTF-8" },
        data: "[]",
      });
      expect(res.status(), `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect((await res.json()).message).toContain("depuis un autre site");
    }
  }
});
