import {
  addField, addStep, earlierFields, fieldFromForm, moveField, moveStep, parseOptions, publishCheck, readWorking, removeField, removeStep, updateField, updateStep,
  type Edit, type WorkingDefinition,
} from "@/lib/procedures/builder-ops";

const start: WorkingDefinition = readWorking({
  steps: [
    { id: "vous", title: "Vous", fields: [{ type: "email", name: "courriel", label: "Courriel", required: true }, { type: "yesno", name: "encombrant", label: "Encombrant ?" }] },
    { id: "objet", title: "Objet", fields: [{ type: "number", name: "volume", label: "Volume", showIf: { field: "encombrant", op: "equals", value: true } }] },
  ],
});

const done = (edit: Edit): WorkingDefinition => {
  if (!edit.ok) throw new Error(edit.message);
  return edit.definition;
};
const names = (d: WorkingDefinition) => d.steps.map((s) => s.fields.map((f) => f.name));

describe("steps", () => {
  test("a new step gets an id from its title, unique, and no fields yet", () => {
    const once = done(addStep(start, "Objet"));
    expect(once.steps.at(-1)).toEqual({ id: "objet-2", title: "Objet", fields: [] });
    expect(addStep(start, "  ").ok).toBe(false);
  });

  test("steps move with buttons and keep their fields; the last one cannot go", () => {
    expect(done(moveStep(start, 1, "haut")).steps.map((s) => s.id)).toEqual(["objet", "vous"]);
    expect(done(moveStep(start, 0, "haut")).steps.map((s) => s.id)).toEqual(["vous", "objet"]);
    expect(removeStep(readWorking({ steps: [start.steps[0]] }), 0)).toMatchObject({ ok: false });
    expect(done(removeStep(start, 1)).steps).toHaveLength(1);
  });

  test("renaming a step keeps its id (a draft's « étape » stays valid) and drops an emptied help", () => {
    const renamed = done(updateStep(done(updateStep(start, 0, { title: "Vous joindre", help: "Pour vous répondre" })), 0, { title: "Vous joindre", help: "" }));
    expect(renamed.steps[0]).toEqual({ id: "vous", title: "Vous joindre", fields: start.steps[0]!.fields });
  });
});

describe("fields", () => {
  test("a new field gets a technical name from its label and what its type needs", () => {
    const added = done(addField(start, 1, "choice", "Type d'objet"));
    const field = added.steps[1]!.fields.at(-1)!;
    expect(field).toMatchObject({ type: "choice", name: "type_d_objet", options: [{ value: "option_1" }, { value: "option_2" }] });
    expect(done(addField(added, 1, "text", "Type d'objet")).steps[1]!.fields.at(-1)!.name).toBe("type_d_objet_2");
    expect(addField(start, 0, "html", "X")).toMatchObject({ ok: false, fieldErrors: { type: expect.any(String) } });
    expect(addField(start, 0, "__proto__", "X")).toMatchObject({ ok: false, fieldErrors: { type: expect.any(String) } });
  });

  test("a field moves across steps from the top or the bottom of its own", () => {
    expect(names(done(moveField(start, 1, 0, "haut")))).toEqual([["courriel", "encombrant", "volume"], []]);
    expect(names(done(moveField(start, 0, 1, "bas")))).toEqual([["courriel"], ["encombrant", "volume"]]);
    expect(names(done(moveField(start, 0, 0, "bas")))).toEqual([["encombrant", "courriel"], ["volume"]]);
  });

  test("a field another one depends on cannot be removed before its condition", () => {
    expect(removeField(start, 0, 1)).toMatchObject({ ok: false, message: expect.stringContaining("Volume") });
    expect(names(done(removeField(start, 1, 0)))).toEqual([["courriel", "encombrant"], []]);
  });

  test("renaming a field carries the conditions on it; a name taken elsewhere is refused", () => {
    const renamed = done(updateField(start, 0, 1, { type: "yesno", name: "gros_objet", label: "Encombrant ?", required: false }));
    expect(renamed.steps[1]!.fields[0]!.showIf).toEqual({ field: "gros_objet", op: "equals", value: true });
    expect(updateField(start, 1, 0, { type: "number", name: "courriel", label: "Volume", required: false, integer: false })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
  });

  test("conditions may only look at earlier questions with a comparable answer", () => {
    expect(earlierFields(start, 1, 0).map((f) => f.name)).toEqual(["courriel", "encombrant"]);
    expect(earlierFields(start, 0, 0)).toEqual([]);
  });
});

describe("the field form", () => {
  test("options are typed one per line, « valeur | libellé » or the label alone", () => {
    expect(parseOptions("cantine | Cantine\n\nÉtude du soir\n")).toEqual([{ value: "cantine", label: "Cantine" }, { value: "etude_du_soir", label: "Étude du soir" }]);
  });

  test("every option of a type reaches the field, numbers and yes/no conditions read as such", () => {
    const number = fieldFromForm({ type: "number", name: "volume", label: "Volume", min: "0,5", max: "10", integer: "on", required: "on", conditionField: "encombrant", conditionOp: "equals", conditionValue: "oui" }, start.steps[0]!.fields[1]);
    expect(number).toEqual({ ok: true, field: { type: "number", name: "volume", label: "Volume", required: true, min: 0.5, max: 10, integer: true, showIf: { field: "encombrant", op: "equals", value: true } } });
    const file = fieldFromForm({ type: "file", name: "justificatif", label: "Justificatif", accept: ["pdf", "png", "exe"], maxSizeMb: "5" }, undefined);
    expect(file).toMatchObject({ ok: true, field: { accept: ["pdf", "png"], maxSizeMb: 5, required: false } });
  });

  test("a wrong input comes back in French on the input concerned", () => {
    const bad = fieldFromForm({ type: "choice", name: "Type", label: "", options: "Seule" }, undefined);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["label", "name", "options"]);
    expect(bad.fieldErrors.options).toMatch(/au moins 2 options/);
    const yesno = start.steps[0]!.fields[1];
    const condition = fieldFromForm({ type: "text", name: "detail", label: "Détail", conditionField: "encombrant", conditionOp: "equals", conditionValue: "peut-être" }, yesno);
    expect(condition).toMatchObject({ ok: false, fieldErrors: { condition: expect.stringContaining("« oui » ou « non »") } });
    const contains = fieldFromForm({ type: "text", name: "detail", label: "Détail", conditionField: "encombrant", conditionOp: "contains", conditionValue: "oui" }, yesno);
    expect(contains).toMatchObject({ ok: false, fieldErrors: { condition: expect.stringContaining("choix multiple") } });
    const prefill = fieldFromForm({ type: "text", name: "naissance", label: "Naissance", prefill: "holder.birthDate" }, undefined);
    expect(prefill).toMatchObject({ ok: false, fieldErrors: { prefill: expect.stringContaining("Date") } });
  });
});

