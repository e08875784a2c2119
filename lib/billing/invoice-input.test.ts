import { csvCell, csvDocument, invoiceCsvTemplate, invoiceInputSchema, parseCsv, parseDay, parseDomain, parseEuros, readInvoiceCsv, reasonsOf } from "@/lib/billing/invoice-input";

// The invoice as the billing software writes it (CSV or JSON): French amounts and dates, domains in
// words, every problem of a line told in French.

const bytes = (text: string) => new TextEncoder().encode(text);
const valid = {
  regie: "Régie Ville", identifiant: "Lucie.Bernard", numero: "F-1", domaine: "périscolaire", libelle: "Accueil du soir",
  periode: "Septembre 2026", montant: "48,60", date_emission: "2026-10-03", date_echeance: "31/10/2026",
};

describe("amounts, dates and domains", () => {
  it.each([
    ["48,60", 4860], ["48.6", 4860], ["1 234,50 €", 123450], ["1\u202f234,5", 123450], ["12", 1200], [48.6, 4860], [0.1 + 0.2, 30], ["-3,00", -300],
  ])("reads %p as %p cents", (value, cents) => expect(parseEuros(value)).toBe(cents));

  it.each([["48,605"], ["1.234,50"], ["douze"], [""], [48.605], [Number.NaN], [null]])("refuses %p as an amount", (value) => expect(parseEuros(value)).toBeNull());

  it("reads days in both formats and refuses days that do not exist", () => {
    expect(parseDay("2026-10-03")?.toISOString()).toBe("2026-10-03T00:00:00.000Z");
    expect(parseDay("3/10/2026")?.toISOString()).toBe("2026-10-03T00:00:00.000Z");
    for (const bad of ["31/02/2026", "2026-13-01", "03-10-2026", "10/03/26", "", "1850-01-01"]) expect(parseDay(bad)).toBeNull();
  });

  it("takes the domains in French words, whatever their accents and capitals", () => {
    expect(["scolaire", "Périscolaire", "periscolaire", "petite enfance", "Petite-Enfance", "PETITE_ENFANCE", "ccas", "CCAS"].map(parseDomain))
      .toEqual(["SCOLAIRE", "PERISCOLAIRE", "PERISCOLAIRE", "PETITE_ENFANCE", "PETITE_ENFANCE", "PETITE_ENFANCE", "CCAS", "CCAS"]);
    expect(parseDomain("cantine")).toBeNull();
  });
});

describe("invoiceInputSchema", () => {
  it("turns a line into the invoice to write: cents, days, domain, identifiant in lower case", () => {
    expect(invoiceInputSchema.parse(valid)).toEqual({
      regie: "Régie Ville", identifiant: "lucie.bernard", number: "F-1", domain: "PERISCOLAIRE", label: "Accueil du soir", period: "Septembre 2026",
      amountCents: 4860, issuedAt: new Date("2026-10-03T00:00:00Z"), dueAt: new Date("2026-10-31T00:00:00Z"), lines: [],
    });
  });

  it("takes JSON numbers and lines whose total makes the amount", () => {
    const parsed = invoiceInputSchema.parse({ ...valid, numero: 1024, montant: 30, lignes: [{ libelle: "Repas", quantite: 4, prix_unitaire: "5,00", montant: "20" }, { libelle: "Goûter", montant: 10 }] });
    expect(parsed.number).toBe("1024");
    expect(parsed.lines).toEqual([{ label: "Repas", quantity: 4, unitCents: 500, totalCents: 2000 }, { label: "Goûter", quantity: 1, unitCents: 1000, totalCents: 1000 }]);
  });

  it("reports every problem of a line in French", () => {
    const result = invoiceInputSchema.safeParse({ regie: " ", numero: "", domaine: "cantine", libelle: "x".repeat(201), montant: "0", date_emission: "31/02/2026", date_echeance: "demain" });
    expect(result.success).toBe(false);
    expect(reasonsOf(result.error!)).toEqual([
      "Régie manquante.",
      "Identifiant du titulaire manquant.",
      "Numéro de facture manquant.",
      "Domaine inconnu : « cantine » (scolaire, périscolaire, petite enfance ou CCAS).",
      "Libellé : 200 caractères au plus.",
      "Montant doit être supérieur à zéro : « 0 ».",
      "Date d'émission invalide : « 31/02/2026 » (AAAA-MM-JJ ou JJ/MM/AAAA, une date qui existe).",
      "Date d'échéance invalide : « demain » (AAAA-MM-JJ ou JJ/MM/AAAA, une date qui existe).",
    ]);
  });

  it("refuses a due date before the issue date, lines that do not make the amount, and what is not an object", () => {
    expect(reasonsOf(invoiceInputSchema.safeParse({ ...valid, date_echeance: "2026-10-02" }).error!)).toEqual(["La date d'échéance précède la date d'émission."]);
    expect(reasonsOf(invoiceInputSchema.safeParse({ ...valid, lignes: [{ libelle: "Repas", montant: "40" }] }).error!)).toEqual([expect.stringMatching(/^Le total des lignes \(40,00\s€\) ne fait pas le montant de la facture \(48,60\s€\)\.$/)]);
    expect(reasonsOf(invoiceInputSchema.safeParse({ ...valid, montant: "48,605" }).error!)).toEqual([expect.stringContaining("Montant invalide : « 48,605 »")]);
    expect(invoiceInputSchema.safeParse("F-1").success).toBe(false);
  });
});

