import { expect, test } from "@playwright/test";
import { AGENT_PASSWORD, DEMO_SECRET, enterTotp, expectAccessible, totp, urlOf, visit } from "./helpers";

// The agents' login: password, then the code of the authenticator app.
// Illkirch and Saint-André: the instruction journey (instruction.spec.ts) signs in the agents of Beaucouzé
// and Sète, and a code works once per agent.
const hostOf = () => (test.info().project.name === "ordinateur" ? "illkirch.localhost" : "saint-andre.localhost");

test("un agent se connecte avec son mot de passe puis le code de son application, et voit son tableau de bord", async ({ page }) => {
  const host = hostOf();
  const slug = host.split(".")[0];
  // The back office is closed to anyone without an agent's session.
  await page.goto(urlOf(host, "/admin"));
  await expect(page).toHaveURL(urlOf(host, "/admin/connexion"));
  await expectAccessible(page);

  await page.getByLabel("Adresse électronique").fill(`admin@${slug}.localhost`);
  await page.getByLabel("Mot de passe", { exact: true }).fill("pas le bon");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByText("Adresse électronique ou mot de passe incorrect.").first()).toBeVisible();
  await expectAccessible(page, "refus");
  await page.getByLabel("Mot de passe", { exact: true }).fill(AGENT_PASSWORD);
  await page.getByRole("button", { name: "Continuer" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Code de vérification" })).toBeVisible();
  // Only the second step opens the back office.
  await page.goto(urlOf(host, "/admin"));
  await expect(page).toHaveURL(urlOf(host, "/admin/connexion/code"));
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Code à 6 chiffres" }).fill("000000");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByText(/Code incorrect ou déjà utilisé/).first()).toBeVisible();
  await enterTotp(page, `admin@${slug}.localhost`);

  await expect(page.getByRole("heading", { level: 1, name: "Espace agents" })).toBeVisible();
  await expectAccessible(page);

  // The accounts awaiting validation, and one of them (a refusal needs its motif).
  await page.getByRole("main").getByRole("link", { name: "Comptes à valider" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Comptes à valider" })).toBeVisible();
  // The header is the agents' one here: no citizen's tabs.
  const agentsNav = page.getByRole("navigation", { name: "Navigation de l'espace agents" });
  await expect(agentsNav.getByRole("link", { name: "Comptes à valider" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("navigation", { name: "Navigation principale" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Hugo Petit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Hugo Petit/ })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("hugo.petit@exemple.fr");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Refuser ce compte" }).click();
  await expect(page.getByText("Pour refuser un compte, indiquez le motif")).toBeVisible();
  await expect(page.getByRole("button", { name: "Valider ce compte" })).toBeVisible();
  // The admin reads who did what: this very opening is in the audit log.
  await visit(page, urlOf(host, "/admin/journal"));
  await expect(page.getByRole("cell", { name: "Consultation d'un compte" }).first()).toBeVisible();
  await page.goto(urlOf(host, "/admin"));
  await page.getByRole("button", { name: "Se déconnecter de l'espace agents" }).click();
  await expect(page).toHaveURL(urlOf(host, "/admin/connexion"));
  await visit(page, urlOf(host, "/admin/connexion"));
});

test("un agent sans le rôle d'administrateur n'a pas le journal d'audit", async ({ page }) => {
  const host = hostOf();
  const slug = host.split(".")[0];
  await page.goto(urlOf(host, "/admin/connexion"));
  await page.getByLabel("Adresse électronique").fill(`agent@${slug}.localhost`);
  await page.getByLabel("Mot de passe", { exact: true }).fill(AGENT_PASSWORD);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByRole("textbox", { name: "Code à 6 chiffres" }).fill(totp(DEMO_SECRET));
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Espace agents" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Journal d'audit" })).toHaveCount(0);
  const response = await page.goto(urlOf(host, "/admin/journal"));
  expect(response?.status()).toBe(404);
  await expectAccessible(page, "introuvable");
  // Nor the démarche builder, the commune's settings or its régies: for admins only.
  for (const path of ["/admin/demarches", "/admin/parametres"]) expect((await page.goto(urlOf(host, path)))?.status()).toBe(404);
});
