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
});
