import { getLegalText, listFaq } from "@/lib/tenancy/content";
import { createTenant } from "@/tests/factories";

describe("listFaq", () => {
  it("groups a commune's questions by section, in its order, and only its own", async () => {
    const sete = await createTenant({
      faq: [
        { section: "Mon compte", question: "Pourquoi un compte ?", answer: "Pour tout suivre." },
        { section: "Mon compte", question: "Mon identifiant ?", answer: "prénom.nom" },
        { section: "Paiement", question: "Par carte ?", answer: "Oui." },
      ],
    });
    await createTenant({ faq: [{ section: "Ailleurs", question: "Question d'une autre commune", answer: "Non." }] });

    const sections = await listFaq(sete);
    expect(sections.map((s) => [s.title, s.entries.map((e) => e.question)])).toEqual([
      ["Mon compte", ["Pourquoi un compte ?", "Mon identifiant ?"]],
      ["Paiement", ["Par carte ?"]],
    ]);
  });
});

describe("getLegalText", () => {
  it("returns the commune's own text for each legal page", async () => {
    const t = await createTenant({ legalNotice: "Éditeur : Sète", privacyPolicy: "RGPD Sète", accessibilityText: "RGAA Sète" });
    await createTenant({ legalNotice: "Éditeur : ailleurs" });
    expect(await getLegalText(t, "mentions-legales")).toBe("Éditeur : Sète");
    expect(await getLegalText(t, "donnees-personnelles")).toBe("RGPD Sète");
    expect(await getLegalText(t, "accessibilite")).toBe("RGAA Sète");
  });
});
