import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, urlOf, visit } from "./helpers";

test("le catalogue range les démarches par thème, se cherche sans accents et ouvre chaque démarche", async ({ page }) => {
  await visit(page, urlOf("sete.localhost", "/services"));
  for (const theme of ["État civil", "Enfance et jeunesse", "Cadre de vie", "Solidarité (CCAS)"]) {
    await expect(page.getByRole("heading", { level: 2, name: theme })).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 3 })).toHaveCount(10);
  await expect(page.getByRole("link", { name: "Emplacement au marché" })).toBeVisible();

  await page.getByLabel("Chercher une démarche").fill("ECOLE");
  await page.getByRole("button", { name: "Chercher" }).click();
  await expect(page).toHaveURL(/\?q=ECOLE/);
  await expect(page.getByRole("status")).toContainText("1 démarche pour « ECOLE »");
  await visit(page, page.url());
  await page.getByRole("link", { name: "Inscription scolaire" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inscription scolaire");
  await expect(page.getByRole("heading", { level: 2, name: "À préparer" })).toBeVisible();
  await expect(page.getByText("Un justificatif de domicile de moins de trois mois")).toBeVisible();
  await visit(page, page.url());

  // Signed out: sign in, and come back to the démarche.
  await page.getByRole("link", { name: "Me connecter" }).click();
  await page.getByLabel("Identifiant").fill("hugo.petit");
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Connexion" }).click();
  // Straight to the form; Hugo has no child yet, and is told where to declare one.
  await expect(page).toHaveURL(urlOf("sete.localhost", "/services/inscription-scolaire/formulaire"));
  await expect(page.getByText("Aucun enfant n'est déclaré dans votre foyer.")).toBeVisible();
  await expectAccessible(page);
});

test("chaque commune a ses démarches ; une démarche inconnue est une page introuvable", async ({ page }) => {
  await visit(page, urlOf("saint-andre.localhost", "/services"));
  await expect(page.getByRole("heading", { level: 3 })).toHaveCount(8);
  await expect(page.getByRole("link", { name: "Emplacement au marché" })).toHaveCount(0);
  const missing = await page.goto(urlOf("saint-andre.localhost", "/services/emplacement-marche"));
  expect(missing?.status()).toBe(404);
  const acte = await visit(page, urlOf("saint-andre.localhost", "/services/acte-de-naissance"));
  expect(acte?.status()).toBe(200);
  await expect(page.getByText("Aucun compte nécessaire")).toBeVisible();
});
