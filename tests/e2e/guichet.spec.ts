import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn, signInAgent, urlOf, visit } from "./helpers";

// At the counter: a person without an account comes to the town hall. The admin of the commune
// creates the account with them and prints the letter with the code, enters a démarche for them,
// and the person, at home, chooses their own password with the code and finds the request. The
// admins of Beaucouzé (desktop) and Sète (phone); the person is made here.
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

test("un agent crée le compte d'une personne au guichet, saisit sa démarche, et la personne choisit son mot de passe avec le code du courrier", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  await signInAgent(page, host, `admin@${slug}.localhost`);

  await visit(page, urlOf(host, "/admin/comptes"));
  await page.getByRole("link", { name: "Créer un compte au guichet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Créer un compte au guichet" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Madame").check();
  await page.getByLabel("Prénoms").fill("Odette");
  await page.getByLabel("Nom de naissance").fill("Marchand");
  await page.getByLabel("Date de naissance").fill("02/03/1941");
  await page.getByLabel("Lieu de naissance").fill("Angers");
  await page.getByLabel("Adresse", { exact: true }).fill("4 rue des Lilas");
  await page.getByLabel("Code postal").fill("4907");
  await page.getByLabel("Adresse électronique").fill("odette.marchand@exemple.fr");
  await page.getByRole("button", { name: "Créer le compte" }).click();
  // A wrong postal code: said, tied to its field, and nothing typed is lost.
  await expect(page.getByRole("link", { name: /code postal compte 5 chiffres/ })).toBeVisible();
  await expect(page.getByLabel("Prénoms")).toHaveValue("Odette");
  await expectAccessible(page);
  await page.getByLabel("Code postal").fill("49070");
  await page.getByRole("button", { name: "Créer le compte" }).click();

  await expect(page.getByRole("heading", { name: "Compte odette.marchand créé" })).toBeVisible({ timeout: 15_000 });
  const code = (await page.getByTestId("code-mairie").innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByRole("region", { name: /Votre Compte Citoyen/ })).toContainText("odette.marchand");
  await expectAccessible(page);
  await screenshot(page, "courrier-code");

  // The démarche, entered with her.
  await page.getByRole("link", { name: "Ouvrir le compte" }).click();
  await page.getByRole("link", { name: "Signalement sur la voirie" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Signalement sur la voirie" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(page.getByRole("link", { name: /Lieu : / })).toBeVisible();
  await page.getByLabel("Dépôt sauvage").check();
  await page.getByLabel(/^Lieu/).fill("Chemin du Lavoir");
  await page.getByLabel(/Description/).fill("Des gravats déposés depuis une semaine.");
  await page.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(page.getByText("Demande enregistrée au guichet.")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("main")).toContainText("saisie au guichet par Nathalie Lefèvre");
  const numero = (await page.getByRole("navigation", { name: "Fil d'Ariane" }).innerText()).split("›").at(-1)!.trim();
  expect(numero).toMatch(/^[A-Z]{3}-\d{4}-\d{6}$/);

  // « Mon profil »: the digest's frequency.
  await visit(page, urlOf(host, "/admin/profil"));
  await page.getByLabel("Chaque semaine").check();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Votre choix est enregistré.")).toBeVisible();
  await expect(page.getByLabel("Chaque semaine")).toBeChecked();
  await expectAccessible(page);

  // At home, Odette chooses her password with the code of the letter.
  const home = await browser.newContext({ locale: "fr-FR", viewport: page.viewportSize()! });
  const odette = await home.newPage();
  await visit(odette, urlOf(host, "/nouveau-mot-de-passe"));
  await expectAccessible(odette);
  await odette.getByRole("textbox", { name: "Identifiant" }).fill("odette.marchand");
  await odette.getByLabel("Code reçu de la mairie").fill("AAAA-BBBB-CCCC");
  await odette.getByLabel("Nouveau mot de passe", { exact: true }).fill("lavoir-glycine-tilleul-41");
  await odette.getByLabel("Confirmez le nouveau mot de passe").fill("lavoir-glycine-tilleul-41");
  await odette.getByRole("button", { name: "Confirmer" }).click();
  await expect(odette.getByText(/ne vont pas ensemble/).first()).toBeVisible();
  await odette.getByLabel("Code reçu de la mairie").fill(code.toLowerCase().replace(/-/g, " "));
  await odette.getByRole("button", { name: "Confirmer" }).click();
  await expect(odette.getByRole("heading", { name: "Votre mot de passe est changé" })).toBeFocused({ timeout: 15_000 });
  await signIn(odette, host, "odette.marchand", "lavoir-glycine-tilleul-41");
  await expect(odette.getByRole("region", { name: "Mes dernières demandes" })).toContainText(`N° ${numero}`);
  await home.close();
});
