import { fieldErrorsOf } from "@/lib/forms";
import { validateDefinition, type ProcedureDefinition } from "@/lib/procedures/definition";
import { buildAnswersSchema, stepSchema, visibleFields, type Mode } from "@/lib/procedures/form-schema";

function define(...steps: Record<string, unknown>[][]): ProcedureDefinition {
  const result = validateDefinition({ steps: steps.map((fields, i) => ({ id: `etape${i + 1}`, title: `Étape ${i + 1}`, fields })) });
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.definition;
}
// A form of one field named "q".
const one = (field: Record<string, unknown>) => define([{ name: "q", label: "Question", ...field }]);

function parse(definition: ProcedureDefinition, mode: Mode, answers: unknown) {
  const result = buildAnswersSchema(definition, mode).safeParse(answers);
  return result.success ? { data: result.data, errors: {} } : { data: undefined, errors: fieldErrorsOf(result.error) };
}
// The value kept for q, or the French error on q (or on one of its parts).
function answer(definition: ProcedureDefinition, mode: Mode, value: unknown): { value?: unknown; error?: string } {
  const { data, errors } = parse(definition, mode, { q: value });
  if (data) return { value: data.q };
  return { error: Object.entries(errors).map(([key, message]) => `${key}: ${message}`).join(" | ") };
}
const both = (definition: ProcedureDefinition, value: unknown) => [answer(definition, "draft", value), answer(definition, "submit", value)];
const UNREADABLE = "Réponses illisibles : rechargez la page et recommencez.";
const huge = "x".repeat(1_000_000);

