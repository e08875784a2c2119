import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { validateDefinition } from "@/lib/procedures/definition";
import { accountFacts } from "@/lib/procedures/prefill";
import { ProcedureForm } from "./procedure-form";

// The wizard in a browser-like page: the server actions are stand-ins that record what they receive.

const definition = (() => {
  const result = validateDefinition({ steps: [
    { id: "enfant", title: "L'enfant", fields: [
      { type: "member", name: "enfant", label: "Enfant concerné", required: true, among: "children" },
      { type: "date", name: "naissance", label: "Date de naissance de l'enfant", required: true, prefill: "member.birthDate" },
      { type: "yesno", name: "allergie", label: "Allergie alimentaire ?", required: true },
      { type: "textarea", name: "precisions", label: "Précisions sur l'allergie", required: true, showIf: { field: "allergie", op: "equals", value: true } },
      { type: "number", name: "jours", label: "Jours par semaine", required: true, min: 1, max: 5, integer: true },
    ] },
    { id: "fin", title: "Pour finir", fields: [{ type: "text", name: "ecole", label: "École", required: true }] },
  ] });
  if (!result.ok) throw new Error(result.errors.join());
  return result.definition;
})();

const facts = accountFacts({
  firstNames: "Lucie", birthName: "Bernard", usageName: null, birthDate: "1985-03-12", birthPlace: "Sète",
  addressLine1: "12 rue des Tilleuls", addressLine2: null, postalCode: "34200", city: "Sète", email: "lucie@exemple.fr", phone: null, mobile: null,
  members: [
    { id: "m-lucie", relation: "TITULAIRE", firstNames: "Lucie", lastName: "Bernard", birthDate: "1985-03-12" },
    { id: "m-lea", relation: "ENFANT", firstNames: "Léa", lastName: "Bernard", birthDate: "2015-06-21" },
    { id: "m-tom", relation: "ENFANT", firstNames: "Tom", lastName: "Bernard", birthDate: "2018-02-11" },
  ],
});

function renderForm(saveDraft = jest.fn(async () => ({ ok: true as const, data: { draftId: "7b1f0b1e-8f7a-4a57-9a39-2f3c1d2e4b5a", version: 1, savedAt: "2026-11-24T09:42:00Z" } }))) {
  render(
    <ProcedureForm
      procedure={{ slug: "cantine", title: "Cantine", processingDays: 7, captcha: false }}
      definition={definition}
      facts={facts}
      draft={null}
      initialAnswers={{}}
      initialStep={0}
      channelText="par courriel"
      saveDraft={saveDraft}
      sendDraft={jest.fn()}
    />,
  );
  return saveDraft;
}

const next = () => fireEvent.click(screen.getByRole("button", { name: "Étape suivante" }));

beforeEach(() => sessionStorage.clear());

describe("ProcedureForm", () => {
  it("offers only the children, fills the chosen child's birth date, and follows a change of child", () => {
    renderForm();
    const who = screen.getByRole("group", { name: /Enfant concerné/ });
    expect(within(who).getAllByRole("radio").map((r) => r.closest("label")?.textContent)).toEqual(["Léa Bernard", "Tom Bernard"]);
    fireEvent.click(within(who).getByLabelText("Léa Bernard"));
    expect(screen.getByLabelText(/Date de naissance de l'enfant/)).toHaveValue("2015-06-21");
    fireEvent.click(within(who).getByLabelText("Tom Bernard"));
    expect(screen.getByLabelText(/Date de naissance de l'enfant/)).toHaveValue("2018-02-11");
    // A date the citizen corrected stays when the choice changes again.
    fireEvent.change(screen.getByLabelText(/Date de naissance de l'enfant/), { target: { value: "2018-02-12" } });
    fireEvent.click(within(who).getByLabelText("Léa Bernard"));
    expect(screen.getByLabelText(/Date de naissance de l'enfant/)).toHaveValue("2018-02-12");
  });

  it("shows a conditional question only when its condition is met, and checks it then", async () => {
    renderForm();
    expect(screen.queryByLabelText(/Précisions sur l'allergie/)).toBeNull();
    fireEvent.click(within(screen.getByRole("group", { name: /Allergie alimentaire/ })).getByLabelText("Oui"));
    expect(screen.getByLabelText(/Précisions sur l'allergie/)).toBeInTheDocument();
    next();
    const summary = await screen.findByRole("heading", { name: "Certaines informations sont à corriger." });
    const links = within(summary.parentElement!).getAllByRole("link").map((a) => a.textContent);
    expect(links).toEqual([
      "Enfant concerné : ce champ est obligatoire : choisissez la personne concernée.",
      "Date de naissance de l'enfant : ce champ est obligatoire : indiquez une date.",
      "Précisions sur l'allergie : ce champ est obligatoire : renseignez-le.",
      "Jours par semaine : ce champ est obligatoire : renseignez-le.",
    ]);
    expect(screen.getByLabelText(/Précisions sur l'allergie/)).toHaveAttribute("aria-invalid", "true");
    fireEvent.click(within(screen.getByRole("group", { name: /Allergie alimentaire/ })).getByLabelText("Non"));
    expect(screen.queryByLabelText(/Précisions sur l'allergie/)).toBeNull();
  });

  it("moves on once the step is right, saving the draft, and says when it was saved", async () => {
    const saveDraft = renderForm();
    fireEvent.click(screen.getByLabelText("Léa Bernard"));
    fireEvent.click(within(screen.getByRole("group", { name: /Allergie alimentaire/ })).getByLabelText("Non"));
    fireEvent.change(screen.getByLabelText(/Jours par semaine/), { target: { value: "4" } });
    next();
    await waitFor(() => expect(screen.getByRole("heading", { level: 2, name: /Étape 2 sur 2/ })).toHaveFocus());
    await waitFor(() => expect(saveDraft).toHaveBeenCalled());
    expect(saveDraft.mock.calls.at(-1)).toEqual([
      { procedure: "cantine", draftId: undefined, version: undefined, answers: { enfant: "m-lea", naissance: "2015-06-21", allergie: "false", precisions: "", jours: "4", ecole: "" } },
    ]);
    expect(await screen.findByText(/Brouillon enregistré à 10 h 42/)).toBeInTheDocument();
  });

  it("keeps a half-typed number in the tab and saves the rest", async () => {
    jest.useFakeTimers();
    try {
      const saveDraft = renderForm();
      fireEvent.change(screen.getByLabelText(/Jours par semaine/), { target: { value: "quatre" } });
      fireEvent.change(screen.getByLabelText(/Date de naissance de l'enfant/), { target: { value: "2015-06-21" } });
      await act(async () => jest.advanceTimersByTimeAsync(3500));
      expect(saveDraft).toHaveBeenCalledTimes(1);
      const sent = (saveDraft.mock.calls[0] as unknown as [{ answers: Record<string, unknown> }])[0].answers;
      expect(sent.naissance).toBe("2015-06-21");
      expect(sent).not.toHaveProperty("jours");
      const [key] = Object.keys(sessionStorage);
      expect(JSON.parse(sessionStorage.getItem(key!)!).answers.jours).toBe("quatre");
    } finally {
      jest.useRealTimers();
    }
  });
});
