import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { ContactForm, type ContactValues } from "@/components/account/contact-form";
import { OneErrorSummary } from "@/components/forms/form-feedback";
import { HouseholdEditor, type Member } from "@/components/account/household-editor";
import type { ActionResult } from "@/lib/forms";

const contact: ContactValues = {
  addressLine1: "10 rue des Tilleuls", addressLine2: "", postalCode: "49070", city: "Beaucouzé",
  email: "lucie.bernard@exemple.fr", phone: "", mobile: "06 12 34 56 78", channel: "EMAIL",
};
const members: Member[] = [
  { id: "00000000-0000-4000-8000-000000000003", kind: "ENFANT", relation: "ENFANT", firstNames: "Léa", lastName: "Bernard", birthDate: "2015-06-21", sex: "F" },
  { id: "00000000-0000-4000-8000-000000000002", kind: "ADULTE", relation: "CONJOINT", firstNames: "Marc", lastName: "Bernard", birthDate: "1983-09-02", sex: "M" },
  { id: "00000000-0000-4000-8000-000000000001", kind: "ADULTE", relation: "TITULAIRE", firstNames: "Lucie", lastName: "Bernard", birthDate: "1985-04-12", sex: "F" },
];

/** An action whose answer the test gives when it wants. */
function pendingAction() {
  let answer: (result: ActionResult) => void = () => {};
  const action = jest.fn(() => new Promise<ActionResult>((resolve) => (answer = resolve)));
  return { action, answer: (result: ActionResult) => act(async () => answer(result)) };
}

const form = (name: string) => screen.getByRole("form", { name });

