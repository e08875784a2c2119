import { render, screen } from "@testing-library/react";
import { RichText } from "@/components/rich-text";

describe("RichText", () => {
  it("shows headings, paragraphs and lists, with anchors on headings", () => {
    render(<RichText source={"## Vos droits\n\nVous pouvez :\n\n- consulter\n- corriger"} />);
    expect(screen.getByRole("heading", { level: 2, name: "Vos droits" })).toHaveAttribute("id", "vos-droits");
    expect(screen.getByText("Vous pouvez :")).toBeInTheDocument();
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["consulter", "corriger"]);
  });

  it("shows markup as text, never as HTML", () => {
    const { container } = render(<RichText source={'<img src=x onerror="alert(1)">'} />);
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)">')).toBeInTheDocument();
  });
});
