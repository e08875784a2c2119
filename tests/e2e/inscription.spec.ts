import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, mailbox, pressOn, signIn, tabTo, urlOf, visit } from "./helpers";

// The two Playwright projects run at the same time on one database: each signs up in its own
// commune, so each commune sees exactly two « Amélie Lire ».
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "saint-andre.localhost");
const PASSWORD = "girafe-violon-nuage-42";

const stepHeading = (page: Page, n: number) => page.getByRole("heading", { level: 2, name: new RegExp(`Étape ${n} sur 6`) });
const next = (page: Page) => page.getByRole("button", { name: "Étape suivante" }).click();

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** Goes through the six steps as « Amélie Lire »; `detailed` also checks errors, a child and screenshots. */
async function signUpAmelie(page: Page, host: string, email: string, detailed: boolean) {
  await visit(page, urlOf(host, "/creer-mon-compte"));
  await expect(stepHeading(page, 1)).toContainText("Conditions générales d'utilisation");
  if (detailed) await shot(page, "etape-1");
  await page.getByLabel("J'ai lu les conditions générales d'utilisation et je les accepte").check();
  await next(page);

  await expect(stepHeading(page, 2)).toBeFocused();
  if (detailed) {
    // A step shown with its errors is accessible too, and says what to fix.
    await next(page);
    const summary = page.getByRole("heading", { name: "Certaines informations sont à corriger." });
    await expect(summary).toBeVisible();
    await expect(page.getByRole("link", { name: "Indiquez vos prénoms." })).toBeVisible();
    await expect(stepHeading(page, 2)).toBeVisible();
    await expectAccessible(page);
    await shot(page, "etape-2-erreurs");
  }
  await page.getByLabel("Madame").check();
  await page.getByLabel("Prénom(s)").fill("Amélie");
  await page.getByLabel("Nom de naissance").fill("Lire");
  await page.getByLabel("Date de naissance").fill("14/05/1990");
  await page.getByLabel("Lieu de naissance").fill("Angers");
  await expectAccessible(page);
  await next(page);

  await expect(stepHeading(page, 3)).toBeFocused();
  await page.getByLabel("Adresse", { exact: true }).fill("3 rue des Lilas");
  await page.getByLabel("Code postal").fill("49070");
  await page.getByLabel("Commune", { exact: true }).fill("Beaucouzé");
  await page.getByLabel("Adresse électronique").fill(email);
  await expect(page.getByLabel("SMS")).toHaveCount(0); // no mobile, no SMS
  await page.getByLabel("Téléphone mobile (facultatif)").fill("06 12 34 56 78");
  await page.getByLabel("SMS").check();
  await expectAccessible(page);
  if (detailed) await shot(page, "etape-3");
  await next(page);

  await expect(stepHeading(page, 4)).toBeFocused();
  if (detailed) {
    await page.getByRole("button", { name: "Ajouter un enfant" }).click();
    const child = page.getByRole("group", { name: "Enfant 1" });
    await expect(child.getByLabel("Nom", { exact: true })).toHaveValue("Lire");
    await child.getByLabel("Prénom(s)").fill("Léa");
    await child.getByLabel("Date de naissance").fill("30/09/2016");
    await child.getByLabel("Féminin").check();
    await expectAccessible(page);
    await shot(page, "etape-4");
  }
  await next(page);

  await expect(stepHeading(page, 5)).toBeFocused();
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await expect(page.getByText("Solidité du mot de passe")).toBeVisible();
  await page.getByLabel("Confirmation du mot de passe").fill(PASSWORD);
  await page.getByLabel("Question de sécurité").selectOption("Quel est le titre de votre livre préféré ?");
  await page.getByLabel("Réponse à la question").fill("Dune");
  await expectAccessible(page);
  if (detailed) await shot(page, "etape-5");
  await next(page);

  await expect(stepHeading(page, 6)).toBeFocused();
  await expect(page.getByRole("main")).toContainText(email);
  if (detailed) await expect(page.getByRole("main")).toContainText("Léa Lire, née le 30/09/2016");
  await expectAccessible(page);
  // The captcha: a checkbox, then a second of proof of work in the browser.
  await page.locator("altcha-widget input[type=checkbox]").click({ force: true });
  await expect(page.locator("input[name=altcha]")).not.toHaveValue("", { timeout: 30_000 });
  if (detailed) await shot(page, "etape-6");
  await page.getByRole("button", { name: "Envoyer" }).click();

  const done = page.getByRole("heading", { level: 1, name: "Votre compte est créé" });
  await expect(done).toBeFocused({ timeout: 15_000 });
  await expectAccessible(page);
  if (detailed) await shot(page, "compte-cree");
  await expect(page.getByRole("link", { name: "Connexion" }).last()).toHaveAttribute("href", "/connexion");
}

