import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn, urlOf, visit } from "./helpers";

// Each Playwright project works in its own commune: signing out ends every session of the account.
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");

test("connexion refusée puis acceptée, onglets du citoyen, déconnexion", async ({ page }) => {
  const host = hostOf();
  await visit(page, urlOf(host));
  const box = page.getByRole("complementary", { name: "Mon espace" });
  await box.getByLabel("Identifiant").fill("lucie.bernard");
  await box.getByLabel("Mot de passe").fill("ce n'est pas le bon");
  await box.getByRole("button", { name: "Connexion" }).click();
  await expect(box.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
  await expectAccessible(page, "refus");
  await expectNoLoss(box);
  await box.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await box.getByRole("button", { name: "Connexion" }).click();
  await page.waitForURL(urlOf(host, "/accueil"));
  await visit(page, page.url());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Lucie");
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  for (const tab of ["Accueil", "Compte", "Services", "Mes demandes", "Mes comptes"]) {
    await expect(nav.getByRole("link", { name: tab, exact: true })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Mes comptes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes comptes" })).toBeVisible();
  await visit(page, page.url());

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.waitForURL(urlOf(host, "/"));
  await page.goto(urlOf(host, "/accueil"));
  await expect(page).toHaveURL(urlOf(host, "/connexion?retour=%2Faccueil"));
  await expectAccessible(page);

  async function expectNoLoss(scope: typeof box) {
    // The identifiant typed stays in the field after a refusal.
    await expect(scope.getByLabel("Identifiant")).toHaveValue("lucie.bernard");
  }
});

test("un compte en attente se connecte et voit pourquoi certaines choses attendent", async ({ page }) => {
  await signIn(page, hostOf(), "Hugo.Petit");
  await expect(page.getByText("Votre compte attend sa validation par la mairie")).toBeVisible();
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mes comptes" }).click();
  await expect(page.getByText("une fois votre compte validé")).toBeVisible();
});

test("la session d'une commune ne vaut pas sur une autre", async ({ page, context }) => {
  const host = hostOf();
  const other = host === "sete.localhost" ? "illkirch.localhost" : "saint-andre.localhost";
  await signIn(page, host, "hugo.petit");
  // Even with the cookie copied to the other commune's host, nobody is signed in there.
  const cookies = await context.cookies(urlOf(host));
  await context.addCookies(cookies.map(({ name, value, path }) => ({ name, value, path, domain: other })));
  await page.goto(urlOf(other, "/accueil"));
  await expect(page).toHaveURL(urlOf(other, "/connexion?retour=%2Faccueil"));
});

test("les pages du citoyen renvoient à la connexion sans session", async ({ page }) => {
  for (const path of ["/accueil", "/compte", "/demandes", "/mes-comptes"]) {
    const response = await page.goto(urlOf("illkirch.localhost", path));
    expect(page.url()).toBe(urlOf("illkirch.localhost", `/connexion?retour=${encodeURIComponent(path)}`));
    expect(response?.status()).toBe(200);
  }
  await expect(page.getByText("Connectez-vous pour accéder à cette page.")).toBeVisible();
  await expectAccessible(page);
});

