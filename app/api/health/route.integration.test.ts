import { GET } from "@/app/api/health/route";
import { createMessage, createTenant } from "@/tests/factories";

describe("GET /api/health", () => {
  it("answers 200 when the database answers, with no message waiting", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: "up", oldestPendingMessageSeconds: null });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("tells how long the oldest due message has been waiting", async () => {
    const t = await createTenant();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await createMessage(t, { createdAt: tenMinutesAgo, nextAttemptAt: tenMinutesAgo });
    await createMessage(t, { status: "ECHEC", createdAt: new Date(Date.now() - 3_600_000) }); // not waiting
    const body = await (await GET()).json();
    expect(body.oldestPendingMessageSeconds).toBeGreaterThanOrEqual(600);
    expect(body.oldestPendingMessageSeconds).toBeLessThan(700);
  });
});
