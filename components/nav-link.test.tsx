import { render, screen } from "@testing-library/react";
import { NavLink } from "@/components/nav-link";

let pathname = "/";
jest.mock("next/navigation", () => ({ usePathname: () => pathname }));

describe("NavLink", () => {
  it("marks the link of the current page, and only that one", () => {
    pathname = "/faq";
    render(
      <>
        <NavLink href="/">Accueil</NavLink>
        <NavLink href="/faq">Questions fréquentes</NavLink>
      </>,
    );
    expect(screen.getByRole("link", { name: "Questions fréquentes" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Accueil" })).not.toHaveAttribute("aria-current");
  });

  it("keeps a section's tab current on its sub-pages, but not the home tab", () => {
    pathname = "/compte/modifier";
    render(
      <>
        <NavLink href="/accueil">Accueil</NavLink>
        <NavLink href="/compte">Compte</NavLink>
        <NavLink href="/comptes">Comptes</NavLink>
      </>,
    );
    expect(screen.getByRole("link", { name: "Compte" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Comptes" })).not.toHaveAttribute("aria-current");
    expect(screen.getByRole("link", { name: "Accueil" })).not.toHaveAttribute("aria-current");
  });
});
