import { brandProblems, contrastRatio, hexToRgb, ratioText } from "@/lib/colour";

describe("contrast", () => {
  it("computes the WCAG ratio of known pairs", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes AA on white.
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
    expect(ratioText(4.54)).toBe("4,5:1");
  });

  it("reads only #rrggbb", () => {
    expect(hexToRgb("#1D4ED8")).toEqual([29, 78, 216]);
    expect(hexToRgb("red")).toBeNull();
    expect(hexToRgb("#fff")).toBeNull();
    expect(hexToRgb("#1d4ed8;background:url(x)")).toBeNull();
  });

  it("accepts dark brand colours and explains, in French, why a light one is refused", () => {
    expect(brandProblems("#1d4ed8", "#1e3a8a")).toEqual({});
    const problems = brandProblems("#ffd700", "pas une couleur");
    expect(problems.primaryColor).toMatch(/trop claire.*1,4:1.*4,5:1/);
    expect(problems.accentColor).toMatch(/#rrvvbb/);
  });
});

describe("the demo communes", () => {
  it("have brand colours the settings page would accept", async () => {
    const { demoCommunes } = await import("@/prisma/demo-communes");
    for (const commune of demoCommunes) expect([commune.slug, brandProblems(commune.primaryColor, commune.accentColor)]).toEqual([commune.slug, {}]);
  });
});
