import { expect, test, type Locator, type Page } from "@playwright/test";
import { AGENT_PASSWORD, DEMO_PASSWORD, expectAccessible, enterTotp, expectFocusVisible, isFocused, pressOn, solveCaptcha, tabTo, urlOf, waitForHydration } from "./helpers";

// The main journeys with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows, typing; never a
// click nor a fill): sign-up, a démarche saved as a draft then sent, an agent instructing it, an
// invoice paid with the simulated card form. At every stop the focus must be visible, and error
// summaries take the focus and lead to their fields.
// noé.martin (seeded for these journeys only) and the agent of Beaucouzé (desktop) and Sète (phone):
// the instruction journey signs that agent in too (a code used by one, the next is awaited); nobody
// signs it out. The sign-up is a person of its own, in the same communes.
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");

/** A radio button: Tab (Shift+Tab with `back`) reaches its group, one stop per group; the arrows move to it and tick it. */
async function chooseRadio(page: Page, target: Locator, { back = false } = {}) {
  const name = await target.getAttribute("name");
  const inGroup = () => page.evaluate((n) => (document.activeElement as HTMLInputElement | null)?.name === n, name);
  for (let i = 0; i < 80 && !(await inGroup()); i++) await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  for (let i = 0; i < 8 && !(await isFocused(target)); i++) await page.keyboard.press("ArrowDown");
  await expect(target).toBeFocused();
  await expectFocusVisible(page);
  if (!(await target.isChecked())) await page.keyboard.press("Space");
  await expect(target).toBeChecked();
}

/** A <select>: its option chosen with the arrows. */
async function chooseOption(page: Page, select: Locator, label: string) {
  await tabTo(page, select);
  for (let i = 0; i < 15; i++) {
    const current = await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "");
    if (current === label) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`option introuvable au clavier : ${label}`);
}

/** The error summary has the focus, and its first link brings the focus to its field. */
async function followErrorSummary(page: Page, link: Locator, field: Locator) {
  const summary = page.getByRole("heading", { name: "Certaines informations sont à corriger." }).locator("xpath=..");
  await expect(summary).toBeFocused();
  await expectAccessible(page, "erreurs");
  await pressOn(page, link);
  await expect(field).toBeFocused();
}

async function signInWithKeyboard(page: Page, host: string, identifiant: string) {
  await page.goto(urlOf(host, "/connexion"));
  await page.waitForFunction(() => !document.querySelector("form button[disabled]"));
  await tabTo(page, page.getByLabel("Identifiant"));
  await page.keyboard.type(identifiant);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Mot de passe")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL(urlOf(host, "/accueil"));
}

const stepHeading = (page: Page, n: number, of: number) => page.getByRole("heading", { level: 2, name: new RegExp(`Étape ${n} sur ${of}`) });

test("création de compte au clavier seul : les six étapes, le résumé des erreurs, la case anti-robot", async ({ page }) => {
  test.setTimeout(150_000);
  const host = hostOf();
  const email = `rose.clavier.${test.info().project.name}@exemple.fr`;
  await page.goto(urlOf(host, "/"));
  // From the commune's home: « Je souhaite créer mon compte ».
  await pressOn(page, page.getByRole("link", { name: "Je souhaite créer mon compte" }));
  await expect(stepHeading(page, 1, 6)).toBeVisible();

  await tabTo(page, page.getByLabel("J'ai lu les conditions générales d'utilisation et je les accepte"));
  await page.keyboard.press("Space");
  await pressOn(page, page.getByRole("button", { name: "Étape suivante" }));
  await expect(stepHeading(page, 2, 6)).toBeFocused();

  // Sent empty: the summary takes the focus; its link leads to the field.
  await pressOn(page, page.getByRole("button", { name: "Étape suivante" }));
  await followErrorSummary(page, page.getByRole("link", { name: "Indiquez vos prénoms." }), page.getByLabel("Prénom(s)"));
  await page.keyboard.type("Rose");
  // Shift+Tab goes back to the civility, in the order of the page.
  await chooseRadio(page, page.getByLabel("Madame"), { back: true });
  await tabTo(page, page.getByLabel("Nom de naissance"));
  await page.keyboard.type("Clavier");
  await tabTo(page, page.getByLabel("Date de naissance"));
  await page.keyboard.type("02/03/1985");
  await tabTo(page, page.getByLabel("Lieu de naissance"));
  await page.keyboard.type("Nantes");
  await page.keyboard.press("Enter");
  await expect(stepHeading(page, 3, 6)).toBeFocused();

  await tabTo(page, page.getByLabel("Adresse", { exact: true }));
  await page.keyboard.type("8 rue des Touches");
  await tabTo(page, page.getByLabel("Code postal"));
  await page.keyboard.type(host.startsWith("sete") ? "34200" : "49070");
  await tabTo(page, page.getByLabel("Commune", { exact: true }));
  await page.keyboard.type(host.startsWith("sete") ? "Sète" : "Beaucouzé");
  await tabTo(page, page.getByLabel("Adresse électronique"));
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await expect(stepHeading(page, 4, 6)).toBeFocused();
  await pressOn(page, page.getByRole("button", { name: "Étape suivante" }));

  await expect(stepHeading(page, 5, 6)).toBeFocused();
  await tabTo(page, page.getByLabel("Mot de passe", { exact: true }));
  await page.keyboard.type("girafe-piano-orage-85");
  await tabTo(page, page.getByLabel("Confirmation du mot de passe"));
  await page.keyboard.type("girafe-piano-orage-85");
  await chooseOption(page, page.getByLabel("Question de sécurité"), "Quel est le titre de votre livre préféré ?");
  await tabTo(page, page.getByLabel("Réponse à la question"));
  await page.keyboard.type("Les Misérables");
  await page.keyboard.press("Enter");

  await expect(stepHeading(page, 6, 6)).toBeFocused();
  await expect(page.getByRole("main")).toContainText(email);
  // « Je ne suis pas un robot »: Space ticks it once its script is ready, then the proof of work runs.
  await page.waitForFunction(() => Boolean(customElements.get("altcha-widget")));
  const box = page.locator("altcha-widget input[type=checkbox]");
  await tabTo(page, box);
  await solveCaptcha(page, () => page.keyboard.press("Space"));
  await pressOn(page, page.getByRole("button", { name: "Envoyer" }));
  await expect(page.getByRole("heading", { level: 1, name: "Votre compte est créé" })).toBeFocused({ timeout: 15_000 });
  await expect(page.getByText("rose.clavier", { exact: true })).toBeVisible();
});

