import { db } from "@/lib/db";
import { formatNumero, frenchYear, nextNumero } from "@/lib/requests/numbering";
import { createTenant } from "@/tests/factories";

const at = (iso: string) => new Date(iso);

describe("request numbers", () => {
  it("are the commune's code, the year and six digits", () => {
    expect(formatNumero("BCZ", 2026, 123)).toBe("BCZ-2026-000123");
    // 23:30 UTC on 31 December is already the next year in France.
    expect(frenchYear(at("2026-12-31T23:30:00Z"))).toBe(2027);
    expect(frenchYear(at("2026-12-31T22:30:00Z"))).toBe(2026);
  });

  it("never give the same number twice, even to twenty requests sent at once", async () => {
    const t = await createTenant({ code: "BCZ" });
    const now = at("2026-11-24T10:00:00Z");
    const numbers = await Promise.all(Array.from({ length: 20 }, () => db.$transaction((tx) => nextNumero(tx, t, now))));
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.sort()).toEqual(Array.from({ length: 20 }, (_, i) => formatNumero("BCZ", 2026, i + 1)));
  });

  it("give back the number of a submission that rolled back, restart each year, and count each commune apart", async () => {
    const bcz = await createTenant({ code: "BCZ" });
    const sete = await createTenant({ code: "SET" });
    const now = at("2026-11-24T10:00:00Z");
    await expect(
      db.$transaction(async (tx) => {
        await nextNumero(tx, bcz, now);
        throw new Error("submission failed");
      }),
    ).rejects.toThrow("submission failed");
    expect(await db.$transaction((tx) => nextNumero(tx, bcz, now))).toBe("BCZ-2026-000001");
    expect(await db.$transaction((tx) => nextNumero(tx, sete, now))).toBe("SET-2026-000001");
    expect(await db.$transaction((tx) => nextNumero(tx, bcz, at("2027-01-02T10:00:00Z")))).toBe("BCZ-2027-000001");
    expect(await db.$transaction((tx) => nextNumero(tx, bcz, now))).toBe("BCZ-2026-000002");
  });
});
