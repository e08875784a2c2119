import { safeReturn } from "@/lib/auth/return-to";

describe("safeReturn", () => {
  it("keeps a path of this site and refuses anything that could leave it", () => {
    expect(safeReturn("/compte/modifier?x=1")).toBe("/compte/modifier?x=1");
    for (const bad of [null, undefined, "", "https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example"]) {
      expect(safeReturn(bad)).toBe("/accueil");
    }
  });
});
