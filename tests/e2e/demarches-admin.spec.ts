import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, signIn, signInAgent, urlOf, visit, waitForHydration } from "./helpers";

// A commune's admin builds a démarche from nothing, previews it, publishes it; citizens use it; the
// admin changes it and publishes again, and what citizens already did keeps its version. The admins
// of Saint-André (desktop) and Illkirch (phone); each project makes its own démarche.
const hostOf = () => (test.info().project.name === "ordinateur" ? "saint-andre.localhost" : "illkirch.localhost");

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

async function citizen(browser: Browser, host: string, identifiant: string) {
  const page = await (await browser.newContext({ locale: "fr-FR" })).newPage();
  await signIn(page, host, identifiant);
  return page;
}

/** Opens a field's settings in the builder (a <details> named after it). */
async function openField(page: Page, label: string) {
  await waitForHydration(page);
  const item = page.locator("li[id^=champ-]").filter({ has: page.getByText(`Modifier « ${label} »`, { exact: true }) });
  await item.getByText(`Modifier « ${label} »`, { exact: true }).click();
  return item;
}

async function addField(page: Page, step: number, type: string, label: string) {
  await waitForHydration(page);
  const stepItem = page.locator(`#etape-${step}`);
  // Open already when the step has no field yet.
  const adding = stepItem.locator("details").filter({ hasText: `Ajouter un champ à l'étape ${step}` });
  if ((await adding.getAttribute("open")) === null) await adding.getByText(`Ajouter un champ à l'étape ${step}`).click();
  await stepItem.getByLabel("Type", { exact: true }).last().selectOption({ label: type });
  await stepItem.getByLabel("Libellé", { exact: true }).last().fill(label);
  await stepItem.getByRole("button", { name: "Ajouter le champ" }).click();
  await expect(page.getByText("Champ ajouté : réglez-le ci-dessous.")).toBeVisible();
}