test("Amélie Lire crée son compte par les six étapes, puis une homonyme reçoit amélie.lire2", async ({ page }) => {
  test.setTimeout(180_000);
  const host = hostOf();
  const project = test.info().project.name;
  const first = `amelie.lire.${project}@exemple.fr`;
  const second = `amelie.lire.bis.${project}@exemple.fr`;

  await signUpAmelie(page, host, first, true);
  await expect(page.getByText("amélie.lire", { exact: true })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("attend la validation de la mairie");

  const [welcome] = await mailbox(page, host, first);
  expect(welcome?.channel).toBe("EMAIL");
  expect(welcome?.text).toContain("Votre identifiant est : amélie.lire\n");

  // The link of the email confirms the address, once; opening it changes nothing by itself.
  const link = /https?:\/\/\S+\/confirmer-mon-adresse\/[A-Za-z0-9_-]{43}/.exec(welcome!.text)?.[0];
  expect(link).toBeDefined();
  const confirmPath = new URL(link!).pathname;
  await visit(page, urlOf(host, confirmPath));
  await page.reload();
  await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Votre adresse est confirmée" })).toBeFocused();
  await expectAccessible(page);
  await visit(page, urlOf(host, confirmPath));
  await expect(page.getByRole("heading", { level: 1, name: "Ce lien a déjà servi" })).toBeVisible();
  await visit(page, urlOf(host, "/confirmer-mon-adresse/lien-invente"));
  await expect(page.getByRole("heading", { level: 1, name: "Ce lien n'est pas valable" })).toBeVisible();

  await signUpAmelie(page, host, second, false);
  await expect(page.getByText("amélie.lire2", { exact: true })).toBeVisible();
  const [again] = await mailbox(page, host, second);
  expect(again?.text).toContain("Votre identifiant est : amélie.lire2\n");
});

test("les premières étapes se font entièrement au clavier", async ({ page }) => {
  const host = hostOf();
  await page.goto(urlOf(host, "/creer-mon-compte"));

  // Step 1: Space ticks the box, Enter on the button moves on.
  await tabTo(page, page.getByLabel("J'ai lu les conditions générales d'utilisation et je les accepte"));
  await page.keyboard.press("Space");
  await expect(page.getByLabel("J'ai lu les conditions générales d'utilisation et je les accepte")).toBeChecked();
  await pressOn(page, page.getByRole("button", { name: "Étape suivante" }));
  await expect(stepHeading(page, 2)).toBeFocused();

  // Step 2 sent empty: the summary takes the focus, and its links lead to the fields.
  await pressOn(page, page.getByRole("button", { name: "Étape suivante" }));
  const civilityError = page.getByRole("link", { name: "Choisissez votre civilité." });
  await expect(civilityError).toBeVisible();
  await pressOn(page, civilityError);
  await expect(page.getByLabel("Madame")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Madame")).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Prénom(s)")).toBeFocused();
  await page.keyboard.type("Amélie");
  await tabTo(page, page.getByLabel("Nom de naissance"));
  await page.keyboard.type("Lire");
  await tabTo(page, page.getByLabel("Date de naissance"));
  await page.keyboard.type("14/05/1990");
  await tabTo(page, page.getByLabel("Lieu de naissance"));
  await page.keyboard.type("Angers");
  await page.keyboard.press("Enter"); // Enter in a field moves on, like the button
  await expect(stepHeading(page, 3)).toBeFocused();

  // Step 3, then the household: « Ajouter un enfant » with the keyboard, the family name pre-filled.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Adresse", { exact: true })).toBeFocused();
  await page.keyboard.type("3 rue des Lilas");
  await tabTo(page, page.getByLabel("Code postal"));
  await page.keyboard.type("49070");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Beaucouzé");
  await tabTo(page, page.getByLabel("Adresse électronique"));
  await page.keyboard.type("clavier@exemple.fr");
  await page.keyboard.press("Enter");
  await expect(stepHeading(page, 4)).toBeFocused();
  await pressOn(page, page.getByRole("button", { name: "Ajouter un enfant" }));
  const child = page.getByRole("group", { name: "Enfant 1" });
  await expect(child.getByLabel("Prénom(s)")).toBeFocused();
  await page.keyboard.type("Léo");
  await expect(child.getByLabel("Nom", { exact: true })).toHaveValue("Lire");
  await expectAccessible(page);

  // Back with the keyboard: nothing typed is lost.
  await pressOn(page, page.getByRole("button", { name: "Étape précédente" }));
  await expect(stepHeading(page, 3)).toBeFocused();
  await expect(page.getByLabel("Adresse électronique")).toHaveValue("clavier@exemple.fr");
});

