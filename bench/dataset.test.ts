import { buildAnswersSchema } from "@/lib/procedures/form-schema";
import { procedureDefinitionSchema } from "@/lib/procedures/definition";
import { demoCommunes } from "@/prisma/demo-communes";
import { demoProceduresOf } from "@/prisma/demo-procedures";
import { planOf, sampleAnswers } from "./dataset.mjs";

describe("the benchmark's scale dataset", () => {
  it("holds a million requests, most of them in the large commune of 100 000 accounts, and a small commune of 10 000", () => {
    const plan = planOf(1);
    expect(plan.reduce((sum, c) => sum + c.requests, 0)).toBe(1_000_000);
    const large = plan.find((c) => c.role === "grande")!;
    const small = plan.find((c) => c.role === "petite")!;
    expect(large).toMatchObject({ accounts: 100_000 });
    expect(large.requests).toBeGreaterThan(plan.reduce((sum, c) => sum + c.requests, 0) / 2);
    expect(small.requests).toBe(10_000);
    // The measured citizen reads the same page size in both.
    expect(large.citizenRequests).toBe(small.citizenRequests);
    expect(demoCommunes.map((c) => c.slug)).toEqual(expect.arrayContaining(plan.map((c) => c.slug)));
  });

  it("gives every demo démarche answers its form accepts once sent", () => {
    let checked = 0;
    for (const commune of demoCommunes) {
      for (const procedure of demoProceduresOf(commune)) {
        const definition = procedureDefinitionSchema.parse(procedure.definition);
        const answers: Record<string, unknown> = sampleAnswers(definition);
        // The household member concerned is chosen per request.
        for (const field of definition.steps.flatMap((s) => s.fields)) if (field.type === "member") answers[field.name] = "3f0c8c1e-5d2a-4c3b-9a41-2b7e6f1d9c10";
        const result = buildAnswersSchema(definition, "submit").safeParse(answers);
        expect({ slug: procedure.slug, issues: result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }).toEqual({ slug: procedure.slug, issues: [] });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
