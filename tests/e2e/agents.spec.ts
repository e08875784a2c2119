import { expect, test } from "@playwright/test";
import { expectAccessible, mailbox, signInAgent, totp, urlOf, visit } from "./helpers";

// The admins manage their agents: an admin adds an agent, who chooses their own password from the
// invitation and enrols their authenticator at the first login. The admins of Beaucouzé (desktop)
// and Sète (phone), whose other journeys sign in with signInAgent too; the new agent is made here.
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");

test("un administrateur ajoute un agent, qui choisit son mot de passe par l'invitation et active son application", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  const email = `martin.leroy@${slug}.localhost`;
  await signInAgent(page, host, `admin@${slug}.localhost`);

  await page.getByRole("main").getByRole("link", { name: "Agents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Ajouter un agent" }).click();
  await page.getByLabel("Adresse électronique professionnelle").fill(email);
  await page.getByLabel("Prénom").fill("Martin");
  await page.getByRole("button", { name: "Ajouter l'agent et l'inviter" }).click();
  // The missing name is said; what was typed stays.
  await expect(page.getByRole("link", { name: /Indiquez le nom/ })).toBeVisible();
  await expect(page.getByLabel("Adresse électronique professionnelle")).toHaveValue(email);
  await expectAccessible(page);
  await page.getByLabel("Nom", { exact: true }).fill("Leroy");
  await page.getByLabel("État civil").check();
  await page.getByRole("button", { name: "Ajouter l'agent et l'inviter" }).click();
  await expect(page.getByText("Agent ajouté")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Martin Leroy" })).toContainText("Invitation en cours");

  // The invitation, in another browser.
  const [invitation] = await mailbox(page, host, email);
  const link = /https?:\/\/\S+\/admin\/connexion\/bienvenue\/[A-Za-z0-9_-]{43}/.exec(invitation!.text)![0];
  const other = await browser.newContext({ locale: "fr-FR", viewport: page.viewportSize()! });
  const martin = await other.newPage();
  await visit(martin, link.replace(/^https?:\/\/[^/]+/, urlOf(host, "").replace(/\/$/, "")));
  await expectAccessible(martin);
  await martin.getByLabel("Mot de passe", { exact: true }).fill("registre-tampon-mairie-84");
  await martin.getByLabel("Confirmez le mot de passe").fill("registre-tampon-mairie-84");
  await martin.getByRole("button", { name: "Enregistrer" }).click();
  await martin.getByRole("link", { name: "Se connecter" }).click();
  await martin.getByLabel("Adresse électronique").fill(email);
  await martin.getByLabel("Mot de passe", { exact: true }).fill("registre-tampon-mairie-84");
  await martin.getByRole("button", { name: "Continuer" }).click();
  // First login: the authenticator learns the key shown, then proves it.
  const key = (await martin.locator("code").first().innerText()).replace(/\s/g, "");
  await expectAccessible(martin);
  await martin.getByRole("textbox", { name: /Code à 6 chiffres/ }).fill(totp(key));
  await martin.getByRole("button", { name: /Valider|Activer/ }).click();
  await expect(martin.getByRole("heading", { name: "Vos codes de secours" })).toBeVisible({ timeout: 15_000 });
  // The codes stay on screen until they are noted; then the back office opens.
  await martin.waitForTimeout(1_000);
  await expect(martin.getByRole("heading", { name: "Vos codes de secours" })).toBeVisible();
  await expectAccessible(martin);
  await martin.getByRole("button", { name: /J'ai noté mes codes/ }).click();
  await expect(martin.getByRole("heading", { level: 1, name: "Espace agents" })).toBeVisible();
  await other.close();

  // The admin sees the access active.
  await visit(page, urlOf(host, "/admin/agents"));
  await expect(page.getByRole("row").filter({ hasText: "Martin Leroy" })).toContainText("Actif");
  await page.getByRole("link", { name: "Martin Leroy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Martin Leroy" })).toBeVisible();
  await expectAccessible(page);
});
