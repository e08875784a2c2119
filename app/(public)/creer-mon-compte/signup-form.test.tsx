import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ActionResult } from "@/lib/forms";
import { SignupForm } from "./signup-form";

// The widget refuses to work outside a secure context; jsdom pages are not one by default.
beforeAll(() => Object.defineProperty(window, "isSecureContext", { value: true, configurable: true }));

type Outcome = ActionResult<{ identifiant: string }>;

function renderForm(action: (input: unknown) => Promise<Outcome> = jest.fn()) {
  return render(<SignupForm commune="Beaucouzé" terms={<p>Le texte des conditions de la commune.</p>} action={action} />);
}

const type = (label: string | RegExp, value: string, scope: HTMLElement = document.body) =>
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
const stepHeading = (n: number) => screen.getByRole("heading", { level: 2, name: new RegExp(`Étape ${n} sur 6`) });
const next = () => fireEvent.click(screen.getByRole("button", { name: "Étape suivante" }));

async function acceptTerms() {
  fireEvent.click(screen.getByLabelText("J'ai lu les conditions générales d'utilisation et je les accepte"));
  next();
  await waitFor(() => expect(stepHeading(2)).toHaveFocus());
}

async function fillHolder({ usageName = "" } = {}) {
  fireEvent.click(screen.getByLabelText("Madame"));
  type("Prénom(s)", "Amélie");
  type("Nom de naissance", "Lire");
  type("Nom d'usage (facultatif)", usageName);
  type("Date de naissance", "14/05/1990");
  type("Lieu de naissance", "Angers");
  next();
  await waitFor(() => expect(stepHeading(3)).toHaveFocus());
}

async function fillContact() {
  type("Adresse", "3 rue des Lilas");
  type("Code postal", "49070");
  type("Commune", "Beaucouzé");
  type("Adresse électronique", "amelie.lire@exemple.fr");
  next();
  await waitFor(() => expect(stepHeading(4)).toHaveFocus());
}

async function fillSecurity() {
  type("Mot de passe", "girafe-violon-nuage-42");
  type("Confirmation du mot de passe", "girafe-violon-nuage-42");
  fireEvent.change(screen.getByLabelText("Question de sécurité"), { target: { value: "Quel est le titre de votre livre préféré ?" } });
  type("Réponse à la question", "Dune");
  next();
  await waitFor(() => expect(stepHeading(6)).toHaveFocus());
}

