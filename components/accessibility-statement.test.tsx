import { render, screen, within } from "@testing-library/react";
import { AccessibilityStatement } from "@/components/accessibility-statement";
import { conformityOf, type AccessibilityResults } from "@/lib/accessibility/statement";

const tenant = {
  name: "Sète",
  officialName: "Mairie de Sète",
  contactEmail: "contact@sete.localhost",
  contactPhone: "04 67 00 00 00",
  contactAddress: "20 rue Paul Valéry\n34200 Sète",
  canonicalHost: "sete.localhost",
};

const results: AccessibilityResults = {
  date: "2026-11-25",
  tool: "axe-core 4.14.1",
  browser: "Chromium (sans interface), Playwright",
  tags: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
  viewports: [{ name: "telephone", width: 360, height: 780 }, { name: "ordinateur", width: 1280, height: 800 }],
  scans: 120,
  pages: [
    { path: "/connexion", states: ["refus"], viewports: ["ordinateur", "telephone"], scans: 6 },
    { path: "/demandes/[numero]", states: [], viewports: ["ordinateur"], scans: 3 },
  ],
  counts: { critical: 0, serious: 0, moderate: 1, minor: 0 },
  nonConformities: [{ rule: "region", impact: "moderate", help: "All page content should be contained by landmarks", occurrences: 1, pages: ["/panier"] }],
  audit: null,
};

describe("AccessibilityStatement", () => {
  it("states « non conforme » without an audit, whatever the automated checks found", () => {
    render(<AccessibilityStatement tenant={tenant} communeText="La mairie de Sète s'engage." results={results} />);
    expect(screen.getByRole("heading", { level: 1, name: "Déclaration d'accessibilité" })).toBeInTheDocument();
    expect(screen.getByText(/Le Compte Citoyen de Sète est/)).toHaveTextContent("est non conforme avec le référentiel");
    expect(screen.getByText(/Aucun audit complet/)).toBeInTheDocument();
    // The commune's own text is kept.
    expect(screen.getByText("La mairie de Sète s'engage.")).toBeInTheDocument();
  });

  it("says what was tested, where, and what is not accessible", () => {
    render(<AccessibilityStatement tenant={tenant} communeText="" results={results} />);
    expect(screen.getByText(/120 contrôles automatiques ont porté sur 2 pages/)).toBeInTheDocument();
    expect(screen.getByText(/Aucun défaut bloquant ou grave/)).toBeInTheDocument();
    expect(screen.getByText(/téléphone \(360 × 780 pixels\) et ordinateur \(1280 × 800 pixels\)/)).toBeInTheDocument();
    expect(screen.getByText(/WCAG 2.1 niveau AA/)).toBeInTheDocument();
    const pages = screen.getByText(/Pages contrôlées \(2\)/).closest("details")!;
    expect(within(pages).getByText("/connexion").closest("li")).toHaveTextContent("après un refus");
    expect(screen.getByText(/All page content should be contained by landmarks/)).toHaveTextContent("défaut modéré, 1 occurrence");
  });

  it("gives the commune's contact to report a problem, and the Défenseur des droits", () => {
    render(<AccessibilityStatement tenant={tenant} communeText="" results={results} />);
    expect(screen.getByRole("link", { name: "contact@sete.localhost" })).toHaveAttribute("href", expect.stringMatching(/^mailto:contact@sete\.localhost\?subject=/));
    expect(screen.getByRole("link", { name: "04 67 00 00 00" })).toHaveAttribute("href", "tel:0467000000");
    expect(screen.getByRole("heading", { level: 2, name: "Voies de recours" })).toBeInTheDocument();
    expect(screen.getByText(/Libre réponse 71120/)).toBeInTheDocument();
  });

  it("follows an audit when there is one", () => {
    expect(conformityOf({ audit: { date: "2026-10-01", auditor: "Cabinet A", rate: 100 } }).label).toBe("totalement conforme");
    expect(conformityOf({ audit: { date: "2026-10-01", auditor: "Cabinet A", rate: 74.5 } })).toMatchObject({ label: "partiellement conforme", reason: expect.stringContaining("74,5 %") });
    expect(conformityOf({ audit: { date: "2026-10-01", auditor: "Cabinet A", rate: 30 } }).label).toBe("non conforme");
  });
});