describe("every field type", () => {
  it("text: trimmed on submission, bounded, pattern checked on submission only", () => {
    const text = one({ type: "text", required: true });
    expect(answer(text, "submit", "  Jean ")).toEqual({ value: "Jean" });
    expect(answer(text, "submit", "")).toEqual({ error: "q: Ce champ est obligatoire : renseignez-le." });
    expect(answer(text, "submit", "   ")).toEqual({ error: "q: Ce champ est obligatoire : renseignez-le." });
    expect(answer(text, "draft", "")).toEqual({ value: undefined });
    expect(both(text, 42)).toEqual([{ error: "q: Saisissez du texte." }, { error: "q: Saisissez du texte." }]);
    expect(both(text, "x".repeat(201))).toEqual([
      { error: "q: 200 caractères au plus : raccourcissez votre réponse." },
      { error: "q: 200 caractères au plus : raccourcissez votre réponse." },
    ]);
    const code = one({ type: "text", pattern: "\\d{5}", patternMessage: "Cinq chiffres, par exemple 34200.", minLength: 5 });
    expect(answer(code, "submit", "34200")).toEqual({ value: "34200" });
    expect(answer(code, "submit", "342001")).toEqual({ error: "q: Cinq chiffres, par exemple 34200." });
    expect(answer(code, "submit", "3420")).toEqual({ error: "q: 5 caractères au moins : complétez votre réponse." });
    expect(answer(code, "draft", "342")).toEqual({ value: "342" });
  });

  it("textarea: up to 5000 characters, or the field's own limit", () => {
    const textarea = one({ type: "textarea" });
    expect(answer(textarea, "submit", "ligne 1\nligne 2")).toEqual({ value: "ligne 1\nligne 2" });
    expect(answer(textarea, "submit", "x".repeat(5000)).value).toHaveLength(5000);
    expect(answer(textarea, "draft", "x".repeat(5001)).error).toBe("q: 5000 caractères au plus : raccourcissez votre réponse.");
    expect(answer(one({ type: "textarea", maxLength: 10 }), "submit", "x".repeat(11)).error).toMatch("10 caractères au plus");
  });

  it("email: the format is checked on submission", () => {
    const email = one({ type: "email" });
    expect(answer(email, "submit", " jean.dupont@exemple.fr ")).toEqual({ value: "jean.dupont@exemple.fr" });
    expect(answer(email, "submit", "jean.dupont@")).toEqual({ error: "q: Adresse électronique invalide, par exemple prenom.nom@exemple.fr." });
    expect(answer(email, "draft", "jean.dupont@")).toEqual({ value: "jean.dupont@" });
    expect(both(email, ["a@b.fr"])).toEqual([{ error: "q: Saisissez du texte." }, { error: "q: Saisissez du texte." }]);
  });

  it("phone: ten French digits or +33, separators removed on submission", () => {
    const phone = one({ type: "phone" });
    expect(answer(phone, "submit", "06 12 34 56 78")).toEqual({ value: "0612345678" });
    expect(answer(phone, "submit", "04.67.12.34.56")).toEqual({ value: "0467123456" });
    expect(answer(phone, "submit", "+33 6 12 34 56 78")).toEqual({ value: "+33612345678" });
    for (const wrong of ["06 12 34", "0012345678", "+44 20 7946 0958", "06123456789"])
      expect(answer(phone, "submit", wrong)).toEqual({ error: "q: Numéro à 10 chiffres (06 12 34 56 78) ou commençant par +33." });
    expect(answer(phone, "draft", "06 12")).toEqual({ value: "06 12" });
    expect(both(phone, 612345678)[0]!.error).toBe("q: Saisissez un numéro de téléphone.");
  });

  it("number: bounds and integers on submission, a number in both modes", () => {
    const number = one({ type: "number", min: 1, max: 10, integer: true, required: true });
    expect(answer(number, "submit", 3)).toEqual({ value: 3 });
    expect(answer(number, "submit", " 4 ")).toEqual({ value: 4 });
    expect(answer(number, "submit", 0)).toEqual({ error: "q: Saisissez un nombre supérieur ou égal à 1." });
    expect(answer(number, "submit", 11)).toEqual({ error: "q: Saisissez un nombre inférieur ou égal à 10." });
    expect(answer(number, "submit", "2,5")).toEqual({ error: "q: Saisissez un nombre entier, sans virgule." });
    expect(answer(number, "draft", "2,5")).toEqual({ value: 2.5 });
    expect(answer(number, "draft", 50)).toEqual({ value: 50 });
    // Beyond 2^53 a number has no exact integer value: refused as not whole, even without a maximum.
    const unbounded = one({ type: "number", integer: true, required: true });
    expect(answer(unbounded, "submit", 1e20)).toEqual({ error: "q: Saisissez un nombre entier, sans virgule." });
    expect(answer(unbounded, "submit", 999999999999999)).toEqual({ value: 999999999999999 });
    expect(answer(number, "submit", Number.NaN)).toEqual({ error: "q: Ce champ est obligatoire : renseignez-le." });
    for (const wrong of ["douze", "1e3", Infinity, true, { valueOf: 3 }])
      expect(both(number, wrong)).toEqual([{ error: "q: Saisissez un nombre, par exemple 12." }, { error: "q: Saisissez un nombre, par exemple 12." }]);
  });

  describe("date", () => {
    beforeEach(() => jest.useFakeTimers({ now: new Date("2026-06-15T10:00:00Z") }));
    afterEach(() => jest.useRealTimers());

    it("a real day in both modes, within the bounds on submission", () => {
      const date = one({ type: "date", min: "today+7", max: "2026-12-31" });
      expect(answer(date, "submit", "2026-06-22")).toEqual({ value: "2026-06-22" });
      expect(answer(date, "submit", "2026-06-21")).toEqual({ error: "q: Choisissez une date à partir du 22/06/2026." });
      expect(answer(date, "submit", "2027-01-01")).toEqual({ error: "q: Choisissez une date jusqu'au 31/12/2026 au plus tard." });
      expect(answer(date, "draft", "2026-06-16")).toEqual({ value: "2026-06-16" });
      expect(both(date, "2026-02-30")).toEqual([
        { error: "q: Cette date n'existe pas : vérifiez le jour et le mois." },
        { error: "q: Cette date n'existe pas : vérifiez le jour et le mois." },
      ]);
      for (const wrong of ["22/06/2026", "2026-06-22T00:00:00Z", 20260622]) expect(both(date, wrong)[0]!.error).toBe("q: Indiquez une date (jour, mois, année).");
    });

    it("reads « today » when the answers are checked, not when the schema was built", () => {
      const schema = buildAnswersSchema(one({ type: "date", max: "today" }), "submit");
      expect(schema.safeParse({ q: "2026-06-16" }).success).toBe(false);
      jest.setSystemTime(new Date("2026-06-16T10:00:00Z"));
      expect(schema.safeParse({ q: "2026-06-16" }).success).toBe(true);
    });
  });

  it("choice: one of the options, in both modes", () => {
    const choice = one({ type: "choice", options: [{ value: "rue", label: "Rue" }, { value: "cour", label: "Cour" }], required: true });
    expect(answer(choice, "submit", "cour")).toEqual({ value: "cour" });
    expect(both(choice, "jardin")).toEqual([{ error: "q: Choisissez l'une des réponses proposées." }, { error: "q: Choisissez l'une des réponses proposées." }]);
    expect(answer(choice, "submit", undefined)).toEqual({ error: "q: Ce champ est obligatoire : choisissez une réponse." });
  });

  it("multi: options only, each once, counts checked on submission", () => {
    const options = ["meuble", "matelas", "ferraille"].map((value) => ({ value, label: value }));
    const multi = one({ type: "multi", options, minSelected: 2, maxSelected: 2, required: true });
    expect(answer(multi, "submit", ["meuble", "matelas"])).toEqual({ value: ["meuble", "matelas"] });
    expect(answer(multi, "submit", ["meuble"])).toEqual({ error: "q: Cochez au moins 2 réponses." });
    expect(answer(multi, "submit", ["meuble", "matelas", "ferraille"])).toEqual({ error: "q: Cochez au plus 2 réponses." });
    expect(answer(multi, "draft", ["meuble"])).toEqual({ value: ["meuble"] });
    expect(answer(multi, "submit", [])).toEqual({ error: "q: Ce champ est obligatoire : cochez au moins une réponse." });
    expect(both(multi, ["meuble", "meuble"])[0]).toEqual({ error: "q: Chaque réponse ne se coche qu'une fois." });
    expect(both(multi, ["meuble", "velo"])[0]).toEqual({ error: "q: Cochez uniquement des réponses proposées." });
    expect(both(multi, "meuble")[1]).toEqual({ error: "q: Cochez une ou plusieurs réponses." });
  });

  it("yesno: a boolean, « false » being an answer", () => {
    const yesno = one({ type: "yesno", required: true });
    expect(answer(yesno, "submit", false)).toEqual({ value: false });
    expect(answer(yesno, "submit", "true")).toEqual({ value: true });
    expect(answer(yesno, "submit", undefined)).toEqual({ error: "q: Ce champ est obligatoire : répondez par oui ou par non." });
    expect(both(yesno, "oui")).toEqual([{ error: "q: Répondez par oui ou par non." }, { error: "q: Répondez par oui ou par non." }]);
  });

  it("address: every part checked on submission, errors on the part", () => {
    const address = one({ type: "address", required: true });
    const home = { line1: " 3 rue de la Mairie ", postalCode: "34200", city: "Sète" };
    expect(answer(address, "submit", home)).toEqual({ value: { line1: "3 rue de la Mairie", postalCode: "34200", city: "Sète" } });
    expect(answer(address, "submit", { ...home, postalCode: "342", city: "" })).toEqual({
      error: "q.postalCode: Le code postal compte 5 chiffres, par exemple 34200. | q.city: Indiquez la commune.",
    });
    expect(answer(address, "submit", { line1: "", line2: "", postalCode: "", city: "" })).toEqual({
      error: "q: Ce champ est obligatoire : indiquez l'adresse (numéro et voie, code postal, commune).",
    });
    expect(answer(address, "draft", { line1: "3 rue", postalCode: "34" })).toEqual({ value: { line1: "3 rue", postalCode: "34" } });
    expect(both(address, { ...home, country: "FR" })[0]).toEqual({ error: "q: Adresse illisible : saisissez-la de nouveau." });
    expect(both(address, "3 rue de la Mairie, 34200 Sète")[1]).toEqual({ error: "q: Adresse illisible : saisissez-la de nouveau." });
    expect(both(address, { ...home, city: { name: "Sète" } })[0]).toEqual({ error: "q.city: Saisissez du texte." });
  });

  it("member: an id whose owner the server checks", () => {
    const member = one({ type: "member", required: true });
    expect(answer(member, "submit", "6f1c2a9e-0b7d-4c1e-9a3b-2d4e5f6a7b8c")).toEqual({ value: "6f1c2a9e-0b7d-4c1e-9a3b-2d4e5f6a7b8c" });
    expect(answer(member, "submit", "")).toEqual({ error: "q: Ce champ est obligatoire : choisissez la personne concernée." });
    expect(both(member, "../../etc")[0]).toEqual({ error: "q: Choisissez la personne concernée dans la liste." });
    expect(both(member, { id: "x" })[1]).toEqual({ error: "q: Choisissez la personne concernée." });
  });

  it("info: takes no answer", () => {
    const definition = define([{ type: "info", name: "intro", label: "À savoir", text: "Le service passe le jeudi." }, { type: "yesno", name: "q", label: "Q" }]);
    expect(parse(definition, "submit", { q: true }).data).toEqual({ q: true });
    expect(parse(definition, "draft", { intro: "lu" }).errors).toEqual({ _: UNREADABLE });
  });

  it("file: an uploaded piece or one given on paper", () => {
    const file = one({ type: "file", required: true });
    expect(answer(file, "submit", { kind: "upload", attachmentId: "att_8fK2p" })).toEqual({ value: { kind: "upload", attachmentId: "att_8fK2p" } });
    expect(answer(file, "submit", { kind: "paper" })).toEqual({ value: { kind: "paper" } });
    expect(answer(file, "submit", undefined)).toEqual({ error: "q: Cette pièce est obligatoire : ajoutez-la, ou cochez « Je la fournirai sur papier »." });
    for (const wrong of [{ kind: "virus" }, { kind: "upload" }, { kind: "upload", attachmentId: "../x" }, { kind: "paper", attachmentId: "a" }, "paper"])
      expect(both(file, wrong)[0]!.error).toMatch(/^q: /);
    expect(both(file, { kind: "virus" })[1]).toEqual({ error: "q: Ajoutez la pièce, ou cochez « Je la fournirai sur papier »." });
  });

  it("an optional field may stay empty on submission", () => {
    const definition = define([
      { type: "text", name: "a", label: "A" },
      { type: "date", name: "b", label: "B" },
      { type: "file", name: "c", label: "C" },
    ]);
    expect(parse(definition, "submit", { a: "", b: "" })).toEqual({ data: {}, errors: {} });
  });
});

