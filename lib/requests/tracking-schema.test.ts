import { formatTrackingCode, normalizeNumero, normalizeTrackingCode, trackingFormSchema } from "@/lib/requests/tracking-schema";

describe("the number and code as typed", () => {
  it("reads a number whatever its case, spaces, dashes and leading zeros", () => {
    for (const typed of ["BCZ-2026-000123", "bcz-2026-000123", "BCZ 2026 000123", "bcz2026000123", " BCZ-2026-123 ", "Bcz - 2026 - 0123"]) {
      expect({ typed, read: normalizeNumero(typed) }).toEqual({ typed, read: "BCZ-2026-000123" });
    }
    // Not a number: left for the check to refuse.
    expect(normalizeNumero("BC-2026-1")).toBe("BC20261");
    expect(normalizeNumero("BCZ-2026-1234567")).toBe("BCZ20261234567");
  });

  it("reads a code whatever its case, spaces and dashes, and writes it in two groups", () => {
    expect(normalizeTrackingCode(" k7qfm-z3pxa ")).toBe("K7QFMZ3PXA");
    expect(normalizeTrackingCode("K7Q FMZ 3PXA")).toBe("K7QFMZ3PXA");
    expect(formatTrackingCode("k7qfmz3pxa")).toBe("K7QFM-Z3PXA");
  });

  it("gives the server the normalised values, and French messages for what cannot be right", () => {
    expect(trackingFormSchema.parse({ numero: "set 2026 42", code: "k7qfm z3pxa" })).toEqual({ numero: "SET-2026-000042", code: "K7QFMZ3PXA" });
    const refused = trackingFormSchema.safeParse({ numero: "2026-000042", code: "K7QFM-Z3PXO" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["numero", expect.stringContaining("trois lettres, l'année et six chiffres")],
      ["code", expect.stringContaining("ni I ni O")],
    ]);
    const empty = trackingFormSchema.safeParse({ numero: " ", code: "" });
    expect(empty.error?.issues.map((i) => i.message)).toEqual(["Indiquez le numéro de votre demande.", "Indiquez le code de suivi."]);
    expect(trackingFormSchema.safeParse({ numero: "A".repeat(1_000_000), code: 42 }).error?.issues).toHaveLength(2);
  });
});
