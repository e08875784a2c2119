import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAgent, urlOf, visit } from "./helpers";

// A commune's admin changes what the portal shows of it, and the public site follows at once. The
// admins of Beaucouzé (desktop) and Sète (phone); only the colour and the opening hours change, which
// no other journey reads.
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

test("l'administrateur change la couleur (une couleur illisible est refusée), les horaires et une réponse de la FAQ ; le site public suit sans redémarrage", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  await signInAgent(page, host, `admin@${slug}.localhost`);
  await page.getByRole("link", { name: "Paramètres de la commune" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paramètres de la commune" })).toBeVisible();
  await expectAccessible(page);

  const primary = page.getByRole("textbox", { name: "Couleur principale", exact: true });
  await primary.fill("#ffd700");
  await expect(page.getByText(/Contraste avec le blanc : 1,4:1 \(insuffisant/)).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer l'identité et les couleurs" }).click();
  await expect(page.getByRole("link", { name: /couleur principale est trop claire/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "parametres-couleur-refusee");

  // Each commune its own new colour: the two must still differ (communes.spec).
  const [colour, rgb] = host === "sete.localhost" ? ["#7f1d1d", "rgb(127, 29, 29)"] : ["#14532d", "rgb(20, 83, 45)"];
  await primary.fill(colour);
  await page.getByLabel(/Horaires d'ouverture/).fill("Du lundi au vendredi, de 8 h 30 à 17 h");
  await page.getByRole("button", { name: "Enregistrer l'identité et les couleurs" }).click();
  await expect(page.getByText("Enregistré : le portail affiche déjà ces informations.")).toBeVisible();

  // A FAQ answer, rewritten; markup typed stays text.
  await page.getByRole("link", { name: "Modifier les questions fréquentes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Questions fréquentes" })).toBeVisible();
  await expectAccessible(page);
  const first = page.getByRole("listitem").filter({ has: page.locator("details") }).last();
  const question = (await first.locator("summary").first().innerText()).trim();
  await first.locator("summary").first().click();
  await first.getByLabel("Réponse").fill("Réponse revue par la mairie <b>en gras</b>.");
  await first.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Question enregistrée")).toBeVisible();

  // Another commune's address is refused, and said so.
  await visit(page, urlOf(host, "/admin/parametres/adresses"));
  await expect(page.getByText("Adresse principale", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Nouvelle adresse").fill(host === "sete.localhost" ? "beaucouze.localhost" : "sete.localhost");
  await page.getByRole("button", { name: "Ajouter l'adresse" }).click();
  await expect(page.getByText("Cette adresse est déjà utilisée par une autre commune.")).toBeVisible();
  await screenshot(page, "parametres-adresses");

  const visitor = await (await browser.newContext({ locale: "fr-FR" })).newPage();
  await visit(visitor, urlOf(host, "/faq"));
  await expect(visitor.getByRole("main")).toContainText(question);
  await expect(visitor.getByText("Réponse revue par la mairie <b>en gras</b>.")).toBeAttached();
  await visitor.goto(urlOf(host, "/"));
  await expect(visitor.getByRole("contentinfo")).toContainText("Du lundi au vendredi, de 8 h 30 à 17 h");
  expect(await visitor.locator("header").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb);
  await visitor.context().close();
});
