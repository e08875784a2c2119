import { render, screen } from "@testing-library/react";
import { SiteFooter } from "@/components/site-footer";

const tenant = {
  officialName: "Mairie de Sète",
  contactAddress: "20 rue Paul Valéry\n34200 Sète",
  contactPhone: "04 67 00 00 00",
  contactEmail: "contact@sete.localhost",
};

describe("SiteFooter", () => {
  it("gives the town hall's contact details as links", () => {
    render(<SiteFooter tenant={tenant} />);
    expect(screen.getByText("Mairie de Sète")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "04 67 00 00 00" })).toHaveAttribute("href", "tel:0467000000");
    expect(screen.getByRole("link", { name: "contact@sete.localhost" })).toHaveAttribute("href", "mailto:contact@sete.localhost");
  });

  it("links to the legal pages and states the accessibility status", () => {
    render(<SiteFooter tenant={tenant} />);
    const legal = screen.getByRole("navigation", { name: "Informations légales" });
    expect(legal).toHaveTextContent("Mentions légales");
    expect(screen.getByRole("link", { name: /^Accessibilité : (totalement|partiellement|non) conforme$/ })).toHaveAttribute("href", "/accessibilite");
    expect(screen.getByRole("link", { name: "Données personnelles" })).toHaveAttribute("href", "/donnees-personnelles");
  });

  it("leaves out the contact details a new commune has not given yet, rather than empty links", () => {
    render(<SiteFooter tenant={{ officialName: "Mairie de Nouvelle", contactAddress: "", contactPhone: "", contactEmail: "" }} />);
    expect(screen.getByText("Mairie de Nouvelle")).toBeInTheDocument();
    expect(screen.queryByText(/Tél\./)).toBeNull();
    expect(screen.queryByText(/Courriel/)).toBeNull();
    expect(screen.getAllByRole("link").every((link) => link.textContent?.trim())).toBe(true);
  });

  it("shows no commune's details on the platform host", () => {
    render(<SiteFooter tenant={null} />);
    expect(screen.queryByRole("navigation")).toBeNull();
  });
});
