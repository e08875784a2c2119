import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, signInAgent, urlOf, visit } from "./helpers";

// A commune's admin sets up its régies (one paid by Stripe on its connected account) and the
// portal's settings. The admins of Beaucouzé (desktop) and Sète (phone), whose other journeys sign
// in with signInAgent too (a TOTP code used by one of them, the next is awaited). The régie is made
// here; the settings changed (draft lifetime, invoice window) are read by no other journey.
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");
const ACCOUNT = "acct_1Nv0FGQ9RKHgCVdK";

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

/** Ticks a radio handled by React; a tick before the page is hydrated would be undone, so it is tried until `shows` appears. */
async function choose(radio: Locator, shows: Locator) {
  await expect(async () => {
    await radio.check();
    await expect(shows).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

test("l'administrateur ajoute une régie payée par Stripe (un identifiant invalide est refusé), la remonte, puis règle le portail", async ({ page }) => {
  test.setTimeout(150_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  await signInAgent(page, host, `admin@${slug}.localhost`);

  await page.getByRole("main").getByRole("link", { name: "Régies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Régies" })).toBeVisible();
  await expect(page.getByText("Aucune clé secrète n'est enregistrée ici")).toBeVisible();
  const regies = page.getByRole("main").getByRole("listitem");
  await expect(regies.getByRole("heading", { level: 3 })).toHaveText(["Régie Ville", "Régie CCAS"]);
  await expectAccessible(page);
  await screenshot(page, "regies");

  // Stripe with an id that is not one: refused, what was typed stays.
  const add = page.getByRole("region", { name: "Ajouter une régie" });
  await add.getByLabel("Nom de la régie").fill("Régie Transports");
  await add.getByLabel(/Ce qu'elle encaisse/).fill("Transports scolaires");
  const account = add.getByLabel("Identifiant du compte Stripe connecté");
  await choose(add.getByRole("radio", { name: /^Stripe/ }), account);
  await account.fill("acct_12");
  await add.getByRole("button", { name: "Ajouter la régie" }).click();
  await expect(add.getByRole("link", { name: /Identifiant de compte Stripe invalide/ })).toBeVisible();
  await expect(add.getByLabel("Nom de la régie")).toHaveValue("Régie Transports");
  await expect(account).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await screenshot(page, "regies-refusee");

  await account.fill(ACCOUNT);
  await add.getByRole("button", { name: "Ajouter la régie" }).click();
  await expect(page.getByText("Régie ajoutée.")).toBeVisible();
  const created = regies.filter({ has: page.getByRole("heading", { name: "Régie Transports" }) });
  await expect(created).toContainText(`Paiement : Stripe, compte ${ACCOUNT}`);
  await expect(regies.getByRole("heading", { level: 3 })).toHaveText(["Régie Ville", "Régie CCAS", "Régie Transports"]);
  await expectAccessible(page);

  // Moved up with the keyboard.
  await created.getByRole("button", { name: "Monter « Régie Transports »" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Ordre enregistré.")).toBeVisible();
  await expect(regies.getByRole("heading", { level: 3 })).toHaveText(["Régie Ville", "Régie Transports", "Régie CCAS"]);

  // « Réglages du portail »: a lifetime out of range is refused, then saved.
  await visit(page, urlOf(host, "/admin/parametres"));
  await page.getByRole("link", { name: "Réglages du portail" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réglages du portail" })).toBeVisible();
  await expect(page.getByLabel(/Durée de conservation d'un brouillon/)).toHaveValue("90");
  await expect(page.getByLabel("Envoyer des SMS aux citoyens qui les choisissent")).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel(/Durée de conservation d'un brouillon/).fill("3");
  await page.getByLabel(/Factures consultables en ligne/).fill("6");
  await page.getByRole("button", { name: "Enregistrer les réglages" }).click();
  await expect(page.getByRole("link", { name: "Un brouillon se garde de 7 à 365 jours." })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "reglages-refuses");
  await page.getByLabel(/Durée de conservation d'un brouillon/).fill("120");
  await page.getByRole("button", { name: "Enregistrer les réglages" }).click();
  await expect(page.getByText("Réglages enregistrés : ils s'appliquent dès maintenant.")).toBeVisible();

  await visit(page, urlOf(host, "/admin/parametres/reglages"));
  await expect(page.getByLabel(/Durée de conservation d'un brouillon/)).toHaveValue("120");
  await expect(page.getByLabel(/Factures consultables en ligne/)).toHaveValue("6");

  // The audit log names both acts.
  await visit(page, urlOf(host, "/admin/journal"));
  await expect(page.getByRole("cell", { name: "Régie ajoutée" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: /Réglages du portail/ }).first()).toBeVisible();
});
