import {
  checkPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_MESSAGES,
  passwordStrength,
} from "@/lib/accounts/password-policy";

const context = ["Saint-André-des-Eaux", "Amélie, Jeanne", "Lire", "amélie.lire"];

describe("checkPassword: length", () => {
  it("refuses fewer than 12 characters and accepts 12", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(checkPassword("", [])).toBe(PASSWORD_MESSAGES.tooShort);
    expect(checkPassword("Gx7-pLq2!vR", [])).toBe(PASSWORD_MESSAGES.tooShort);
    expect(checkPassword("Gx7-pLq2!vRz", [])).toBeNull();
    expect(PASSWORD_MESSAGES.tooShort).toBe("Le mot de passe doit contenir au moins 12 caractères.");
  });

  it("counts code points, not UTF-16 units", () => {
    // Eleven code points but thirteen UTF-16 units: each emoji is a surrogate pair.
    expect("🐢🦔rive-lent").toHaveLength(13);
    expect(checkPassword("🐢🦔rive-lent", [])).toBe(PASSWORD_MESSAGES.tooShort);
    expect(checkPassword("🐢🦔rive-lent!", [])).toBeNull();
  });

  it("refuses more than 128 characters and accepts 128", () => {
    const words = "galet tordu sur la grève ";
    const exact = words.repeat(6).slice(0, MAX_PASSWORD_LENGTH - 3) + "xyz";
    expect(Array.from(exact)).toHaveLength(128);
    expect(checkPassword(exact, [])).toBeNull();
    expect(checkPassword(exact + "!", [])).toBe(PASSWORD_MESSAGES.tooLong);
    expect(PASSWORD_MESSAGES.tooLong).toBe("Le mot de passe ne doit pas dépasser 128 caractères.");
  });

  it("has no composition rule: a long lowercase passphrase is fine", () => {
    expect(checkPassword("cheval agrafe pile correcte", [])).toBeNull();
    expect(checkPassword("lunettesbleuesdumardi", [])).toBeNull();
  });
});

describe("checkPassword: common passwords", () => {
  it.each([
    "motdepasse12",
    "Motdepasse2024!",
    "MOTDEPASSE!!!",
    "Mot de passe 2024",
    "mot-de-passe-123",
    "azertyuiop12",
    "Azertyuiop!!",
    "qwertyuiop123",
    "Password1234",
    "Password!2024",
    "Soleil123456",
    "2024soleil!!",
    "Marseille13013",
    "doudou123456",
    "Chouchou2023!",
    "loulou-loulou",
    "soleilsoleil",
    "jetaime123456",
    "Bienvenue2025",
    "Trésor123456",
    "Moncomptecitoyen1",
  ])("refuses %s", (password) => {
    expect(checkPassword(password, [])).toBe(PASSWORD_MESSAGES.common);
  });

  it("accepts a common word inside a longer, personal phrase", () => {
    expect(checkPassword("le soleil de Brive en mars", [])).toBeNull();
  });

  it("says so in French", () => {
    expect(PASSWORD_MESSAGES.common).toBe("Ce mot de passe fait partie des plus utilisés : choisissez-en un autre.");
  });
});

describe("checkPassword: personal words", () => {
  it.each([
    "Amelie-au-jardin-42",
    "AMÉLIE les pommes",
    "jeanne-au-bois-dormant",
    "tourbillon-lire-vite",
    "saintandre-sur-mer!",
    "les eaux vives 1987",
  ])("refuses %s built on the context", (password) => {
    expect(checkPassword(password, context)).toBe(PASSWORD_MESSAGES.personal);
  });

  it("ignores context words shorter than four letters", () => {
    // "des" comes from the commune's name and would otherwise refuse half of French.
    expect(checkPassword("ours des plaines froides", context)).toBeNull();
  });

  it("accepts the same password without that context", () => {
    expect(checkPassword("Amelie-au-jardin-42", [])).toBeNull();
    expect(checkPassword("Amelie-au-jardin-42", ["Sète", "Paul", "Martin", "paul.martin"])).toBeNull();
  });

  it("reads context written in NFD and in capitals", () => {
    expect(checkPassword("vive-andre-et-zoe!", ["ANDRE\u0301"])).toBe(PASSWORD_MESSAGES.personal);
  });

  it("says so in French", () => {
    expect(PASSWORD_MESSAGES.personal).toBe(
      "Le mot de passe ne doit pas reprendre votre nom, votre identifiant ou le nom de la commune.",
    );
  });
});

describe("checkPassword: repetitions and sequences", () => {
  it.each([
    "aaaaaaaaaaaa",
    "!!!!!!!!!!!!",
    "abcdefghijkl",
    "lkjihgfedcba",
    "123456789012",
    "210987654321",
    "ABCDEFGHIJKL!",
    "ababababababab",
    "123123123123",
    "123412341234",
    "azerazerazer",
    "poiuytreza12",
    "qsdfghjklmwx",
    "a-b-c-d-e-f-g-h-i",
    "abcdefghij2024",
  ])("refuses %s", (password) => {
    expect(checkPassword(password, [])).toBe(PASSWORD_MESSAGES.simple);
  });

  it("does not refuse a short run followed by random digits", () => {
    expect(checkPassword("abcd93746285", [])).toBeNull();
  });

  it("says so in French", () => {
    expect(PASSWORD_MESSAGES.simple).toContain("suite ou une répétition");
  });
});

describe("passwordStrength", () => {
  it.each([
    ["", 0, "Très faible"],
    ["abc", 0, "Très faible"],
    ["Motdepasse2024!", 1, "Faible"],
    ["aaaaaaaaaaaa", 1, "Faible"],
    ["Gx7-pLq2!v", 1, "Faible"],
    ["tramwaydumard", 2, "Moyen"],
    ["Tramway7dumar", 3, "Bon"],
    ["cheval agrafe pile correcte", 4, "Excellent"],
    ["Gx7-pLq2!vRz#4wT", 4, "Excellent"],
  ])("%s → %i %s", (password, score, label) => {
    expect(passwordStrength(password)).toEqual({ score, label });
  });

  it("never rates a refused password above « Faible »", () => {
    for (const refused of ["Password1234!", "azertyuiopqsdfghjklm", "123456789012", "x".repeat(129)]) {
      expect(checkPassword(refused, [])).not.toBeNull();
      expect(passwordStrength(refused).score).toBeLessThanOrEqual(1);
    }
  });

  it("grows with length and variety", () => {
    expect(passwordStrength("tramwaydumardisoir").score).toBeGreaterThan(passwordStrength("tramwaydumard").score);
    expect(passwordStrength("Tramway7dumar").score).toBeGreaterThan(passwordStrength("tramwaydumard").score);
  });
});