test("au clavier seul : Noé enregistre un brouillon, le reprend et l'envoie ; l'agent l'instruit et l'accepte", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  await signInWithKeyboard(page, host, "noé.martin");

  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await pressOn(page, nav.getByRole("link", { name: "Services" }));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await pressOn(page, page.getByRole("link", { name: /Enlèvement des encombrants/ }));
  await pressOn(page, page.getByRole("link", { name: "Commencer la démarche" }));
  await expect(stepHeading(page, 1, 3)).toBeVisible();

  // Sent empty: the summary, then its link to the field.
  await pressOn(page, page.getByRole("button", { name: "Étape suivante" }));
  await followErrorSummary(page, page.getByRole("link", { name: /Objets à enlever : ce champ est obligatoire/ }), page.getByLabel(/Objets à enlever/));
  await page.keyboard.type("Un sommier et une table basse");
  await tabTo(page, page.getByLabel(/Volume approximatif/));
  await page.keyboard.type("1,5");
  await pressOn(page, page.getByRole("button", { name: "Enregistrer le brouillon" }));
  await expect(page.getByRole("status").filter({ hasText: /Brouillon enregistré à \d{1,2} h \d{2}/ })).toBeVisible();

  // Back to Accueil (Shift+Tab up to the navigation), where the draft waits.
  await tabTo(page, nav.getByRole("link", { name: "Accueil" }), { back: true });
  await page.keyboard.press("Enter");
  const drafts = page.getByRole("region", { name: "Mes brouillons" });
  await pressOn(page, drafts.getByRole("link", { name: /Reprendre le brouillon « Enlèvement des encombrants »/ }));
  await expect(page.getByLabel(/Objets à enlever/)).toHaveValue("Un sommier et une table basse");
  await pressOn(page, page.getByRole("button", { name: "Étape suivante" }));
  await expect(stepHeading(page, 2, 3)).toBeFocused();
  await tabTo(page, page.getByRole("textbox", { name: /Date souhaitée/ }));
  // The browser's date field orders day and month by its own locale: a day whose day and month are
  // the same number reads the same either way.
  const day = new Date(Date.now() + 14 * 86_400_000);
  while (day.getUTCDate() !== day.getUTCMonth() + 1) day.setUTCDate(day.getUTCDate() + 1);
  const dd = String(day.getUTCDate()).padStart(2, "0");
  await page.keyboard.type(`${dd}/${dd}/${day.getUTCFullYear()}`);
  await expect(page.getByRole("textbox", { name: /Date souhaitée/ })).toHaveValue(`${day.getUTCFullYear()}-${dd}-${dd}`);
  await tabTo(page, page.getByLabel(/Téléphone pour vous joindre/));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("06 98 76 54 32");
  await pressOn(page, page.getByRole("button", { name: "Étape suivante" }));
  await expect(stepHeading(page, 3, 3)).toBeFocused();
  await chooseRadio(page, page.getByRole("group", { name: /Justificatif de domicile/ }).getByLabel(/Je la fournirai sur papier/));
  await pressOn(page, page.getByRole("button", { name: "Vérifier mes réponses" }));
  await expect(page.getByRole("heading", { level: 2, name: /Vérifier mes réponses/ })).toBeFocused();
  await pressOn(page, page.getByRole("button", { name: "Envoyer" }));
  await expect(page.getByRole("heading", { name: "Votre demande est envoyée" })).toBeFocused({ timeout: 15_000 });
  const numero = (await page.getByTestId("numero").innerText()).trim();

  // The agent, in another browser: the two steps of the login, the queue, the request, two decisions.
  const agentContext = await browser.newContext({ locale: "fr-FR", viewport: page.viewportSize()! });
  const agent = await agentContext.newPage();
  await agent.goto(urlOf(host, "/admin/connexion"));
  await waitForHydration(agent);
  await tabTo(agent, agent.getByLabel("Adresse électronique"));
  await agent.keyboard.type(`agent@${slug}.localhost`);
  await tabTo(agent, agent.getByLabel("Mot de passe", { exact: true }));
  await agent.keyboard.type(AGENT_PASSWORD);
  await agent.keyboard.press("Enter");
  await expect(agent.getByRole("heading", { level: 1, name: "Code de vérification" })).toBeVisible();
  await enterTotp(agent, `agent@${slug}.localhost`, {
    type: async (code) => {
      await tabTo(agent, agent.getByRole("textbox", { name: "Code à 6 chiffres" }));
      await agent.keyboard.press("ControlOrMeta+A");
      await agent.keyboard.type(code);
      await agent.keyboard.press("Enter");
    },
  });

  const agentNav = agent.getByRole("navigation", { name: "Navigation de l'espace agents" });
  await tabTo(agent, agentNav.getByRole("link", { name: "Demandes" }));
  await agent.keyboard.press("Enter");
  await tabTo(agent, agent.getByRole("searchbox", { name: "Numéro ou nom" }));
  await agent.keyboard.type(numero);
  await agent.keyboard.press("Enter");
  await expect(agent).toHaveURL(/q=/);
  await tabTo(agent, agent.getByRole("link", { name: numero }));
  await agent.keyboard.press("Enter");
  await expect(agent.getByRole("heading", { level: 1, name: "Enlèvement des encombrants" })).toBeVisible();

  for (const [action, becomes, message] of [
    ["Prendre en charge", "En cours d'instruction", null],
    ["Accepter", "Acceptée", "Passage prévu jeudi matin."],
  ] as const) {
    const panel = agent.locator("details").filter({ has: agent.getByText(action, { exact: true }) });
    await tabTo(agent, panel.locator("summary"));
    await agent.keyboard.press("Enter");
    if (message) {
      await tabTo(agent, panel.getByLabel("Message au demandeur"));
      await agent.keyboard.type(message);
    }
    await tabTo(agent, panel.getByRole("button", { name: "Voir le message avant d'envoyer" }));
    await agent.keyboard.press("Enter");
    await expect(panel.getByRole("status")).toContainText("Message qui sera envoyé");
    await tabTo(agent, panel.getByRole("button", { name: `Confirmer : ${action}` }));
    await agent.keyboard.press("Enter");
    await expect(agent.getByText(`La demande est maintenant « ${becomes} »`)).toBeVisible({ timeout: 15_000 });
  }
  await expectAccessible(agent);
  await agentContext.close();

  // Noé reads the outcome on his Accueil.
  await page.goto(urlOf(host, "/accueil"));
  await expect(page.getByRole("listitem").filter({ hasText: `N° ${numero}` })).toContainText("Étape 4 sur 4 : traitée (acceptée)");
});

test("au clavier seul : Noé met sa facture au panier et la paie par carte", async ({ page }) => {
  test.setTimeout(120_000);
  const host = hostOf();
  await signInWithKeyboard(page, host, "noé.martin");
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await pressOn(page, nav.getByRole("link", { name: "Mes comptes" }));
  await expect(page.getByRole("heading", { level: 1, name: "Mes comptes" })).toBeVisible();
  const card = page.locator("#a-payer ~ ul > li").filter({ hasText: "Garderie du matin" });
  await pressOn(page, card.getByRole("button", { name: /Ajouter au panier/ }));
  await expect(page.getByText("Facture ajoutée au panier.")).toBeVisible();
  await tabTo(page, page.getByRole("link", { name: "Accéder à votre panier" }).first(), { back: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Votre panier" })).toBeVisible();
  await expect(page.getByText("Total : 15,00 €")).toBeVisible();
  await pressOn(page, page.getByRole("button", { name: /^Payer/ }));
  await expect(page.getByRole("heading", { level: 1, name: "Paiement par carte" })).toBeVisible();
  await pressOn(page, page.getByRole("button", { name: "Payer", exact: true }));
  await expect(page.getByText("Paiement réussi : 15,00 €")).toBeVisible();
  await expectAccessible(page);
});
