import { GET } from "@/app/api/health/route";

describe("GET /api/health", () => {
  it("answers 200 when the database answers", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: "up" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
