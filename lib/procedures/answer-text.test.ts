import { answerText, fileSize } from "@/lib/procedures/answer-text";
import { validateDefinition, type ValueField } from "@/lib/procedures/definition";

const fields = (() => {
  const result = validateDefinition({ steps: [{ id: "a", title: "A", fields: [
    { type: "date", name: "jour", label: "Jour" },
    { type: "choice", name: "nature", label: "Nature", options: [{ value: "eclairage", label: "Éclairage public" }, { value: "autre", label: "Autre" }] },
    { type: "multi", name: "jours", label: "Jours", options: [{ value: "lundi", label: "Lundi" }, { value: "mardi", label: "Mardi" }] },
    { type: "yesno", name: "lourd", label: "Lourd" },
    { type: "address", name: "adresse", label: "Adresse" },
    { type: "member", name: "pour", label: "Pour" },
    { type: "file", name: "piece", label: "Pièce" },
    { type: "number", name: "volume", label: "Volume" },
  ] }] });
  if (!result.ok) throw new Error(result.errors.join());
  return Object.fromEntries(result.definition.steps[0]!.fields.map((f) => [f.name, f as ValueField]));
})();

describe("answerText", () => {
  it("writes each answer as a person reads it back", () => {
    expect(answerText(fields.jour!, "2026-12-03")).toBe("3 décembre 2026");
    expect(answerText(fields.nature!, "eclairage")).toBe("Éclairage public");
    expect(answerText(fields.jours!, ["mardi", "lundi"])).toBe("Mardi, Lundi");
    expect(answerText(fields.lourd!, false)).toBe("Non");
    expect(answerText(fields.lourd!, "true")).toBe("Oui");
    expect(answerText(fields.adresse!, { line1: "3 rue des Lilas", line2: "", postalCode: "34200", city: "Sète" })).toBe("3 rue des Lilas, 34200 Sète");
    expect(answerText(fields.pour!, "m1", { people: [{ id: "m1", relation: "ENFANT", firstNames: "Léa", lastName: "Bernard", birthDate: "2015-06-21" }] })).toBe("Léa Bernard");
    expect(answerText(fields.piece!, { kind: "paper" })).toMatch(/sur papier/);
    expect(answerText(fields.piece!, { kind: "upload", attachmentId: "p1" }, { attachments: [{ id: "p1", fieldName: "piece", fileName: "avis.pdf", kind: "pdf", size: 2_400_000 }] })).toBe("avis.pdf (2,3 Mo)");
  });

  it("says plainly when nothing was answered", () => {
    for (const field of Object.values(fields)) expect(answerText(field!, undefined)).toBe("Non renseigné");
    expect(answerText(fields.jours!, [])).toBe("Non renseigné");
    expect(answerText(fields.adresse!, { line1: "", postalCode: "", city: "" })).toBe("Non renseigné");
  });

  it("gives sizes in Ko under a megabyte", () => {
    expect(fileSize(1536)).toBe("1,5 Ko");
  });
});
