import { POST } from "@/app/api/auth/[...nextauth]/route";
import { hitRateLimit } from "@/lib/security/rate-limit";

describe("POST /api/auth/callback/credentials", () => {
  it("answers 429 with Retry-After once an address has used up its login attempts", async () => {
    // The default limit is 30 a minute: use them up as 30 earlier attempts would have.
    for (let i = 0; i < 30; i++) await hitRateLimit("login-ip", "203.0.113.9", 30, 60_000);
    const request = new Request("http://sete.test/api/auth/callback/credentials", {
      method: "POST",
      headers: { host: "sete.test", "x-forwarded-for": "203.0.113.9", "content-type": "application/x-www-form-urlencoded" },
      body: "identifiant=amelie.lire&password=x",
    });
    const res = await POST(request, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Shaped like next-auth's own errors, so the login form shows the French message.
    expect(new URL((await res.json()).url).searchParams.get("error")).toMatch(/^attente:\d+$/);
  });
});