test("l'administrateur construit une démarche en trois étapes, la prévisualise et la publie ; une nouvelle version laisse intactes les demandes et les brouillons de la première", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  const title = `Prêt de matériel festif ${test.info().project.name}`;
  await signInAgent(page, host, `admin@${slug}.localhost`);
  await page.getByRole("link", { name: "Démarches", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Démarches de la commune" })).toBeVisible();
  await expectAccessible(page);

  // A title is needed; then the démarche exists, offline.
  await page.getByRole("button", { name: "Créer la démarche" }).click();
  await expect(page.getByRole("link", { name: "Indiquez le titre de la démarche." })).toBeVisible();
  await page.getByLabel("Titre de la démarche").fill(title);
  await page.getByRole("button", { name: "Créer la démarche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Jamais publiée")).toBeVisible();

  // Without a summary it cannot be published: the page says what to fix.
  await expect(page.getByText(/Écrivez le résumé de la démarche/)).toBeVisible();
  await page.getByLabel("Résumé").fill("Tables, chaises et barnums prêtés aux associations et aux habitants.");
  await page.getByLabel("Délai de traitement (en jours)").fill("douze");
  await page.getByRole("button", { name: "Enregistrer la présentation" }).click();
  await expect(page.getByRole("link", { name: /nombre/ })).toBeVisible();
  await expect(page.getByLabel("Résumé")).toHaveValue(/Tables, chaises/); // kept while refused
  await page.getByLabel("Délai de traitement (en jours)").fill("12");
  await page.getByRole("button", { name: "Enregistrer la présentation" }).click();
  await expect(page.getByText("Présentation enregistrée.")).toBeVisible();

  // Three steps: a yes/no question, a conditional address on step 2, a piece on step 3.
  await addField(page, 1, "Oui / non", "Livraison souhaitée");
  await page.getByLabel("Titre de l'étape").last().fill("Livraison");
  await page.getByRole("button", { name: "Ajouter l'étape" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Étape 2 : Livraison" })).toBeVisible();
  await addField(page, 2, "Texte long", "Adresse de livraison");
  const address = await openField(page, "Adresse de livraison");
  await address.getByRole("checkbox", { name: "Réponse obligatoire" }).check();
  await address.getByLabel("Afficher seulement selon la réponse à").selectOption({ label: "Livraison souhaitée" });
  await address.getByLabel("Valeur").fill("peut-être");
  await address.getByRole("button", { name: "Enregistrer le champ" }).click();
  await expect(address.getByText(/écrivez « oui » ou « non »/).first()).toBeVisible();
  await address.getByLabel("Valeur").fill("oui");
  await address.getByRole("button", { name: "Enregistrer le champ" }).click();
  await expect(page.getByText("Champ enregistré.")).toBeVisible();
  await expect(page.locator("#etape-2")).toContainText("selon « Livraison souhaitée » = oui");

  await page.getByLabel("Titre de l'étape").last().fill("Pièces");
  await page.getByRole("button", { name: "Ajouter l'étape" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Étape 3 : Pièces" })).toBeVisible();
  await addField(page, 3, "Pièce justificative", "Attestation d'assurance");
  const piece = await openField(page, "Attestation d'assurance");
  await piece.getByRole("checkbox", { name: "PNG" }).uncheck();
  await piece.getByLabel("Taille maximum (en Mo, 10 au plus)").fill("5");
  await piece.getByRole("button", { name: "Enregistrer le champ" }).click();
  await expect(page.getByText("Champ enregistré.")).toBeVisible();

  // Keyboard only: the question goes above the starter field, with « Monter » and Enter.
  await page.getByRole("button", { name: "Monter « Livraison souhaitée »" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Ordre enregistré.")).toBeVisible();
  await expect(page.locator("#etape-1 > ol > li").first()).toContainText("Livraison souhaitée");
  await expectAccessible(page);
  await screenshot(page, "constructeur-demarche");

  // The preview is the citizen's form: the condition works there.
  await page.getByRole("link", { name: "Aperçu du formulaire" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("group", { name: /Livraison souhaitée/ }).getByLabel("Oui").check();
  await page.getByLabel(/Objet de votre demande/).fill("Dix tables");
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await expect(page.getByLabel(/Adresse de livraison/)).toBeVisible();
  await screenshot(page, "constructeur-apercu");
  await page.getByRole("button", { name: "Étape précédente" }).click();
  await page.getByRole("group", { name: /Livraison souhaitée/ }).getByLabel("Non").check();
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await expect(page.getByLabel(/Adresse de livraison/)).toHaveCount(0);
  await page.getByRole("link", { name: "Revenir à la démarche" }).click();

  await page.getByRole("button", { name: "Publier la version 1" }).click();
  await expect(page.getByText("Version 1 publiée")).toBeVisible();
  const servicePath = (await page.getByRole("link", { name: /^\/services\// }).innerText()).trim();

  // A citizen sends a request on version 1; another keeps a draft of it.
  const lucie = await citizen(browser, host, "lucie.bernard");
  await visit(lucie, urlOf(host, "/services"));
  await expect(lucie.getByRole("link", { name: title })).toBeVisible();
  await lucie.goto(urlOf(host, `${servicePath}/formulaire`));
  await lucie.getByRole("group", { name: /Livraison souhaitée/ }).getByLabel("Oui").check();
  await lucie.getByLabel(/Objet de votre demande/).fill("Dix tables pour la fête de quartier");
  await lucie.getByRole("button", { name: "Étape suivante" }).click();
  await lucie.getByLabel(/Adresse de livraison/).fill("Salle des fêtes, rue des Écoles");
  await lucie.getByRole("button", { name: "Étape suivante" }).click();
  await lucie.getByRole("button", { name: "Vérifier mes réponses" }).click();
  await lucie.getByRole("button", { name: "Envoyer" }).click();
  const numero = (await lucie.getByText(/[A-Z]{3}-\d{4}-\d{6}/).first().innerText()).match(/[A-Z]{3}-\d{4}-\d{6}/)![0];

  const paul = await citizen(browser, host, "paul.girard");
  await paul.goto(urlOf(host, `${servicePath}/formulaire`));
  await paul.getByLabel(/Objet de votre demande/).fill("Trois barnums");
  await paul.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(paul.getByText(/Brouillon enregistré/)).toBeVisible();

  // The admin renames the question and publishes version 2.
  await page.reload();
  const objet = await openField(page, "Objet de votre demande");
  await objet.getByLabel("Libellé").fill("Matériel souhaité");
  await objet.getByRole("button", { name: "Enregistrer le champ" }).click();
  await expect(page.getByText("Champ enregistré.")).toBeVisible();
  await expect(page.getByText("modifications non publiées").or(page.getByText(/La publication crée la version 2/))).toBeVisible();
  // A double click publishes once, without a false warning of a colleague's change.
  await page.getByRole("button", { name: "Publier la version 2" }).dblclick();
  await expect(page.getByText("Version 2 publiée")).toBeVisible();
  await expect(page.getByText(/modifiée entre-temps/)).toHaveCount(0);
  await expect(page.getByText(/Version 1, publiée le .* : 2 demandes ou brouillons/)).toBeVisible();

  // The request sent shows its answers under version 1's wording; the draft opens on version 1.
  await visit(lucie, urlOf(host, `/demandes/${numero}`));
  await expect(lucie.getByText("Objet de votre demande")).toBeVisible();
  await expect(lucie.getByText("Dix tables pour la fête de quartier")).toBeVisible();
  await expect(lucie.getByText("Matériel souhaité")).toHaveCount(0);
  await lucie.goto(urlOf(host, `${servicePath}/formulaire`));
  await expect(lucie.getByLabel(/Matériel souhaité/)).toBeVisible();

  await paul.goto(urlOf(host, `${servicePath}/formulaire`));
  await paul.getByRole("link", { name: "Reprendre ce brouillon" }).click();
  await expect(paul.getByLabel(/Objet de votre demande/)).toHaveValue("Trois barnums");
  await expectAccessible(paul);

  // Withdrawn from the catalogue: gone for citizens, the request stays.
  await page.getByRole("button", { name: "Retirer du catalogue" }).click();
  await expect(page.getByText("Démarche retirée du catalogue.")).toBeVisible();
  expect((await lucie.goto(urlOf(host, servicePath)))?.status()).toBe(404);
  await visit(lucie, urlOf(host, `/demandes/${numero}`));
  await expect(lucie.getByText("Dix tables pour la fête de quartier")).toBeVisible();
  // A draft begun before stays the citizen's to finish, from « Accueil ».
  await visit(paul, urlOf(host, "/accueil"));
  await paul.getByRole("link", { name: `Reprendre le brouillon « ${title} »` }).and(paul.locator(`a[href^="${servicePath}/formulaire?"]`)).click();
  await expect(paul.getByLabel(/Objet de votre demande/)).toHaveValue("Trois barnums");
});
