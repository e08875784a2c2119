import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, mailbox, urlOf, visit } from "./helpers";

// « Compte »: the demo citizens of one commune per Playwright project (phone and desktop run in
// parallel on one database). Every change made here is undone before the test ends.
const hostOf = () => (test.info().project.name === "ordinateur" ? "illkirch.localhost" : "saint-andre.localhost");
const PASSWORD = "demo-compte-citoyen-2026";
const LUCIE_EMAIL = "lucie.bernard@exemple.fr";
const FIRST_QUESTION = "Quel est le nom de votre premier animal de compagnie ?";

async function logIn(page: Page, host: string, identifiant: string) {
  await page.goto(urlOf(host, "/connexion"));
  await page.getByLabel("Identifiant").fill(identifiant);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Connexion" }).click();
  await page.waitForURL(urlOf(host, "/accueil"));
}

/**
 * The axe scan of a page after an action on it. A server action that refreshes the page may
 * re-render its metadata: wait until the title is back before scanning.
 */
async function scan(page: Page) {
  await expect(page).toHaveTitle(/Compte Citoyen/);
  await expectAccessible(page);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

test("Lucie voit son compte, ajoute, modifie et retire un enfant, change son téléphone et en est avertie", async ({ page }) => {
  const host = hostOf();
  const since = new Date(Date.now() - 1_000).toISOString();
  await logIn(page, host, "lucie.bernard");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Compte", exact: true }).click();
  await page.waitForURL(urlOf(host, "/compte"));
  await visit(page, page.url());

  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  const general = page.getByRole("region", { name: "Informations générales" });
  await expect(general).toContainText("lucie.bernard");
  await expect(general).toContainText(LUCIE_EMAIL);
  await expect(general).not.toContainText("à confirmer");
  // The adults first, then the children.
  const household = page.getByRole("region", { name: "Mon foyer" });
  const names = (await household.getByRole("listitem").allInnerTexts()).map((t) => t.split("\n")[0]);
  expect(names).toEqual(["Lucie Bernard", "Marc Bernard", "Léa Bernard", "Tom Bernard"]);
  await expect(household.getByRole("heading", { name: "Adultes" })).toBeVisible();
  await screenshot(page, "compte");

  await page.getByRole("link", { name: /Modifier mon compte/ }).click();
  await page.waitForURL(urlOf(host, "/compte/modifier"));
  await visit(page, page.url());
  await expect(page.getByText("Ces informations ne se modifient pas en ligne")).toBeVisible();

  // Add a child: the family name is pre-filled; an empty form says what is missing.
  const foyer = page.getByRole("region", { name: "Mon foyer" });
  await foyer.getByRole("button", { name: "Ajouter un enfant" }).click();
  const addChild = page.getByRole("form", { name: "Ajouter un enfant" });
  await expect(addChild.getByLabel("Nom", { exact: true })).toHaveValue("Bernard");
  await addChild.getByRole("button", { name: "Sauver" }).click();
  await expect(addChild.getByRole("link", { name: "Indiquez le prénom." })).toBeVisible();
  await expect(addChild.getByRole("link", { name: "Choisissez le sexe." })).toBeVisible();
  await scan(page);
  await screenshot(page, "ajout-enfant-erreurs");
  await addChild.getByLabel("Prénom(s)").fill("Noé");
  await addChild.getByLabel("Date de naissance").fill("05/09/2021");
  await addChild.getByLabel("Garçon").check();
  await addChild.getByRole("button", { name: "Sauver" }).click();
  await expect(foyer.getByRole("status")).toHaveText("Noé fait maintenant partie de votre foyer.");
  await expect(addChild).toHaveCount(0);
  await expect(foyer.getByRole("listitem").filter({ hasText: "Noé Bernard" })).toContainText("5 septembre 2021");

  // Change it.
  await foyer.getByRole("button", { name: "Modifier Noé Bernard" }).click();
  const edit = page.getByRole("form", { name: "Modifier Noé Bernard" });
  await expect(edit.getByLabel("Prénom(s)")).toHaveValue("Noé");
  await edit.getByLabel("Prénom(s)").fill("Noé Jean");
  await scan(page);
  await edit.getByRole("button", { name: "Sauver" }).click();
  await expect(foyer.getByRole("status")).toHaveText("Modifications enregistrées.");
  await expect(foyer.getByRole("listitem").filter({ hasText: "Noé Jean Bernard" })).toBeVisible();

  // Remove it, after a confirmation that can be cancelled.
  await foyer.getByRole("button", { name: "Retirer Noé Jean Bernard" }).click();
  await expect(foyer.getByText("Retirer Noé Jean Bernard de votre foyer ?")).toBeVisible();
  await scan(page);
  await screenshot(page, "retrait-confirmation");
  await foyer.getByRole("button", { name: "Annuler" }).click();
  await expect(foyer.getByText("Retirer Noé Jean Bernard de votre foyer ?")).toHaveCount(0);
  await foyer.getByRole("button", { name: "Retirer Noé Jean Bernard" }).click();
  await foyer.getByRole("button", { name: /^Confirmer/ }).click();
  await expect(foyer.getByRole("status")).toHaveText("Noé Jean ne fait plus partie de votre foyer.");
  await expect(foyer.getByText("Noé Jean Bernard")).toHaveCount(0);
  await expect(foyer.getByRole("listitem")).toHaveCount(4);

  // Contact: a mistake is shown and kept; a new email asks for the current password.
  const contact = page.getByRole("form", { name: "Mes coordonnées" });
  const postalCode = await contact.getByLabel("Code postal").inputValue();
  await contact.getByLabel("Code postal").fill("6740");
  await contact.getByLabel("Adresse électronique").fill("lucie.nouvelle@exemple.fr");
  await expect(contact.getByLabel("Mot de passe actuel")).toBeVisible();
  await contact.getByLabel("Mot de passe actuel").fill("pas le bon mot de passe");
  await contact.getByRole("button", { name: "Sauver" }).click();
  await expect(contact.getByRole("link", { name: "Le code postal compte 5 chiffres." })).toBeVisible();
  await contact.getByLabel("Code postal").fill(postalCode);
  await contact.getByRole("button", { name: "Sauver" }).click();
  await expect(contact.getByRole("link", { name: "Mot de passe actuel incorrect." })).toBeVisible();
  await expect(contact.getByLabel("Adresse électronique")).toHaveValue("lucie.nouvelle@exemple.fr");
  await scan(page);
  await screenshot(page, "coordonnees-erreurs");
  await contact.getByLabel("Adresse électronique").fill(LUCIE_EMAIL);
  await expect(contact.getByLabel("Mot de passe actuel")).toHaveCount(0);
  await expect(contact.getByRole("link", { name: "Mot de passe actuel incorrect." })).toHaveCount(0);

  // The phone.
  await contact.getByLabel("Téléphone fixe (facultatif)").fill("03 88 12 34 56");
  await contact.getByRole("button", { name: "Sauver" }).click();
  await expect(contact.getByRole("status")).toHaveText("Modifications enregistrées.");
  await visit(page, urlOf(host, "/compte"));
  await expect(page.getByRole("region", { name: "Informations générales" })).toContainText("03 88 12 34 56");

  // Each change was notified to her address.
  const notices = (await mailbox(page, host, LUCIE_EMAIL)).filter((m) => m.createdAt >= since && m.subject === "Votre compte a été modifié");
  const texts = notices.map((m) => m.text).join("\n");
  for (const what of ["Noé ajouté(e) à votre foyer", "foyer modifié (Noé Jean)", "Noé Jean retiré(e) de votre foyer", "coordonnées modifiées"]) {
    expect(texts).toContain(what);
  }

  // Back as it was.
  await page.goto(urlOf(host, "/compte/modifier"));
  await page.getByRole("form", { name: "Mes coordonnées" }).getByLabel("Téléphone fixe (facultatif)").fill("");
  await page.getByRole("form", { name: "Mes coordonnées" }).getByRole("button", { name: "Sauver" }).click();
  await expect(page.getByRole("form", { name: "Mes coordonnées" }).getByRole("status")).toHaveText("Modifications enregistrées.");
});

test("Lucie ouvre « Modifier mon mot de passe » : l'indication de solidité, le mot de passe actuel vérifié", async ({ page }) => {
  const host = hostOf();
  await logIn(page, host, "lucie.bernard");
  await page.goto(urlOf(host, "/compte"));
  await page.getByRole("link", { name: /Modifier mon mot de passe/ }).click();
  await page.waitForURL(urlOf(host, "/compte/mot-de-passe"));
  await visit(page, page.url());

  const form = page.getByRole("form", { name: "Nouveau mot de passe" });
  await form.getByLabel("Nouveau mot de passe", { exact: true }).fill("soleil");
  await expect(form.getByText(/Solidité : (Très faible|Faible)/)).toBeVisible();
  await form.getByLabel("Nouveau mot de passe", { exact: true }).fill("Kayak-Lumière-Sapin-Orage-71");
  await expect(form.getByText(/Solidité : (Bon|Excellent)/)).toBeVisible();
  await form.getByRole("button", { name: "Sauver" }).click();
  await expect(form.getByRole("link", { name: "Indiquez votre mot de passe actuel." })).toBeVisible();
  await expect(form.getByRole("link", { name: "Les deux mots de passe ne sont pas identiques." })).toBeVisible();
  await form.getByLabel("Confirmer le nouveau mot de passe").fill("Kayak-Lumière-Sapin-Orage-71");
  await form.getByLabel("Mot de passe actuel").fill("ce n'est pas le bon");
  await form.getByRole("button", { name: "Sauver" }).click();
  await expect(form.getByRole("link", { name: "Mot de passe actuel incorrect." })).toBeVisible();
  await expect(form.getByLabel("Nouveau mot de passe", { exact: true })).toHaveValue("Kayak-Lumière-Sapin-Orage-71");
  await scan(page);
  await screenshot(page, "mot-de-passe-erreurs");
});

test("Hugo, en attente de validation, voit pourquoi il ne peut pas encore modifier son compte", async ({ page }) => {
  const host = hostOf();
  await logIn(page, host, "hugo.petit");
  await visit(page, urlOf(host, "/compte"));
  await expect(page.getByText("Votre compte attend sa validation par la mairie")).toBeVisible();
  await expect(page.getByRole("region", { name: "Mon foyer" }).getByRole("listitem")).toHaveText([/Hugo Petit/]);

  await page.getByRole("link", { name: /Modifier mon compte/ }).click();
  await page.waitForURL(urlOf(host, "/compte/modifier"));
  await visit(page, page.url());
  await expect(page.getByText("Modifications possibles après la validation")).toBeVisible();

  const contact = page.getByRole("form", { name: "Mes coordonnées" });
  await contact.getByLabel("Téléphone fixe (facultatif)").fill("02 40 11 22 33");
  await contact.getByRole("button", { name: "Sauver" }).click();
  await expect(contact.getByRole("heading", { name: /Votre compte attend sa validation par la mairie/ })).toBeVisible();
  await expect(contact.getByLabel("Téléphone fixe (facultatif)")).toHaveValue("02 40 11 22 33");
  await scan(page);
  await screenshot(page, "modifier-en-attente");

  const foyer = page.getByRole("region", { name: "Mon foyer" });
  await foyer.getByRole("button", { name: "Ajouter un enfant" }).click();
  const addChild = page.getByRole("form", { name: "Ajouter un enfant" });
  await addChild.getByLabel("Prénom(s)").fill("Lina");
  await addChild.getByLabel("Date de naissance").fill("15/01/2020");
  await addChild.getByLabel("Fille").check();
  await addChild.getByRole("button", { name: "Sauver" }).click();
  await expect(addChild.getByRole("heading", { name: /Votre compte attend sa validation par la mairie/ })).toBeVisible();

  // Nothing was saved.
  await page.goto(urlOf(host, "/compte"));
  await expect(page.getByRole("region", { name: "Informations générales" })).not.toContainText("02 40 11 22 33");
  await expect(page.getByRole("region", { name: "Mon foyer" })).not.toContainText("Lina");
});

test("Hugo, en attente de validation, change sa question de sécurité", async ({ page }) => {
  const host = hostOf();
  await logIn(page, host, "hugo.petit");
  await page.goto(urlOf(host, "/compte"));
  await page.getByRole("link", { name: /Modifier ma question\/réponse/ }).click();
  await page.waitForURL(urlOf(host, "/compte/question"));
  await visit(page, page.url());

  const form = page.getByRole("form", { name: "Nouvelle question" });
  await expect(form.getByLabel("Question", { exact: true })).toHaveValue(FIRST_QUESTION);
  await form.getByLabel("Question", { exact: true }).selectOption({ label: "Autre question (à écrire)" });
  await form.getByLabel("Votre question").fill("Quel est le nom de ma rue d'enfance ?");
  await form.getByLabel("Réponse").fill("Rue des Lilas");
  await form.getByRole("button", { name: "Sauver" }).click();
  await expect(form.getByRole("link", { name: "Indiquez votre mot de passe actuel." })).toBeVisible();
  await form.getByLabel("Mot de passe actuel").fill("ce n'est pas le bon");
  await form.getByRole("button", { name: "Sauver" }).click();
  await expect(form.getByRole("link", { name: "Mot de passe actuel incorrect." })).toBeVisible();
  await scan(page);
  await screenshot(page, "question-erreurs");

  await form.getByLabel("Mot de passe actuel").fill(PASSWORD);
  await form.getByRole("button", { name: "Sauver" }).click();
  await expect(form.getByRole("status")).toHaveText("Votre question et sa réponse sont enregistrées.");
  await expect(page.getByText("Votre question actuelle : Quel est le nom de ma rue d'enfance ?")).toBeVisible();
  await expect(form.getByLabel("Mot de passe actuel")).toHaveValue("");
  await scan(page);

  // Back to the demo's question and answer, which the recovery journey uses.
  await form.getByLabel("Mot de passe actuel").fill(PASSWORD);
  await form.getByLabel("Question", { exact: true }).selectOption(FIRST_QUESTION);
  await form.getByLabel("Réponse").fill("Médor");
  await form.getByRole("button", { name: "Sauver" }).click();
  await expect(page.getByText(`Votre question actuelle : ${FIRST_QUESTION}`)).toBeVisible();
});
