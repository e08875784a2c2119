import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ActionResult } from "@/lib/forms";
import type { TrackedRequest } from "@/lib/requests/tracking-schema";
import { TrackingForm } from "./tracking-form";

type Outcome = ActionResult<TrackedRequest>;

/** An action whose answer the test gives when it wants. */
function pendingAction() {
  let answer: (result: Outcome) => void = () => {};
  const action = jest.fn<Promise<Outcome>, [unknown]>(() => new Promise<Outcome>((resolve) => (answer = resolve)));
  return { action, answer: (result: Outcome) => act(async () => answer(result)) };
}

const found: TrackedRequest = {
  numero: "SET-2026-000042",
  title: "Acte de naissance",
  status: "INCOMPLETE",
  submittedAt: new Date("2026-03-02T09:30:00Z"),
  events: [
    { date: new Date("2026-03-02T09:30:00Z"), status: "DEPOSEE", message: null, isMessage: false },
    { date: new Date("2026-03-05T14:00:00Z"), status: "INCOMPLETE", message: "Précisez le nom de jeune fille de la mère.", isMessage: false },
  ],
};

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const send = () => act(async () => fireEvent.click(screen.getByRole("button", { name: "Suivre ma demande" })));

afterEach(() => window.history.replaceState(null, "", "/"));

describe("TrackingForm", () => {
  it("says what is missing or malformed before posting, with links to the fields", async () => {
    const { action } = pendingAction();
    render(<TrackingForm action={action} example="SET-2026-000123" />);
    expect(screen.getByLabelText("Numéro de demande")).toHaveAccessibleDescription("Par exemple : SET-2026-000123");

    await send();
    const summary = screen.getByRole("heading", { name: "Certaines informations sont à corriger." }).parentElement!;
    expect(within(summary).getByRole("link", { name: "Indiquez le numéro de votre demande." })).toHaveAttribute("href", "#numero");
    expect(within(summary).getByRole("link", { name: "Indiquez le code de suivi." })).toHaveAttribute("href", "#code-de-suivi");

    type("Numéro de demande", "SET-2026-000042");
    type("Code de suivi", "K7QF0-Z3PXA"); // a zero: never in a code
    await send();
    expect(screen.getByLabelText("Code de suivi")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Code de suivi")).toHaveAccessibleDescription(expect.stringContaining("ni I ni O"));
    expect(action).not.toHaveBeenCalled();
  });

  it("posts the number and code however typed, and shows the neutral refusal, keeping what was typed", async () => {
    const { action, answer } = pendingAction();
    render(<TrackingForm action={action} example="SET-2026-000123" />);
    type("Numéro de demande", "set 2026 42");
    type("Code de suivi", "k7qfm z3pxa");
    await send();
    expect(action).toHaveBeenCalledWith({ numero: "SET-2026-000042", code: "K7QFMZ3PXA" });
    expect(screen.getByRole("button", { name: "Recherche…" })).toBeDisabled();

    await answer({ ok: false, message: "Aucune demande ne correspond à ce numéro et à ce code de suivi." });
    expect(screen.getByRole("heading", { name: "Aucune demande ne correspond à ce numéro et à ce code de suivi." })).toBeInTheDocument();
    expect(screen.getByLabelText("Code de suivi")).toHaveValue("k7qfm z3pxa");
  });

  it("shows the request's title, number, status, date and steps in French, then lets follow another one", async () => {
    const { action, answer } = pendingAction();
    render(<TrackingForm action={action} example="SET-2026-000123" />);
    type("Numéro de demande", "SET-2026-000042");
    type("Code de suivi", "K7QFM-Z3PXA");
    await send();
    await answer({ ok: true, data: found });

    const title = screen.getByRole("heading", { level: 2, name: "Acte de naissance" });
    await waitFor(() => expect(title).toHaveFocus());
    const result = screen.getByRole("region", { name: "Acte de naissance" });
    expect(within(result).getByText("SET-2026-000042")).toBeInTheDocument();
    expect(within(result).getByText("Envoyée le").nextSibling).toHaveTextContent("2 mars 2026");
    expect(within(result).getByText("État").nextSibling).toHaveTextContent("Incomplète");
    const steps = within(result).getAllByRole("listitem").map((li) => li.textContent);
    expect(steps).toEqual(["2 mars 2026 : Déposée", "5 mars 2026 : IncomplètePrécisez le nom de jeune fille de la mère."]);

    fireEvent.click(screen.getByRole("button", { name: "Suivre une autre demande" }));
    expect(screen.getByLabelText("Numéro de demande")).toHaveValue("");
  });

  it("opens the follow-up from the email's link at once, and takes the code out of the address bar", async () => {
    window.history.replaceState(null, "", "/suivi#numero=SET-2026-000042&code=K7QFM-Z3PXA");
    const { action, answer } = pendingAction();
    render(<TrackingForm action={action} example="SET-2026-000123" />);

    await waitFor(() => expect(action).toHaveBeenCalledWith({ numero: "SET-2026-000042", code: "K7QFMZ3PXA" }));
    expect(window.location.href).not.toContain("K7QFM");
    expect(window.location.pathname).toBe("/suivi");
    await answer({ ok: true, data: found });
    expect(screen.getByRole("heading", { level: 2, name: "Acte de naissance" })).toBeInTheDocument();
    expect(action).toHaveBeenCalledTimes(1);
  });
});
