import { render, screen } from "@testing-library/react";
import { RequestProgress } from "@/components/request-progress";

// Nothing by colour alone: what the squares and their colours say is written under them.
describe("RequestProgress", () => {
  it("writes the step, and that the town hall waits for the citizen (the amber square)", () => {
    const { container } = render(<RequestProgress status="INCOMPLETE" />);
    expect(screen.getByText("Étape 2 sur 4 : en cours de traitement (en attente de votre complément)")).toBeVisible();
    expect(container.querySelector("ol")).toHaveAttribute("aria-hidden", "true");
  });

  it("writes the outcome of a treated request, not only a filled fourth square", () => {
    render(<RequestProgress status="REFUSEE" />);
    expect(screen.getByText(/^Étape 4 sur 4 : traitée \(refusée\)$/)).toBeInTheDocument();
  });
});
