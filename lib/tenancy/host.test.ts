import { originFor, parseHost, requestHost } from "@/lib/tenancy/host";

const headers = (h: Record<string, string>) => new Headers(h);

describe("parseHost", () => {
  it("normalises case, port and trailing dot", () => {
    expect(parseHost("Beaucouze.LOCALHOST:3000")).toEqual({ hostname: "beaucouze.localhost", port: "3000" });
    expect(parseHost("sete.localhost.")).toEqual({ hostname: "sete.localhost", port: null });
  });

  it("rejects what is not a hostname", () => {
    for (const bad of ["", "a b", "evil.com/path", "[::1]:3000", "-x.fr", "x..fr", "a:b:c"]) {
      expect(parseHost(bad)).toBeNull();
    }
  });
});

describe("requestHost", () => {
  it("ignores X-Forwarded-Host unless a trusted proxy is configured", () => {
    const h = headers({ host: "sete.localhost:3000", "x-forwarded-host": "beaucouze.localhost", "x-forwarded-proto": "https" });
    expect(requestHost(h, false)).toEqual({ hostname: "sete.localhost", port: "3000", proto: "http" });
    expect(requestHost(h, true)).toEqual({ hostname: "beaucouze.localhost", port: null, proto: "https" });
  });

  it("takes the first value of a forwarded list", () => {
    const h = headers({ host: "x.localhost", "x-forwarded-host": "sete.localhost, evil.localhost" });
    expect(requestHost(h, true)?.hostname).toBe("sete.localhost");
  });

  it("is null without a usable host", () => {
    expect(requestHost(headers({}), false)).toBeNull();
  });
});

describe("originFor", () => {
  it("keeps the port and protocol of the request", () => {
    expect(originFor("sete.localhost", { hostname: "www.sete.localhost", port: "3000", proto: "http" })).toBe(
      "http://sete.localhost:3000",
    );
  });
});
