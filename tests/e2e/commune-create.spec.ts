import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { expectAccessible, totp, urlOf, visit } from "./helpers";

// The operator adds a commune with `npm run commune:create` while the server runs: its address
// answers at once, and its first admin opens the printed link, chooses a password, enrols an
// authenticator and lands in the back office. Each project makes its own commune (two addresses).

/** The command line, as `npm run commune:create` runs it, on the server's database; links carry the test server's port. */
function communeCreate(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ["-r", "./scripts/server-only.cjs", "--import", "tsx", "scripts/commune-create.ts", ...args],
    { encoding: "utf8", env: { ...process.env, PUBLIC_PORT: process.env.E2E_PORT || "3100" }, timeout: 60_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("l'exploitant crée une commune ; son premier administrateur choisit son mot de passe par le lien et arrive dans l'espace agents", async ({ page }) => {
  test.setTimeout(180_000);
  const phone = test.info().project.name === "telephone";
  const name = phone ? "Nouvelle-Commune-sur-Mer" : "Nouvelle-Commune";
  const host = phone ? "nouvelle-commune-sur-mer.localhost" : "nouvelle-commune.localhost";
  const email = `admin@${host}`;

  // Wrong arguments: the usage, in French, and nothing else.
  const wrong = communeCreate("--name", name, "--host", host);
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toContain("option obligatoire manquante : --admin-email");
  expect(wrong.stderr).toContain("Utilisation :");

  const created = communeCreate("--name", name, "--host", host, "--admin-email", email);
  expect(created.status, created.stderr).toBe(0);
  expect(created.stdout).toContain(`Commune créée : ${name} (Mairie de ${name})`);
  const link = /https?:\/\/\S+\/admin\/connexion\/bienvenue\/[A-Za-z0-9_-]{43}/.exec(created.stdout)?.[0];
  expect(link).toBeDefined();
  // The link opens on the commune's address, with the server's protocol and port.
  expect(link!.startsWith(urlOf(host, "/admin/connexion/bienvenue/"))).toBe(true);

  // The same command again: refused, nothing changed.
  const again = communeCreate("--name", name, "--host", host, "--admin-email", email);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain(`L'adresse ${host} est déjà utilisée par la commune ${name}.`);

  // The commune's public home, at its new address, without restarting the server.
  const home = await visit(page, urlOf(host));
  expect(home?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.locator("footer")).toContainText(`Mairie de ${name}`);

  // The admin's link: a password, then the first login enrols the authenticator.
  await visit(page, link!);
  await expect(page.getByRole("heading", { level: 1, name: "Choisir mon mot de passe" })).toBeVisible();
  await page.getByLabel("Mot de passe", { exact: true }).fill("registre-tampon-mairie-84");
  await page.getByLabel("Confirmez le mot de passe").fill("registre-tampon-mairie-84");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await page.getByRole("link", { name: "Se connecter" }).click();
  await expectAccessible(page);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("registre-tampon-mairie-84");
  await page.getByRole("button", { name: "Continuer" }).click();
  const key = (await page.locator("code").first().innerText()).replace(/\s/g, "");
  await expectAccessible(page);
  await page.getByRole("textbox", { name: /Code à 6 chiffres/ }).fill(totp(key));
  await page.getByRole("button", { name: /Valider|Activer/ }).click();
  await expect(page.getByRole("heading", { name: "Vos codes de secours" })).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page);
  await page.getByRole("button", { name: /J'ai noté mes codes/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Espace agents" })).toBeVisible();
  await expect(page).toHaveURL(urlOf(host, "/admin"));
  await expectAccessible(page);

  // The link has served: it no longer works.
  await visit(page, link!);
  await expect(page.getByRole("heading", { level: 1, name: "Ce lien ne fonctionne plus" })).toBeVisible();
});
