import { validateDefinition } from "@/lib/procedures/definition";
import { demoCommunes } from "./demo-communes";
import { demoProceduresOf, demoThemes } from "./demo-procedures";

describe("the demo démarches", () => {
  it("give each commune at least eight démarches, each with a form that can be rendered and submitted", () => {
    for (const commune of demoCommunes) {
      const procedures = demoProceduresOf(commune);
      expect(procedures.length).toBeGreaterThanOrEqual(8);
      expect(new Set(procedures.map((p) => p.slug)).size).toBe(procedures.length);
      for (const p of procedures) {
        expect(demoThemes.map((t) => t.slug)).toContain(p.theme);
        const result = validateDefinition(p.definition);
        expect({ slug: p.slug, errors: result.ok ? [] : result.errors }).toEqual({ slug: p.slug, errors: [] });
      }
    }
  });

  it("need no account only for the actes, which then ask for the captcha", () => {
    const anonymous = demoProceduresOf({ slug: "sete" }).filter((p) => !p.requiresAccount);
    expect(anonymous.map((p) => p.slug).sort()).toEqual(["acte-de-deces", "acte-de-mariage", "acte-de-naissance"]);
    expect(anonymous.every((p) => p.captcha)).toBe(true);
  });
});