describe("conditions", () => {
  const definition = define(
    [
      { type: "choice", name: "acces", label: "Accès", options: [{ value: "rue", label: "Rue" }, { value: "cour", label: "Cour" }] },
      { type: "text", name: "code", label: "Code de la porte", required: true, showIf: { field: "acces", op: "equals", value: "cour" } },
      { type: "text", name: "digicode", label: "Digicode", required: true, showIf: { field: "code", op: "notEquals", value: "aucun" } },
    ],
    [
      { type: "multi", name: "objets", label: "Objets", options: [{ value: "meuble", label: "Meuble" }, { value: "matelas", label: "Matelas" }] },
      { type: "text", name: "meuble", label: "Quel meuble ?", required: true, showIf: { field: "objets", op: "contains", value: "meuble" } },
      { type: "yesno", name: "photo_jointe", label: "Photo ?" },
      { type: "file", name: "photo", label: "Photo", required: true, showIf: { field: "photo_jointe", op: "notEquals", value: false } },
      { type: "info", name: "rappel", label: "Rappel", text: "Sortez les objets la veille.", showIf: { field: "photo_jointe", op: "equals", value: false } },
    ],
  );
  const shown = (answers: unknown) => visibleFields(definition, answers).map((f) => f.name);

  it("equals: shown when the answer is the value, hidden otherwise", () => {
    expect(shown({ acces: "cour" })).toContain("code");
    expect(shown({ acces: "rue" })).not.toContain("code");
    expect(parse(definition, "submit", { acces: "cour" }).errors).toEqual({ code: "Ce champ est obligatoire : renseignez-le." });
  });

  it("notEquals: shown when answered otherwise, hidden when unanswered", () => {
    expect(shown({ acces: "cour", code: "B12" })).toContain("digicode");
    expect(shown({ acces: "cour", code: "aucun" })).not.toContain("digicode");
    expect(shown({ acces: "cour" })).not.toContain("digicode");
    expect(shown({ photo_jointe: true })).toContain("photo");
    expect(shown({ photo_jointe: "true" })).toContain("photo");
    expect(shown({ photo_jointe: false })).toEqual(["acces", "objets", "photo_jointe", "rappel"]);
  });

  it("contains: shown when the value is among the boxes checked", () => {
    expect(shown({ objets: ["matelas", "meuble"] })).toContain("meuble");
    expect(shown({ objets: ["matelas"] })).not.toContain("meuble");
    expect(shown({ objets: "meuble" })).not.toContain("meuble");
  });

  it("a field depending on a hidden field is hidden too", () => {
    expect(shown({ acces: "rue", code: "B12" })).not.toContain("digicode");
  });

  it("a hidden required field is not required, and its answer is dropped on submission", () => {
    const answers = { acces: "rue", code: "B12", digicode: "x".repeat(500), objets: ["matelas"], meuble: 42, photo_jointe: false, photo: { kind: "paper" } };
    expect(parse(definition, "submit", answers)).toEqual({ data: { acces: "rue", objets: ["matelas"], photo_jointe: false }, errors: {} });
  });

  it("a draft keeps what a hidden field holds, still type-checked", () => {
    expect(parse(definition, "draft", { acces: "rue", code: "B12" }).data).toEqual({ acces: "rue", code: "B12" });
    expect(parse(definition, "draft", { acces: "rue", code: 42 }).errors).toEqual({ code: "Saisissez du texte." });
  });

  it("shown fields are checked on submission", () => {
    const answers = { acces: "cour", code: "B12", digicode: "4521", objets: ["meuble"], meuble: "Armoire", photo_jointe: true, photo: { kind: "upload", attachmentId: "a1" } };
    expect(parse(definition, "submit", answers)).toEqual({ data: answers, errors: {} });
    expect(parse(definition, "submit", { ...answers, meuble: "" }).errors).toEqual({ meuble: "Ce champ est obligatoire : renseignez-le." });
  });

  it("hostile answers never throw", () => {
    expect(shown(null)).toEqual(["acces", "objets", "photo_jointe"]);
    expect(shown("acces")).toEqual(["acces", "objets", "photo_jointe"]);
    expect(shown({ acces: { toString: "cour" }, objets: { includes: "meuble" } })).toEqual(["acces", "objets", "photo_jointe"]);
    expect(shown({ acces: huge })).toEqual(["acces", "objets", "photo_jointe"]);
  });
});

