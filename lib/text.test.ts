import { ofName, parseText, slugify } from "@/lib/text";

describe("parseText", () => {
  it("splits headings, paragraphs and lists", () => {
    const blocks = parseText("## Éditeur\nMairie de Sète\nplace de la Mairie\n\n- un\n- deux\n\nFin.");
    expect(blocks).toEqual([
      { type: "heading", text: "Éditeur" },
      { type: "paragraph", text: "Mairie de Sète place de la Mairie" },
      { type: "list", items: ["un", "deux"] },
      { type: "paragraph", text: "Fin." },
    ]);
  });

  it("keeps markup as text", () => {
    expect(parseText("<script>alert(1)</script>")).toEqual([
      { type: "paragraph", text: "<script>alert(1)</script>" },
    ]);
  });

  it("reads Windows line endings and ignores blank input", () => {
    expect(parseText("a\r\n\r\nb")).toHaveLength(2);
    expect(parseText("  \n\n ")).toEqual([]);
  });
});

describe("slugify", () => {
  it("drops accents and punctuation", () => {
    expect(slugify("Qu'est-ce que « Mon Compte » ?")).toBe("qu-est-ce-que-mon-compte");
    expect(slugify("Sécurité")).toBe("securite");
  });
});

describe("ofName", () => {
  it("elides before a vowel", () => {
    expect(ofName("Sète")).toBe("de Sète");
    expect(ofName("Illkirch-Graffenstaden")).toBe("d'Illkirch-Graffenstaden");
    expect(ofName("Saint-André-des-Eaux")).toBe("de Saint-André-des-Eaux");
  });
});