test("amélie.lire se connecte, attend sa validation, change son mot de passe puis le retrouve par courriel", async ({ page }) => {
  test.setTimeout(120_000);
  const host = hostOf();
  const email = `amelie.lire.${test.info().project.name}@exemple.fr`; // signed up, and confirmed, by the first test
  const changed = "tortue-piano-orage-17";
  const recovered = "cerise-boussole-lagune-8";

  // The identifiant typed without its accent finds the account.
  await signIn(page, host, "amelie.lire", PASSWORD);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Amélie");

  // Pending: the account cannot be changed yet, and the page says why.
  await visit(page, urlOf(host, "/compte/modifier"));
  await expect(page.getByText("Votre compte attend sa validation par la mairie").first()).toBeVisible();

  // SMS was chosen at sign-up: the mobile is confirmed with the code it receives.
  await visit(page, urlOf(host, "/compte"));
  await page.getByRole("button", { name: "Recevoir un nouveau code" }).click();
  await expect(page.getByText("Un nouveau code vient de vous être envoyé par SMS.")).toBeVisible();
  const [sms] = await mailbox(page, host, "0612345678");
  expect(sms?.channel).toBe("SMS");
  await page.getByLabel("Code reçu par SMS").fill(/(\d{6})/.exec(sms!.text)![1]!);
  await page.getByRole("button", { name: "Confirmer", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Confirmer mon mobile" })).toHaveCount(0);
  await expectAccessible(page);

  // The password can: the current one, then the new one twice.
  await visit(page, urlOf(host, "/compte/mot-de-passe"));
  await page.getByLabel("Mot de passe actuel").fill(PASSWORD);
  await page.getByRole("textbox", { name: "Nouveau mot de passe", exact: true }).fill(changed);
  await page.getByLabel("Confirmer le nouveau mot de passe").fill(changed);
  await page.getByRole("button", { name: "Sauver" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Votre mot de passe est modifié" })).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.waitForURL(urlOf(host, "/"));

  // Forgotten anyway: the link arrives by email, the security question, then a new password.
  await visit(page, urlOf(host, "/mot-de-passe-oublie"));
  await page.getByLabel("Identifiant").fill("amélie.lire");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Demande enregistrée" })).toBeVisible();
  const reset = (await mailbox(page, host, email)).find((m) => m.subject === "Choisir un nouveau mot de passe");
  const link = /https?:\/\/\S+\/mot-de-passe-oublie\/[A-Za-z0-9_-]+/.exec(reset?.text ?? "")?.[0];
  expect(link).toBeDefined();
  await visit(page, urlOf(host, new URL(link!).pathname));
  await page.getByLabel("Quel est le titre de votre livre préféré ?").fill("dune");
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(recovered);
  await page.getByLabel("Confirmez le nouveau mot de passe").fill(recovered);
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("heading", { name: "Votre mot de passe est changé" })).toBeVisible();
  await expectAccessible(page);

  // The old passwords no longer open the account; the new one does, in its own commune only.
  for (const old of [PASSWORD, changed]) {
    await page.goto(urlOf(host, "/connexion"));
    await page.getByLabel("Identifiant").fill("amélie.lire");
    await page.getByLabel("Mot de passe", { exact: true }).fill(old);
    await page.getByRole("button", { name: "Connexion" }).click();
    await expect(page.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
  }
  await page.goto(urlOf("sete.localhost", "/connexion"));
  await page.getByLabel("Identifiant").fill("amélie.lire");
  await page.getByLabel("Mot de passe", { exact: true }).fill(recovered);
  await page.getByRole("button", { name: "Connexion" }).click();
  await expect(page.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
  await signIn(page, host, "amélie.lire", recovered);
});
