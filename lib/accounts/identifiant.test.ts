import { identifiantBase, identifiantKey, MAX_IDENTIFIANT_BASE_LENGTH, withNumber } from "@/lib/accounts/identifiant";

describe("identifiantBase", () => {
  it.each([
    ["Amélie", "Lire", "amélie.lire"],
    ["Jean-Pierre", "de La Fontaine", "jean-pierre.de-la-fontaine"],
    ["Anne-Marie", "N'Diaye", "anne-marie.n-diaye"],
    ["Hélène", "d’Alembert", "hélène.d-alembert"],
    ["François", "Le Goff", "françois.le-goff"],
    ["Gwenaëlle", "Le Guédès", "gwenaëlle.le-guédès"],
    ["Yann", "Kerjean-Le Bihan", "yann.kerjean-le-bihan"],
    ["Maël", "Tanguy", "maël.tanguy"],
    ["Noémie", "du Bellay", "noémie.du-bellay"],
    ["Loïc", "de l'Isle", "loïc.de-l-isle"],
    ["Zoé", "D'Artagnan", "zoé.d-artagnan"],
    ["Joëlle", "L'Hôpital", "joëlle.l-hôpital"],
    ["Étienne", "La Boétie", "étienne.la-boétie"],
    ["Ève", "ÉLOI", "ève.éloi"],
    ["Cécile", "Œuvrard", "cécile.œuvrard"],
    ["Lætitia", "Cæsar", "lætitia.cæsar"],
    ["Jürgen", "Straße", "jürgen.straße"],
    ["Grégory", "GROẞMANN", "grégory.großmann"],
    ["Frédérique", "Schœlcher", "frédérique.schœlcher"],
    ["Marie-Odile", "Kieffer-Wendling", "marie-odile.kieffer-wendling"],
    ["Théo", "Oberlé", "théo.oberlé"],
    ["Aurélien", "Schnæbelé", "aurélien.schnæbelé"],
    ["Ségolène", "Saint-Exupéry", "ségolène.saint-exupéry"],
    ["Inès", "Ben Saïd", "inès.ben-saïd"],
  ])("%s %s → %s", (first, last, expected) => {
    expect(identifiantBase(first, last)).toBe(expected);
  });

  it("keeps only the first given name", () => {
    expect(identifiantBase("Marie, Claire, Louise", "Martin")).toBe("marie.martin");
    expect(identifiantBase("Jean Baptiste, Paul", "Dupont")).toBe("jean-baptiste.dupont");
  });

  it("ignores extra spaces, doubled hyphens and stray punctuation", () => {
    expect(identifiantBase("  Jean   Pierre ", "  Dupont  ")).toBe("jean-pierre.dupont");
    expect(identifiantBase("Jean--Pierre", "Le  --  Floch")).toBe("jean-pierre.le-floch");
    expect(identifiantBase("Jean\u00a0Luc", "Martin\t")).toBe("jean-luc.martin");
    expect(identifiantBase("J.-P.", "Müller (né Schmitt)")).toBe("j-p.müller-né-schmitt");
    expect(identifiantBase("Amélie!", "Lire?")).toBe("amélie.lire");
    expect(identifiantBase("'Amélie'", "‘Lire’")).toBe("amélie.lire");
    expect(identifiantBase("Jean‐Pierre", "Dupont – Moretti")).toBe("jean-pierre.dupont-moretti");
  });

  it("gives the same NFC result for NFD and NFC input", () => {
    const nfc = identifiantBase("Amélie", "Lefèvre");
    const nfd = identifiantBase("Amélie".normalize("NFD"), "Lefèvre".normalize("NFD"));
    expect(nfd).toBe(nfc);
    expect(nfd).toBe("amélie.lefèvre".normalize("NFC"));
    expect(nfd.normalize("NFC")).toBe(nfd);
  });

  it("drops combining marks that have no precomposed letter", () => {
    expect(identifiantBase("Ame\u0301\u0301lie", "Lire")).toBe("amélie.lire");
    expect(identifiantBase("Zoe\u0308\u0303", "Lire")).toBe("zoë.lire");
  });

  it("falls back to x for a part that keeps nothing", () => {
    expect(identifiantBase("", "")).toBe("x.x");
    expect(identifiantBase("???", "Lire")).toBe("x.lire");
    expect(identifiantBase("Amélie", " - ' ")).toBe("amélie.x");
    expect(identifiantBase(", Amélie", "Lire")).toBe("x.lire");
  });

  it("keeps very long names within the limit, cut on code points without a trailing hyphen", () => {
    const long = identifiantBase(
      "Marie-Thérèse-Geneviève-Bernadette",
      "de La Rochefoucauld-Montmorency-Laval-Saint-Priest",
    );
    expect(Array.from(long).length).toBeLessThanOrEqual(MAX_IDENTIFIANT_BASE_LENGTH);
    expect(long).toBe("marie-thérèse-geneviève-berna.de-la-rochefoucauld-montmorenc");
    expect(long).not.toMatch(/-\.|-$/);

    // A short first name leaves the rest of the room to the last name, and the other way round.
    const shortFirst = identifiantBase("Léa", "é".repeat(80));
    expect(shortFirst).toBe(`léa.${"é".repeat(56)}`);
    const shortLast = identifiantBase("ö".repeat(80), "Ba");
    expect(shortLast).toBe(`${"ö".repeat(57)}.ba`);

    // Cutting right after a hyphen drops the hyphen.
    const hyphen = identifiantBase(`${"a".repeat(28)}-bbb`, `${"c".repeat(29)}-ddd`);
    expect(hyphen).toBe(`${"a".repeat(28)}.${"c".repeat(29)}`);
  });

  it("counts astral letters as one character", () => {
    const gothic = "𐌰".repeat(40);
    const result = identifiantBase(gothic, gothic);
    expect(Array.from(result).length).toBe(MAX_IDENTIFIANT_BASE_LENGTH);
    expect(result.isWellFormed()).toBe(true);
  });
});

describe("withNumber", () => {
  it("leaves the first one bare and numbers the next ones", () => {
    expect(withNumber("amélie.lire", 0)).toBe("amélie.lire");
    expect(withNumber("amélie.lire", 1)).toBe("amélie.lire");
    expect(withNumber("amélie.lire", 2)).toBe("amélie.lire2");
    expect(withNumber("amélie.lire", 13)).toBe("amélie.lire13");
  });
});

describe("identifiantKey", () => {
  it("matches regardless of accents and case", () => {
    expect(identifiantKey("Amelie.LIRE")).toBe(identifiantKey("amélie.lire"));
    expect(identifiantKey("amélie.lire")).toBe("amelie.lire");
    expect(identifiantKey("ÉTIENNE.LA-BOÉTIE2")).toBe("etienne.la-boetie2");
  });

  it("reads NFD input and surrounding spaces", () => {
    expect(identifiantKey(" Ame\u0301lie.Lire ")).toBe("amelie.lire");
  });

  it("keeps letters that have no accent to remove", () => {
    expect(identifiantKey("Cécile.ŒUVRARD")).toBe("cecile.œuvrard");
    expect(identifiantKey("Jürgen.Straße")).toBe("jurgen.straße");
    expect(identifiantKey("Lætitia.Cæsar")).toBe("lætitia.cæsar");
  });

  it("tells different names apart", () => {
    expect(identifiantKey("amélie.lire")).not.toBe(identifiantKey("amélie.lire2"));
  });
});