describe("publishCheck", () => {
  const details = { requiresAccount: true, concernsMember: false, summary: "Pour vous." };

  test("a sound form passes, with defaults applied", () => {
    const result = publishCheck(start, details);
    expect(result.ok).toBe(true);
  });

  test("an empty step, a condition on a later field, or nothing to answer stop publishing", () => {
    expect(publishCheck(done(addStep(start, "Vide")), details)).toMatchObject({ ok: false, errors: [expect.stringContaining("au moins un champ")] });
    const later = done(moveStep(start, 1, "haut"));
    expect(publishCheck(later, details)).toMatchObject({ ok: false, errors: [expect.stringContaining("placé avant")] });
    const onlyInfo = readWorking({ steps: [{ id: "a", title: "A", fields: [{ type: "info", name: "note", label: "Note", text: "À lire" }] }] });
    expect(publishCheck(onlyInfo, details)).toMatchObject({ ok: false, errors: [expect.stringContaining("ne demande rien")] });
  });

  test("a form no one could submit is refused: nothing to write, no possible date, a reserved name, two members", () => {
    const one = (field: object) => readWorking({ steps: [{ id: "a", title: "A", fields: [{ type: "email", name: "courriel", label: "Courriel", required: true }, field] }] });
    expect(publishCheck(one({ type: "text", name: "t", label: "T", maxLength: 0 }), details)).toMatchObject({ ok: false, errors: [expect.stringContaining("longueur maximum de 0")] });
    expect(publishCheck(one({ type: "date", name: "d", label: "D", min: "today", max: "2020-01-01" }), details)).toMatchObject({ ok: false, errors: [expect.stringContaining("aucune date")] });
    expect(fieldFromForm({ type: "text", name: "website", label: "Site" }, undefined)).toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("réservé") } });
    const members = done(addField(done(addField(start, 0, "member", "Enfant")), 0, "member", "Autre enfant"));
    expect(publishCheck(members, details)).toMatchObject({ ok: false, errors: [expect.stringContaining("un seul champ « Membre du foyer »")] });
  });

  test("without an account the form must ask for an email and cannot use the household", () => {
    const anonymous = { ...details, requiresAccount: false };
    expect(publishCheck(start, anonymous).ok).toBe(true);
    const withoutEmail = done(removeField(start, 0, 0));
    expect(publishCheck(withoutEmail, anonymous)).toMatchObject({ ok: false, errors: [expect.stringContaining("adresse électronique")] });
    const withMember = done(addField(start, 0, "member", "Enfant"));
    expect(publishCheck(withMember, anonymous)).toMatchObject({ ok: false, errors: [expect.stringContaining("Membre du foyer")] });
    expect(publishCheck(start, { ...details, concernsMember: true })).toMatchObject({ ok: false });
    expect(publishCheck(start, { ...details, summary: " " })).toMatchObject({ ok: false, errors: [expect.stringContaining("résumé")] });
  });
});
