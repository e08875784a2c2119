import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { clientAddress, hitRateLimit } from "@/lib/security/rate-limit";

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

describe("hitRateLimit", () => {
  it("allows `limit` hits per window, then refuses with the seconds left until the window ends", async () => {
    const start = at("2026-11-24T10:00:00.000Z");
    for (let i = 0; i < 3; i++) {
      expect(await hitRateLimit("connexion", "203.0.113.7", 3, MINUTE, start)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    }
    expect(await hitRateLimit("connexion", "203.0.113.7", 3, MINUTE, at("2026-11-24T10:00:20.000Z"))).toEqual({
      allowed: false,
      retryAfterSeconds: 40,
    });
  });

  it("starts a new window once the previous one has ended", async () => {
    await hitRateLimit("connexion", "203.0.113.7", 1, MINUTE, at("2026-11-24T10:00:00.000Z"));
    expect((await hitRateLimit("connexion", "203.0.113.7", 1, MINUTE, at("2026-11-24T10:00:59.999Z"))).allowed).toBe(false);
    expect((await hitRateLimit("connexion", "203.0.113.7", 1, MINUTE, at("2026-11-24T10:01:00.000Z"))).allowed).toBe(true);
    expect((await hitRateLimit("connexion", "203.0.113.7", 1, MINUTE, at("2026-11-24T10:01:30.000Z"))).allowed).toBe(false);
  });

  it("counts each limit and each subject apart", async () => {
    const now = at("2026-11-24T10:00:00.000Z");
    expect((await hitRateLimit("connexion", "203.0.113.7", 1, MINUTE, now)).allowed).toBe(true);
    expect((await hitRateLimit("inscription", "203.0.113.7", 1, MINUTE, now)).allowed).toBe(true);
    expect((await hitRateLimit("connexion", "203.0.113.8", 1, MINUTE, now)).allowed).toBe(true);
    expect((await hitRateLimit("connexion", "203.0.113.7", 1, MINUTE, now)).allowed).toBe(false);
  });

  it("counts concurrent hits exactly: 20 at once against a limit of 10 let 10 through", async () => {
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit("captcha", "198.51.100.4", 10, MINUTE, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(await db.rateLimit.findMany({ select: { count: true } })).toEqual([{ count: 20 }]);
  });

  it("never stores the subject itself, not even its plain hash", async () => {
    await hitRateLimit("connexion", "203.0.113.7", 5, MINUTE);
    const [row] = await db.rateLimit.findMany();
    expect(row!.key).toMatch(/^connexion:[0-9a-f]{64}$/);
    expect(row!.key).not.toContain("203.0.113.7");
    expect(row!.key).not.toContain(createHash("sha256").update("203.0.113.7").digest("hex"));
  });
});

describe("clientAddress", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("takes the entry the nearest hop appended, not the one the client wrote", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "10.9.9.9, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddress(headers({ "x-forwarded-for": "127.0.0.1" }))).toBe("127.0.0.1");
  });

  it("says so when there is no address at all", () => {
    expect(clientAddress(headers({}))).toBe("inconnue");
    expect(clientAddress(headers({ "x-forwarded-for": " , " }))).toBe("inconnue");
  });
});