describe("SignupForm", () => {
  it("shows the progress and the commune's terms, and does not go past a step that is not valid", async () => {
    renderForm();
    expect(stepHeading(1)).toHaveTextContent("Conditions générales d'utilisation");
    expect(screen.getByText("Le texte des conditions de la commune.")).toBeInTheDocument();
    expect(within(screen.getByRole("navigation", { name: "Étapes de l'inscription" })).getAllByRole("listitem")).toHaveLength(6);

    next();
    const summary = await screen.findByRole("heading", { name: "Certaines informations sont à corriger." });
    expect(stepHeading(1)).toBeInTheDocument();
    expect(summary.parentElement).toHaveFocus();
    expect(screen.getByRole("link", { name: /Cochez la case pour accepter/ })).toHaveAttribute("href", "#champ-acceptTerms");

    await acceptTerms();

    // An empty holder step: each error next to its field and linked from the summary.
    next();
    await screen.findByRole("link", { name: "Indiquez vos prénoms." });
    expect(stepHeading(2)).toBeInTheDocument();
    expect(screen.getByLabelText("Prénom(s)")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Prénom(s)")).toHaveAccessibleDescription(expect.stringContaining("Indiquez vos prénoms."));
    expect(screen.getByRole("link", { name: "Indiquez vos prénoms." })).toHaveAttribute("href", `#${screen.getByLabelText("Prénom(s)").id}`);
    expect(screen.getByRole("link", { name: "Choisissez votre civilité." })).toHaveAttribute("href", `#${screen.getByLabelText("Madame").id}`);

    // A corrected field loses its error as it is typed.
    type("Prénom(s)", "Amélie");
    await waitFor(() => expect(screen.getByLabelText("Prénom(s)")).not.toHaveAttribute("aria-invalid"));
    expect(stepHeading(2)).toBeInTheDocument();
  });

  it("keeps what was typed when going back, and moves the focus to the step's heading", async () => {
    renderForm();
    await acceptTerms();
    await fillHolder();
    type("Adresse", "3 rue des Lilas");

    fireEvent.click(screen.getByRole("button", { name: "Étape précédente" }));
    await waitFor(() => expect(stepHeading(2)).toHaveFocus());
    expect(screen.getByLabelText("Prénom(s)")).toHaveValue("Amélie");
    expect(screen.getByLabelText("Nom de naissance")).toHaveValue("Lire");
    expect(screen.getByLabelText("Date de naissance")).toHaveValue("14/05/1990");
    expect(screen.getByLabelText("Madame")).toBeChecked();

    fireEvent.click(screen.getByRole("button", { name: "Étape précédente" }));
    await waitFor(() => expect(stepHeading(1)).toHaveFocus());
    expect(screen.getByLabelText("J'ai lu les conditions générales d'utilisation et je les accepte")).toBeChecked();

    next();
    await waitFor(() => expect(stepHeading(2)).toHaveFocus());
    next();
    await waitFor(() => expect(stepHeading(3)).toHaveFocus());
    expect(screen.getByLabelText("Adresse")).toHaveValue("3 rue des Lilas");
  });

  it("offers SMS only with a mobile number, and the telephone only with a number", async () => {
    renderForm();
    await acceptTerms();
    await fillHolder();
    const channels = () => within(screen.getByRole("group", { name: /recevoir les messages/ })).getAllByRole("radio").map((r) => r.parentElement?.textContent);
    expect(channels()).toEqual(["Courriel"]);
    type("Téléphone mobile (facultatif)", "06 12 34 56 78");
    expect(channels()).toEqual(["Courriel", "SMS", "Téléphone"]);
    fireEvent.click(screen.getByLabelText("SMS"));
    type("Téléphone mobile (facultatif)", "");
    expect(channels()).toEqual(["Courriel"]);
    expect(screen.getByLabelText("Courriel")).toBeChecked();
  });

  it("pre-fills a new member's family name with the holder's, editable", async () => {
    renderForm();
    await acceptTerms();
    await fillHolder({ usageName: "Durand" });
    await fillContact();
    expect(screen.getByText("Aucun enfant déclaré.")).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: "Ajouter un enfant" }));
    const child = screen.getByRole("group", { name: "Enfant 1" });
    expect(within(child).getByLabelText("Nom")).toHaveValue("Durand");
    expect(within(child).getByLabelText("Prénom(s)")).toHaveFocus();
    type("Nom", "Lire", child);
    expect(within(child).getByLabelText("Nom")).toHaveValue("Lire");

    fireEvent.click(screen.getByRole("button", { name: "Ajouter un adulte" }));
    expect(within(screen.getByRole("group", { name: "Adulte 1" })).getByLabelText("Nom")).toHaveValue("Durand");

    // An incomplete member stops the step; removing it lets the household step pass.
    next();
    await screen.findByRole("link", { name: "Choisissez le lien avec vous." });
    expect(stepHeading(4)).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Retirer l'adulte 1" }));
    expect(screen.queryByRole("group", { name: "Adulte 1" })).not.toBeInTheDocument();
    type("Prénom(s)", "Léa", screen.getByRole("group", { name: "Enfant 1" }));
    type("Date de naissance", "30 09 2016", screen.getByRole("group", { name: "Enfant 1" }));
    fireEvent.click(within(screen.getByRole("group", { name: "Enfant 1" })).getByLabelText("Féminin"));
    next();
    await waitFor(() => expect(stepHeading(5)).toHaveFocus());
  });

  it("sends once on a double click, then shows the identifiant", async () => {
    let answer: (outcome: Outcome) => void = () => {};
    const action = jest.fn(() => new Promise<Outcome>((resolve) => (answer = resolve)));
    const { container } = renderForm(action);
    await acceptTerms();
    await fillHolder();
    await fillContact();
    next();
    await waitFor(() => expect(stepHeading(5)).toHaveFocus());
    await fillSecurity();

    expect(screen.getByText("amélie.lire")).toBeInTheDocument(); // the identifiant to expect
    // Without the captcha, nothing is sent.
    fireEvent.click(screen.getByRole("button", { name: "Envoyer" }));
    await screen.findByRole("link", { name: /Je ne suis pas un robot/ });
    expect(action).not.toHaveBeenCalled();

    // The widget's own test mode stands for the proof of work (jsdom has no Web Workers).
    const widget = container.querySelector("altcha-widget")!;
    const checkbox = await screen.findByRole("checkbox", { name: "Je ne suis pas un robot" });
    await act(() => widget.configure({ test: true, minDuration: 0 }));
    fireEvent.click(checkbox);
    await screen.findByRole("checkbox", { name: "Vérification réussie" });

    const send = screen.getByRole("button", { name: "Envoyer" });
    fireEvent.click(send);
    fireEvent.click(send);
    await waitFor(() => expect(screen.getByRole("button", { name: "Envoi en cours…" })).toBeDisabled());
    fireEvent.click(screen.getByRole("button", { name: "Envoi en cours…" }));
    expect(action).toHaveBeenCalledTimes(1);
    const sent = action.mock.calls[0] as unknown[];
    // Dates go as the server expects them, whatever way they were typed.
    expect(sent[0]).toMatchObject({ firstNames: "Amélie", birthName: "Lire", birthDate: "1990-05-14", acceptTerms: true, altcha: expect.any(String), website: "" });
    expect(sent[0]).not.toHaveProperty("questionChoice");

    await act(async () => answer({ ok: true, data: { identifiant: "amélie.lire" } }));
    const heading = await screen.findByRole("heading", { level: 1, name: "Votre compte est créé" });
    expect(heading).toHaveFocus();
    expect(screen.getByText("amélie.lire")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Connexion" })).toHaveAttribute("href", "/connexion");
  });

  it("takes the person back to the step the server found a problem in, keeping the data", async () => {
    const action = jest.fn(async (): Promise<Outcome> => ({
      ok: false,
      message: "Certaines informations sont à corriger.",
      fieldErrors: { email: "Adresse électronique invalide, par exemple prenom.nom@exemple.fr." },
    }));
    const { container } = renderForm(action);
    await acceptTerms();
    await fillHolder();
    await fillContact();
    next();
    await waitFor(() => expect(stepHeading(5)).toHaveFocus());
    await fillSecurity();
    const widget = container.querySelector("altcha-widget")!;
    const checkbox = await screen.findByRole("checkbox", { name: "Je ne suis pas un robot" });
    await act(() => widget.configure({ test: true, minDuration: 0 }));
    fireEvent.click(checkbox);
    await screen.findByRole("checkbox", { name: "Vérification réussie" });
    fireEvent.click(screen.getByRole("button", { name: "Envoyer" }));

    await screen.findByRole("link", { name: /Adresse électronique invalide/ });
    expect(stepHeading(3)).toBeInTheDocument();
    expect(screen.getByLabelText("Adresse électronique")).toHaveValue("amelie.lire@exemple.fr");
    expect(screen.getByLabelText("Adresse électronique")).toHaveAttribute("aria-invalid", "true");
  });
});
