import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, mailbox, urlOf, visit } from "./helpers";

// The full recovery of a demo citizen through the mailbox link. It changes the password of
// paul.girard (prisma/seed.ts: the demo citizen no other journey signs in with) in Illkirch (phone
// project) and Saint-André-des-Eaux (desktop project).
const hostOf = () => (test.info().project.name === "ordinateur" ? "saint-andre.localhost" : "illkirch.localhost");
const OLD_PASSWORD = "demo-compte-citoyen-2026";
const NEW_PASSWORD = "lanterne-voilier-marmotte-31";
const ADDRESS = "paul.girard@exemple.fr";
const QUESTION = "Quel est le nom de votre premier animal de compagnie ?";

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test("mot de passe oublié : réponse neutre, lien par courriel, question de sécurité, nouveau mot de passe", async ({ page }) => {
  const host = hostOf();
  await visit(page, urlOf(host, "/connexion"));
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page).toHaveURL(urlOf(host, "/mot-de-passe-oublie"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mot de passe oublié ?");
  await expectAccessible(page);
  // People without an email address are sent to the town hall, with its phone number.
  const noEmail = page.getByRole("region", { name: "Pas d'adresse électronique, ou plus d'accès à votre messagerie ?" });
  await expect(noEmail.getByRole("link", { name: /^0\d( \d\d){4}$/ })).toHaveAttribute("href", /^tel:0\d{9}$/);
  await shoot(page, "demande");

  // Nothing typed: the error is listed and tied to the field.
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("link", { name: "Indiquez votre identifiant." })).toBeVisible();
  await expect(page.getByLabel("Identifiant")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await shoot(page, "demande-erreur");

  // An unknown identifiant and a real one get the same answer.
  await page.getByLabel("Identifiant").fill("personne.inconnue");
  await page.getByRole("button", { name: "Envoyer" }).click();
  const neutral = page.getByRole("status").filter({ hasText: "Demande enregistrée" });
  await expect(neutral).toBeVisible();
  const unknownAnswer = await neutral.innerText();
  await expectAccessible(page);
  await shoot(page, "demande-envoyee");

  const requestedAt = Date.now();
  await page.goto(urlOf(host, "/mot-de-passe-oublie"));
  await page.getByLabel("Identifiant").fill("Paul.Girard");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(neutral).toBeVisible();
  expect(await neutral.innerText()).toBe(unknownAnswer);

  // The email holds a link on the commune's own address.
  let link = "";
  await expect(async () => {
    const mails = await mailbox(page, host, ADDRESS);
    const mail = mails.find((m) => m.subject === "Choisir un nouveau mot de passe" && Date.parse(m.createdAt) >= requestedAt - 5_000);
    link = mail?.text.match(/https?:\/\/\S+\/mot-de-passe-oublie\/[A-Za-z0-9_-]+/)?.[0] ?? "";
    expect(link).not.toBe("");
  }).toPass({ timeout: 10_000 });
  expect(link.startsWith(urlOf(host, "/mot-de-passe-oublie/"))).toBe(true);

  // The same link on another commune's address does not work.
  const other = host === "illkirch.localhost" ? "beaucouze.localhost" : "sete.localhost";
  await visit(page, link.replace(host, other));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien ne fonctionne plus");

  await visit(page, link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choisir un nouveau mot de passe");
  await expect(page.getByText("Compte : paul.girard")).toBeVisible();
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(NEW_PASSWORD);
  await expect(page.getByText(/Solidité du mot de passe : (Bon|Excellent)/)).toBeVisible();
  await page.getByLabel("Confirmez le nouveau mot de passe").fill(NEW_PASSWORD);
  await shoot(page, "nouveau-mot-de-passe");

  // A wrong answer is refused on its field.
  await page.getByLabel(QUESTION).fill("Rex");
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("link", { name: "Cette réponse ne correspond pas à celle enregistrée pour votre compte." })).toBeVisible();
  await expect(page.getByLabel(QUESTION)).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await shoot(page, "nouveau-mot-de-passe-erreur");

  // The right answer, written loosely, sets the new password.
  await page.getByLabel(QUESTION).fill("medor");
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("heading", { name: "Votre mot de passe est changé" })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "mot-de-passe-change");

  await expect(async () => {
    const mails = await mailbox(page, host, ADDRESS);
    expect(mails[0]?.subject).toBe("Votre mot de passe a été modifié");
  }).toPass({ timeout: 10_000 });

  // The link served once.
  await visit(page, link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien ne fonctionne plus");
  await expect(page.getByRole("link", { name: "Demander un nouveau lien" })).toHaveAttribute("href", "/mot-de-passe-oublie");
  await shoot(page, "lien-invalide");

  // The old password no longer opens the account; the new one does.
  await page.goto(urlOf(host, "/connexion"));
  await page.getByLabel("Identifiant").fill("paul.girard");
  await page.getByLabel("Mot de passe", { exact: true }).fill(OLD_PASSWORD);
  await page.getByRole("button", { name: "Connexion" }).click();
  await expect(page.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
  await expectAccessible(page, "refus");
  await page.getByLabel("Mot de passe", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Connexion" }).click();
  await page.waitForURL(urlOf(host, "/accueil"));
});

test("un lien inconnu mène à une page claire pour en demander un nouveau", async ({ page }) => {
  const host = hostOf();
  const response = await visit(page, urlOf(host, `/mot-de-passe-oublie/${"x".repeat(43)}`));
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien ne fonctionne plus");
  await page.getByRole("link", { name: "Demander un nouveau lien" }).click();
  await expect(page).toHaveURL(urlOf(host, "/mot-de-passe-oublie"));

  // Not even a token's shape: still the same page, never an error.
  const odd = await visit(page, urlOf(host, "/mot-de-passe-oublie/%E2%80%A6%20pas%20un%20lien"));
  expect(odd?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce lien ne fonctionne plus");
});