describe("the answers object", () => {
  const definition = define([
    { type: "text", name: "nom", label: "Nom", required: true },
    { type: "text", name: "code", label: "Code", pattern: "([A-Z]|[0-9])+", patternMessage: "Majuscules et chiffres." },
    { type: "textarea", name: "precisions", label: "Précisions" },
    { type: "email", name: "courriel", label: "Courriel" },
  ]);

  it("refuses unknown keys, in both modes", () => {
    for (const mode of ["draft", "submit"] as const) expect(parse(definition, mode, { nom: "Jean", tenantId: "autre" }).errors).toEqual({ _: UNREADABLE });
  });

  it("refuses what is not an object", () => {
    for (const answers of [null, "nom=Jean", ["Jean"], 42]) expect(parse(definition, "draft", answers).errors).toEqual({ _: UNREADABLE });
  });

  it("refuses prototype keys and leaves Object.prototype alone", () => {
    expect(parse(definition, "submit", JSON.parse('{"nom": "Jean", "__proto__": {"admin": true}}')).errors).toEqual({ _: UNREADABLE });
    expect(parse(definition, "submit", { nom: "Jean", constructor: "x" }).errors).toEqual({ _: UNREADABLE });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("refuses objects where text is expected", () => {
    expect(parse(definition, "submit", { nom: { toString: "Jean" } }).errors).toEqual({ nom: "Saisissez du texte." });
    expect(parse(definition, "draft", { nom: ["Jean"], precisions: { length: 1 } }).errors).toEqual({ nom: "Saisissez du texte.", precisions: "Saisissez du texte." });
  });

  it("refuses a megabyte of text quickly, before any pattern runs", () => {
    const started = Date.now();
    for (const mode of ["draft", "submit"] as const) {
      const { errors } = parse(definition, mode, { nom: huge, code: "A".repeat(1_000_000) + "!", precisions: huge, courriel: huge });
      expect(errors).toEqual({
        nom: "200 caractères au plus : raccourcissez votre réponse.",
        code: "200 caractères au plus : raccourcissez votre réponse.",
        precisions: "5000 caractères au plus : raccourcissez votre réponse.",
        courriel: "254 caractères au plus : raccourcissez votre réponse.",
      });
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("stepSchema", () => {
  const definition = define(
    [
      { type: "yesno", name: "encombrant", label: "Encombrant ?", required: true },
      { type: "email", name: "courriel", label: "Courriel", required: true },
    ],
    [
      { type: "text", name: "volume", label: "Volume", required: true, showIf: { field: "encombrant", op: "equals", value: true } },
      { type: "phone", name: "telephone", label: "Téléphone", required: true },
    ],
  );

  it("checks the step strictly and the rest like a draft, keeping every answer", () => {
    const result = stepSchema(definition, "etape2", "submit").safeParse({ courriel: "jean@", encombrant: true, telephone: "06 12" });
    expect(result.success || fieldErrorsOf(result.error)).toEqual({
      volume: "Ce champ est obligatoire : renseignez-le.",
      telephone: "Numéro à 10 chiffres (06 12 34 56 78) ou commençant par +33.",
    });
    const first = stepSchema(definition, "etape1", "submit").safeParse({ encombrant: false, courriel: "jean@exemple.fr", telephone: "06" });
    expect(first.success && first.data).toEqual({ encombrant: false, courriel: "jean@exemple.fr", telephone: "06" });
  });

  it("does not require a field of the step hidden by an answer of an earlier step", () => {
    const result = stepSchema(definition, "etape2", "submit").safeParse({ encombrant: false, volume: "2 m³", telephone: "0612345678" });
    expect(result.success && result.data).toEqual({ encombrant: false, telephone: "0612345678" });
  });

  it("still refuses garbage and unknown keys in the other steps", () => {
    expect(stepSchema(definition, "etape2", "draft").safeParse({ courriel: 42 }).success).toBe(false);
    expect(stepSchema(definition, "etape1", "draft").safeParse({ autre: 1 }).success).toBe(false);
  });

  it("throws on a step the definition does not have", () => {
    expect(() => stepSchema(definition, "etape9", "submit")).toThrow('Unknown step "etape9"');
  });
});
