import { originFor, parseHost, requestHost, VOUCHED_HOST_HEADER, vouchForHost } from "@/lib/tenancy/host";

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

describe("vouched host", () => {
  const secret = "s".repeat(40);
  const sete = { hostname: "sete.localhost", port: "3000", proto: "http" as const };

  it("survives Next's internal fetch, which loses the browser's Host header", () => {
    const h = headers({ host: "0.0.0.0:3000", [VOUCHED_HOST_HEADER]: vouchForHost(sete, secret) });
    expect(requestHost(h, false, secret)).toEqual(sete);
  });

  it("is ignored when forged, altered or signed with another secret", () => {
    const genuine = vouchForHost(sete, secret);
    for (const forged of [
      "http|beaucouze.localhost|3000|abc",
      genuine.replace("sete", "bczz"),
      vouchForHost(sete, "t".repeat(40)),
      `${genuine}|extra`,
    ]) {
      const h = headers({ host: "illkirch.localhost", [VOUCHED_HOST_HEADER]: forged });
      expect(requestHost(h, false, secret)?.hostname).toBe("illkirch.localhost");
    }
  });
});
