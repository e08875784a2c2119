import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { createTenant } from "@/tests/factories";

function request(url: string, headers: Record<string, string> = {}) {
  const { host } = new URL(url);
  return new NextRequest(url, { headers: { host, ...headers } });
}

describe("proxy", () => {
  beforeEach(async () => {
    await createTenant({ name: "Sète", hosts: ["sete.test", "www.sete.test"] });
    await createTenant({ name: "Beaucouzé", hosts: ["beaucouze.test"] });
  });

  it("redirects a commune's other hosts to its canonical host with a 308, keeping path, query and port", async () => {
    const res = await proxy(request("http://www.sete.test:3000/faq?x=1"));
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe("http://sete.test:3000/faq?x=1");
  });

  it("lets Stripe's webhook through on any host, an alias or the platform's own, without a redirect", async () => {
    for (const url of ["http://www.sete.test/api/webhooks/stripe", "http://localhost:3000/api/webhooks/stripe", "http://inconnue.test/api/webhooks/stripe"]) {
      const res = await proxy(new NextRequest(url, { method: "POST", headers: { host: new URL(url).host }, body: "{}" }));
      expect(res.status).toBe(200);
      expect(res.headers.get("location")).toBeNull();
    }
  });

  it("lets the canonical host through", async () => {
    const res = await proxy(request("http://sete.test/faq"));
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
  });

  it("replaces a forged X-Forwarded-Host and drops X-Tenant headers before the app sees them", async () => {
    const res = await proxy(
      request("http://sete.test/", { "x-forwarded-host": "beaucouze.test", "x-tenant": "beaucouze", "x-tenant-id": "1" }),
    );
    // Next passes the rewritten request headers to the app as x-middleware-request-* headers.
    expect(res.headers.get("x-middleware-request-x-forwarded-host")).toBe("sete.test");
    const passed = res.headers.get("x-middleware-override-headers")?.split(",") ?? [];
    expect(passed).toContain("x-forwarded-host");
    expect(passed.filter((h) => h.startsWith("x-tenant"))).toEqual([]);
  });

  it("vouches for the host it validated, so the render that follows a server action keeps its commune", async () => {
    const first = await proxy(request("http://sete.test:3000/dev/messages"));
    const vouched = first.headers.get("x-middleware-request-x-compte-citoyen-host")!;
    expect(vouched).toMatch(/^http\|sete\.test\|3000\|/);
    // Next's internal fetch: the Host header is its own bind address, the vouched header is kept.
    const internal = await proxy(request("http://0.0.0.0:3000/dev/messages", { "x-compte-citoyen-host": vouched }));
    expect(internal.headers.get("x-middleware-request-x-forwarded-host")).toBe("sete.test:3000");
    // A forged one is dropped and replaced by the host really asked for.
    const forged = await proxy(request("http://beaucouze.test/", { "x-compte-citoyen-host": "http|sete.test||x" }));
    expect(forged.headers.get("x-middleware-request-x-compte-citoyen-host")).toMatch(/^http\|beaucouze\.test\|\|/);
  });

  it("does not redirect a forged X-Forwarded-Host pointing at an alias", async () => {
    const res = await proxy(request("http://beaucouze.test/", { "x-forwarded-host": "www.sete.test" }));
    expect(res.status).toBe(200);
  });

  it("gives each response a fresh CSP nonce, and hands the same policy to Next so it marks its scripts", async () => {
    const first = await proxy(request("http://sete.test/faq"));
    const second = await proxy(request("http://sete.test/faq"));
    const policy = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-eval");
  });

  it("drops a nonce sent by the client", async () => {
    const res = await proxy(request("http://sete.test/faq", { "x-nonce": "choisi-par-le-client" }));
    expect(res.headers.get("x-middleware-request-x-nonce")).not.toBe("choisi-par-le-client");
  });

  it("marks signed-in spaces and any page asked with a session cookie no-store, not the public pages", async () => {
    expect((await proxy(request("http://sete.test/accueil"))).headers.get("cache-control")).toBe("private, no-store");
    expect((await proxy(request("http://sete.test/admin/demandes"))).headers.get("cache-control")).toBe("private, no-store");
    expect((await proxy(request("http://sete.test/faq", { cookie: "cc.session=x" }))).headers.get("cache-control")).toBe("private, no-store");
    expect((await proxy(request("http://sete.test/faq"))).headers.get("cache-control")).toBeNull();
  });
});