describe("ContactForm", () => {
  it("offers no SMS when the commune sends none: a choice of SMS shows, and is saved, as email", async () => {
    const { action } = pendingAction();
    render(<ContactForm initial={{ ...contact, channel: "SMS" }} action={action} smsEnabled={false} />);
    expect(screen.queryByRole("radio", { name: "SMS" })).toBeNull();
    expect(screen.getByRole("radio", { name: "Courriel" })).toBeChecked();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sauver" })));
    expect(action.mock.calls[0]).toEqual([expect.objectContaining({ channel: "EMAIL" })]);
  });

  it("asks the current password only when the email changes, and says what is wrong before posting", async () => {
    const { action } = pendingAction();
    render(<ContactForm initial={contact} action={action} />);
    expect(screen.queryByLabelText("Mot de passe actuel")).toBeNull();
    fireEvent.change(screen.getByLabelText("Adresse électronique"), { target: { value: "lucie.nouvelle@exemple.fr" } });
    expect(screen.getByLabelText("Mot de passe actuel")).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText("Code postal"), { target: { value: "4907" } });

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sauver" })));
    expect(action).not.toHaveBeenCalled();
    const summary = screen.getByRole("heading", { name: "Certaines informations sont à corriger." }).parentElement!;
    expect(within(summary).getByRole("link", { name: "Le code postal compte 5 chiffres." })).toHaveAttribute("href", "#contact-code-postal");
    expect(within(summary).getByRole("link", { name: /mot de passe actuel/ })).toBeInTheDocument();
    expect(screen.getByLabelText("Code postal")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Code postal")).toHaveValue("4907");

    fireEvent.change(screen.getByLabelText("Adresse électronique"), { target: { value: "LUCIE.BERNARD@exemple.fr" } });
    expect(screen.queryByLabelText("Mot de passe actuel")).toBeNull();
  });

  it("posts once however many clicks, shows the server's field errors and keeps what was typed", async () => {
    const { action, answer } = pendingAction();
    render(<ContactForm initial={contact} action={action} />);
    fireEvent.change(screen.getByLabelText("Téléphone fixe (facultatif)"), { target: { value: "02 41 00 00 00" } });
    const button = screen.getByRole("button", { name: "Sauver" });
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Enregistrement…" })));
    expect(screen.getByRole("button", { name: "Enregistrement…" })).toBeDisabled();
    expect(action).toHaveBeenCalledTimes(1);
    expect(action.mock.calls[0]).toEqual([expect.objectContaining({ phone: "0241000000", channel: "EMAIL", email: "lucie.bernard@exemple.fr" })]);

    await answer({ ok: false, message: "Certaines informations sont à corriger.", fieldErrors: { city: "Indiquez votre commune." } });
    expect(screen.getByRole("link", { name: "Indiquez votre commune." })).toBeInTheDocument();
    expect(screen.getByLabelText("Téléphone fixe (facultatif)")).toHaveValue("02 41 00 00 00");
    expect(screen.getByRole("button", { name: "Sauver" })).toBeEnabled();
  });

  it("shows the refusal of a pending account and, once saved, the success in a live region", async () => {
    const { action, answer } = pendingAction();
    render(<ContactForm initial={contact} action={action} />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sauver" })));
    await answer({ ok: false, message: "Votre compte attend sa validation par la mairie." });
    expect(screen.getByRole("heading", { name: "Votre compte attend sa validation par la mairie." })).toBeInTheDocument();

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sauver" })));
    await answer({ ok: true, message: "Modifications enregistrées." });
    expect(screen.getByRole("status")).toHaveTextContent("Modifications enregistrées.");
    expect(screen.queryByRole("heading", { name: /attend sa validation/ })).toBeNull();
  });
});

describe("HouseholdEditor", () => {
  const editor = (save = jest.fn(), remove = jest.fn()) =>
    render(
      <OneErrorSummary>
        <HouseholdEditor members={members} familyName="Bernard" saveMember={save} removeMember={remove} />
      </OneErrorSummary>,
    );

  it("lists the holder first, then the other adults, then the children; the holder cannot be removed", () => {
    editor();
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items.map((t) => t?.match(/^(Lucie|Marc|Léa)/)?.[0])).toEqual(["Lucie", "Marc", "Léa"]);
    expect(screen.queryByRole("button", { name: /Retirer Lucie/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Retirer Marc Bernard" })).toBeInTheDocument();
  });

  it("adds a child with the family name pre-filled, then tells it in the status", async () => {
    const { action, answer } = pendingAction();
    editor(action);
    fireEvent.click(screen.getByRole("button", { name: "Ajouter un enfant" }));
    const add = form("Ajouter un enfant");
    expect(within(add).getByLabelText("Nom")).toHaveValue("Bernard");
    fireEvent.change(within(add).getByLabelText("Prénom(s)"), { target: { value: "Noé" } });
    fireEvent.change(within(add).getByLabelText("Date de naissance"), { target: { value: "5/9/2021" } });
    fireEvent.click(within(add).getByLabelText("Garçon"));
    await act(async () => fireEvent.click(within(add).getByRole("button", { name: "Sauver" })));
    expect(action).toHaveBeenCalledWith({ relation: "ENFANT", firstNames: "Noé", lastName: "Bernard", birthDate: "2021-09-05", sex: "M" });

    await answer({ ok: true, message: "Noé fait maintenant partie de votre foyer." });
    expect(screen.queryByRole("form", { name: "Ajouter un enfant" })).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent("Noé fait maintenant partie de votre foyer.");
  });

  it("removes a member only after « Confirmer », and shows a refusal in place", async () => {
    const { action, answer } = pendingAction();
    editor(undefined, action);
    fireEvent.click(screen.getByRole("button", { name: "Retirer Marc Bernard" }));
    expect(action).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Annuler" }));
    expect(screen.queryByText("Retirer Marc Bernard de votre foyer ?")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Retirer Marc Bernard" }));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: /^Confirmer/ }));
      fireEvent.click(screen.getByRole("button", { name: /^Confirmer/ }));
    });
    expect(action).toHaveBeenCalledTimes(1);
    expect(action).toHaveBeenCalledWith("00000000-0000-4000-8000-000000000002");
    await answer({ ok: false, message: "Votre compte attend sa validation par la mairie." });
    expect(screen.getByRole("heading", { name: "Votre compte attend sa validation par la mairie." })).toBeInTheDocument();
    expect(screen.getByText("Retirer Marc Bernard de votre foyer ?")).toBeInTheDocument();
  });
});
