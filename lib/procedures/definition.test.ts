import { allFields, resolveDateBound, todayInFrance, validateDefinition } from "@/lib/procedures/definition";

// A form that uses every field type, like the « Enlèvement des encombrants » démarche.
const complete = () => ({
  steps: [
    {
      id: "demandeur",
      title: "Vos coordonnées",
      fields: [
        { type: "info", name: "intro", label: "À savoir", text: "Le service passe le jeudi." },
        { type: "text", name: "nom", label: "Nom", required: true, prefill: "holder.lastName" },
        { type: "email", name: "courriel", label: "Courriel", prefill: "holder.email" },
        { type: "phone", name: "telephone", label: "Téléphone", prefill: "holder.mobile" },
        { type: "address", name: "adresse", label: "Adresse de collecte", required: true, prefill: "holder.address" },
        { type: "member", name: "personne", label: "Personne concernée" },
      ],
    },
    {
      id: "objets",
      title: "Vos objets",
      help: "Listez ce qui sera déposé sur le trottoir.",
      fields: [
        { type: "multi", name: "objets", label: "Objets", options: [{ value: "meuble", label: "Meuble" }, { value: "electromenager", label: "Électroménager" }], minSelected: 1, maxSelected: 2 },
        { type: "number", name: "volume", label: "Volume (m³)", min: 0.5, max: 3 },
        { type: "textarea", name: "precisions", label: "Précisions", maxLength: 1000 },
        { type: "choice", name: "acces", label: "Accès", display: "select", options: [{ value: "rue", label: "Rue" }, { value: "cour", label: "Cour" }] },
        { type: "date", name: "date_souhaitee", label: "Date souhaitée", min: "today+7", max: "today+90", required: true },
        { type: "yesno", name: "photo_jointe", label: "Joindre une photo ?" },
        { type: "file", name: "photo", label: "Photo", accept: ["jpeg", "png"], maxSizeMb: 5, showIf: { field: "photo_jointe", op: "equals", value: true } },
        { type: "text", name: "code_porte", label: "Code de la porte", pattern: "[0-9A-Z]{4}", patternMessage: "Quatre chiffres ou lettres majuscules.", showIf: { field: "acces", op: "equals", value: "cour" } },
        { type: "text", name: "precision_meuble", label: "Quel meuble ?", showIf: { field: "objets", op: "contains", value: "meuble" } },
      ],
    },
  ],
});

type Def = ReturnType<typeof complete>;
// The definition with its first field of the given name changed (or removed when `change` is null).
function edit(name: string, change: Record<string, unknown> | null, def: Def = complete()): Def {
  for (const step of def.steps) {
    const index = step.fields.findIndex((f) => f.name === name);
    if (index < 0) continue;
    if (change === null) step.fields.splice(index, 1);
    else step.fields[index] = { ...step.fields[index], ...change } as (typeof step.fields)[number];
    return def;
  }
  throw new Error(`no field ${name}`);
}
function errorsOf(input: unknown): string {
  const result = validateDefinition(input);
  if (result.ok) throw new Error("expected the definition to be refused");
  return result.errors.join("\n");
}