describe("CSV", () => {
  it("reads quoted cells, doubled quotes and line breaks inside quotes, with the line each record starts on", () => {
    expect(parseCsv('a;b\r\n"x;1";"dit ""oui"""\n\n"deux\nlignes";z\n', ";")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x;1", 'dit "oui"'] },
      { line: 4, cells: ["deux\nlignes", "z"] },
    ]);
  });

  it("reads a file with a BOM and semicolons, or commas, or saved by Excel in Windows-1252, header names as people write them", () => {
    const withBom = readInvoiceCsv(bytes(`\uFEFFRégie;Identifiant;Numéro;Domaine;Libellé;Période;Montant;Date d'émission;Date d'échéance\nRégie Ville;lucie.bernard;F-1;scolaire;Cantine;Octobre;12,50;2026-10-01;2026-10-31\n`));
    expect(withBom).toEqual({ ok: true, rows: [{ line: 2, values: { regie: "Régie Ville", identifiant: "lucie.bernard", numero: "F-1", domaine: "scolaire", libelle: "Cantine", periode: "Octobre", montant: "12,50", date_emission: "2026-10-01", date_echeance: "2026-10-31" } }] });
    const commas = readInvoiceCsv(bytes(`regie,identifiant,numero,domaine,libelle,montant,date_emission,date_echeance\nRégie CCAS,lucie.bernard,C-1,ccas,Repas,"12,50",01/10/2026,31/10/2026\n`));
    expect(commas.ok && commas.rows[0]!.values).toMatchObject({ regie: "Régie CCAS", montant: "12,50" });
    const latin1 = new Uint8Array([...bytes("regie;identifiant;numero;domaine;libelle;montant;date_emission;date_echeance\nR"), 0xe9, ...bytes("gie Ville;a.b;F-2;p"), 0xe9, ...bytes("riscolaire;Garderie;3;2026-10-01;2026-10-31\n")]);
    const read = readInvoiceCsv(latin1);
    expect(read.ok && read.rows[0]!.values).toMatchObject({ regie: "Régie Ville", domaine: "périscolaire" });
  });

  it("refuses a file without its columns, empty, or with only its header, in French", () => {
    expect(readInvoiceCsv(bytes("regie;identifiant;numero\nRégie Ville;a.b;F-1\n"))).toEqual({ ok: false, message: expect.stringContaining("il manque les colonnes domaine, libelle, montant, date_emission, date_echeance") });
    expect(readInvoiceCsv(new Uint8Array())).toEqual({ ok: false, message: expect.stringContaining("vide") });
    expect(readInvoiceCsv(bytes("regie;identifiant;numero;domaine;libelle;montant;date_emission;date_echeance\n"))).toEqual({ ok: false, message: expect.stringContaining("aucune facture") });
  });

  it("writes cells a spreadsheet never runs as formulas", () => {
    expect(["=1+1", "+33 6", "-2", "@SUM(A1)", "a;b", 'dit "oui"', "F-1"].map(csvCell)).toEqual(["'=1+1", "'+33 6", "'-2", "'@SUM(A1)", '"a;b"', '"dit ""oui"""', "F-1"]);
    expect(csvDocument([["a", "b"], ["c", "d"]])).toBe("\uFEFFa;b\r\nc;d\r\n");
  });

  it("offers a template that imports as it is", () => {
    const read = readInvoiceCsv(bytes(invoiceCsvTemplate()));
    expect(read.ok).toBe(true);
    if (read.ok) for (const row of read.rows) expect(invoiceInputSchema.safeParse(row.values).success).toBe(true);
  });
});
