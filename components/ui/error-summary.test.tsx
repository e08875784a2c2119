import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";

/** A form whose errors follow what is typed, as react-hook-form does after a first submit. */
function Form() {
  const [first, setFirst] = useState("");
  const [last, setLast] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const errors: Record<string, string> = {};
  if (submitted && !first) errors.first = "Indiquez votre prénom.";
  if (submitted && !last) errors.last = "Indiquez votre nom.";
  return (
    <form onSubmit={(e) => { e.preventDefault(); setSubmitted(true); }}>
      <ErrorSummary errors={errors} />
      <label htmlFor="first">Prénom</label>
      <input id="first" value={first} onChange={(e) => setFirst(e.target.value)} />
      <label htmlFor="last">Nom</label>
      <input id="last" value={last} onChange={(e) => setLast(e.target.value)} />
      <button type="submit">Envoyer</button>
    </form>
  );
}

describe("ErrorSummary", () => {
  it("takes the focus when errors appear and on each submit, but never while the person corrects a field", async () => {
    jest.useFakeTimers();
    render(<Form />);
    fireEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    const summary = screen.getByRole("heading", { name: "Certaines informations sont à corriger." }).parentElement!;
    expect(summary).toHaveFocus();
    expect(screen.getAllByRole("link")).toHaveLength(2);

    const first = screen.getByLabelText("Prénom");
    first.focus();
    fireEvent.change(first, { target: { value: "Amélie" } });
    await act(async () => { jest.runAllTimers(); });
    expect(screen.getAllByRole("link")).toHaveLength(1);
    expect(first).toHaveFocus();

    fireEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    await act(async () => { jest.runAllTimers(); });
    expect(summary).toHaveFocus();
    jest.useRealTimers();
  });
});