describe("validateDefinition", () => {
  it("accepts a form with every field type and fills in the defaults", () => {
    const result = validateDefinition(complete());
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const fields = allFields(result.definition);
    expect(fields.map((f) => f.type)).toEqual([
      "info", "text", "email", "phone", "address", "member", "multi", "number", "textarea", "choice", "date", "yesno", "file", "text", "text",
    ]);
    const courriel = fields.find((f) => f.name === "courriel");
    expect(courriel).toMatchObject({ required: false });
    const fichier = validateDefinition(edit("photo", { accept: undefined, maxSizeMb: undefined }));
    expect(fichier.ok && allFields(fichier.definition).find((f) => f.name === "photo")).toMatchObject({ accept: ["pdf", "jpeg", "png"], maxSizeMb: 10 });
  });

  it("refuses what is not a form, in French", () => {
    expect(errorsOf(null)).toMatch("Un formulaire s'écrit { steps: [...] }, sans autre clé.");
    expect(errorsOf({ steps: [] })).toMatch("Le formulaire contient au moins une étape.");
    expect(errorsOf({ steps: [{ id: "a", title: "A", fields: [] }] })).toMatch("Étape 1 (fields) : Une étape contient au moins un champ.");
    expect(errorsOf({ steps: [{ id: "a", title: "A", fields: [{ type: "info", name: "i", label: "I", text: "Bonjour" }] }] })).toMatch(
      "Le formulaire ne demande rien : ajoutez au moins un champ à remplir.",
    );
  });

  it("names the step and the field of a shape error", () => {
    expect(errorsOf(edit("nom", { type: "signature" }))).toMatch("Étape 1, champ « Nom » (type) : Type de champ inconnu");
    expect(errorsOf(edit("nom", { requird: true }))).toMatch(/Étape 1, champ « Nom » : Clé non reconnue : "requird"/);
    expect(errorsOf(edit("nom", { label: "  " }))).toMatch("Étape 1, champ 2 (label) : Indiquez un libellé.");
  });

  it("refuses badly formed or reserved names", () => {
    for (const name of ["Nom", "prénom", "1er", "date-souhaitee", ""]) expect(errorsOf(edit("nom", { name }))).toMatch("Le nom technique commence par une lettre");
    expect(errorsOf(edit("nom", { name: "constructor" }))).toMatch("Ce nom technique est réservé");
  });

  it("refuses two fields or two steps with the same name", () => {
    expect(errorsOf(edit("volume", { name: "nom" }))).toMatch("Champ « Volume (m³) » : le nom technique « nom » est déjà pris");
    const def = complete();
    def.steps[1]!.id = "demandeur";
    expect(errorsOf(def)).toMatch("Étape « Vos objets » : l'identifiant « demandeur » est déjà pris");
  });

  it("refuses a condition on a later, unknown or own field", () => {
    expect(errorsOf(edit("nom", { showIf: { field: "acces", op: "equals", value: "rue" } }))).toMatch(
      "Champ « Nom » : la condition porte sur « acces », qui n'est pas un champ placé avant celui-ci",
    );
    expect(errorsOf(edit("nom", { showIf: { field: "inconnu", op: "equals", value: "x" } }))).toMatch("qui n'est pas un champ placé avant celui-ci");
    expect(errorsOf(edit("nom", { showIf: { field: "nom", op: "equals", value: "x" } }))).toMatch("qui n'est pas un champ placé avant celui-ci");
  });

  it("refuses a condition on a field whose answer cannot be compared", () => {
    for (const field of ["intro", "photo", "adresse", "personne"]) {
      const def = edit("code_porte", { showIf: { field, op: "equals", value: "x" } });
      expect(errorsOf(def)).toMatch("dont la réponse ne se compare pas : choisissez une question à réponse simple");
    }
  });

  it("checks the operator and the value of a condition against its field", () => {
    const when = (showIf: unknown) => errorsOf(edit("code_porte", { showIf }));
    expect(when({ field: "acces", op: "contains", value: "cour" })).toMatch("« contains » (« comprend ») ne s'applique qu'à un choix multiple");
    expect(when({ field: "objets", op: "equals", value: "meuble" })).toMatch("un choix multiple : utilisez « contains » (« comprend »)");
    expect(when({ field: "acces", op: "equals", value: "jardin" })).toMatch("« jardin » n'est pas l'une de ses options");
    expect(when({ field: "objets", op: "contains", value: "velo" })).toMatch("« velo » n'est pas l'une de ses options");
    expect(when({ field: "photo_jointe", op: "equals", value: "oui" })).toMatch("la valeur attendue est true ou false");
    expect(when({ field: "volume", op: "notEquals", value: "2" })).toMatch("la valeur attendue est un nombre");
    expect(when({ field: "nom", op: "equals", value: 3 })).toMatch("la valeur attendue est un texte");
    expect(when({ field: "acces", op: "between", value: "cour" })).toMatch("Condition : choisissez « equals », « notEquals » ou « contains ».");
  });

  it("refuses options with the same value and a choice with one option", () => {
    const options = [{ value: "rue", label: "Rue" }, { value: "rue", label: "Cour" }];
    expect(errorsOf(edit("acces", { options }))).toMatch("Champ « Accès » : la valeur « rue » est donnée à plusieurs options");
    expect(errorsOf(edit("acces", { options: [{ value: "rue", label: "Rue" }] }))).toMatch("Proposez au moins 2 options.");
  });

  it("refuses a minimum above its maximum", () => {
    expect(errorsOf(edit("volume", { min: 4 }))).toMatch("Champ « Volume (m³) » : le minimum dépasse le maximum");
    expect(errorsOf(edit("date_souhaitee", { min: "today+100" }))).toMatch("la date minimum est après la date maximum");
    expect(errorsOf(edit("date_souhaitee", { min: "2027-02-01", max: "2027-01-01" }))).toMatch("la date minimum est après la date maximum");
    expect(errorsOf(edit("precisions", { minLength: 2000 }))).toMatch("la longueur minimum dépasse la longueur maximum");
    expect(errorsOf(edit("objets", { minSelected: 2, maxSelected: 1 }))).toMatch("le minimum de cases à cocher dépasse le maximum");
    expect(errorsOf(edit("objets", { minSelected: 3, maxSelected: undefined }))).toMatch("le minimum de cases à cocher dépasse le nombre d'options");
  });

  it("refuses impossible dates and bounds", () => {
    expect(errorsOf(edit("date_souhaitee", { min: "2027-02-30", max: undefined }))).toMatch("« 2027-02-30 » n'est pas une date du calendrier");
    expect(errorsOf(edit("date_souhaitee", { min: "demain" }))).toMatch("Une borne de date s'écrit AAAA-MM-JJ");
  });

  it("refuses text limits above the product's", () => {
    expect(errorsOf(edit("nom", { maxLength: 500 }))).toMatch("200 au plus.");
    expect(errorsOf(edit("precisions", { maxLength: 10000 }))).toMatch("5000 au plus.");
  });

  it("refuses broken, slow or unexplained patterns", () => {
    expect(errorsOf(edit("code_porte", { pattern: "[0-9" }))).toMatch("le motif « [0-9 » n'est pas une expression régulière valide");
    expect(errorsOf(edit("code_porte", { pattern: "a)|(b" }))).toMatch("n'est pas une expression régulière valide");
    expect(errorsOf(edit("code_porte", { pattern: "(a+)+" }))).toMatch("le motif répète un groupe déjà répété");
    expect(errorsOf(edit("code_porte", { pattern: "([a-z]*\\d)*" }))).toMatch("le motif répète un groupe déjà répété");
    expect(errorsOf(edit("code_porte", { patternMessage: undefined }))).toMatch("un champ avec un motif indique aussi « patternMessage »");
  });

  it("limits pieces to PDF, JPEG and PNG of 10 Mo at most", () => {
    expect(errorsOf(edit("photo", { maxSizeMb: 20 }))).toMatch("Une pièce fait 10 Mo au plus.");
    expect(errorsOf(edit("photo", { accept: ["exe"] }))).toMatch("Formats acceptés : pdf, jpeg ou png.");
    expect(errorsOf(edit("photo", { accept: [] }))).toMatch("Acceptez au moins un format");
  });

  it("refuses a pre-filling that does not fit the field", () => {
    expect(errorsOf(edit("nom", { prefill: "holder.birthDate" }))).toMatch("« holder.birthDate » ne peut pas pré-remplir un champ « text » : il faut un champ « date »");
    expect(errorsOf(edit("nom", { prefill: "holder.iban" }))).toMatch("Pré-remplissage inconnu");
  });

  it("refuses hostile input without throwing", () => {
    expect(errorsOf(edit("nom", { label: "x".repeat(1_000_000) }))).toMatch("Le libellé : 200 caractères au plus.");
    expect(errorsOf(JSON.parse('{"steps": [], "__proto__": {"polluted": true}}'))).toMatch("sans autre clé");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errorsOf("steps")).toBeTruthy();
    expect(errorsOf({ steps: [{ id: "a", title: "A", fields: [42] }] })).toMatch("Étape 1, champ 1");
  });
});

describe("resolveDateBound", () => {
  const noon = new Date("2026-06-15T10:00:00Z");

  it("counts days from today in France", () => {
    expect(resolveDateBound("today", noon)).toBe("2026-06-15");
    expect(resolveDateBound("today+7", noon)).toBe("2026-06-22");
    expect(resolveDateBound("today+20", noon)).toBe("2026-07-05");
    expect(resolveDateBound("today-15", noon)).toBe("2026-05-31");
    expect(resolveDateBound("2026-09-01", noon)).toBe("2026-09-01");
  });

  it("turns the day at midnight in Paris, not in UTC", () => {
    expect(todayInFrance(new Date("2026-06-14T22:30:00Z"))).toBe("2026-06-15");
    expect(todayInFrance(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});
