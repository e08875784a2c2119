import { expect, test } from "@playwright/test";
import { AGENT_PASSWORD, DEMO_PASSWORD, enterTotp, expectAccessible, signIn, signInAgent, urlOf } from "./helpers";

// The end of a session after 30 minutes without activity, without waiting for it: the page's clock
// is moved forward (Playwright's clock). noé.martin of Illkirch (desktop) and Saint-André (phone):
// nobody else signs in with him there. The admins of those communes sign in with signInAgent in
// other journeys too (a code used by one, the next is awaited); nobody signs them out.
const hostOf = () => (test.info().project.name === "ordinateur" ? "illkirch.localhost" : "saint-andre.localhost");

test("avant la fin de la session, « Rester connecté » la prolonge sur le serveur ; ignorée, elle se termine et la connexion ramène à la page", async ({ page, context }) => {
  test.setTimeout(90_000);
  const host = hostOf();
  await page.clock.install();
  await signIn(page, host, "noé.martin");
  // The page's first renewal sets its clock of the session: only then is it moved forward.
  // (this page's own renewal: the previous page's may still be on its way)
  const renewed = page.waitForResponse((r) => r.url().includes("/api/auth/session") && r.ok() && r.frame().url().includes("/compte"));
  await page.goto(urlOf(host, "/compte"));
  await renewed;
  await page.waitForTimeout(1_000); // the page reads the answer, then starts counting
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const sessionExpiry = async () => (await context.cookies()).find((c) => c.name.endsWith("cc.session"))?.expires ?? 0;
  const before = await sessionExpiry();
  expect(before).toBeGreaterThan(0);

  // 25 minutes without activity: the warning, announced and focused.
  await page.clock.fastForward("25:30");
  const dialog = page.getByRole("alertdialog", { name: "Votre session va bientôt expirer" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("vous serez déconnecté dans 5 minutes");
  await expect(dialog.getByRole("button", { name: "Rester connecté" })).toBeFocused();
  await expectAccessible(page, "avertissement");

  // « Rester connecté »: the server gives the session a new idle deadline.
  await page.waitForTimeout(1_100); // the cookie's expiry counts in seconds
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect.poll(sessionExpiry).toBeGreaterThan(before);

  // Ignored this time: the session ends (the browser drops the cookie at its end), the login page
  // says so, and signing in again comes back to the same page.
  await page.clock.fastForward("25:30");
  await expect(dialog).toBeVisible();
  await context.clearCookies();
  await page.clock.fastForward("05:00");
  await page.waitForURL(/\/connexion\?expiree=1&retour=%2Fcompte$/);
  await expect(page.getByText("Votre session a expiré")).toBeVisible();
  await expectAccessible(page, "expiree");
  await page.getByLabel("Identifiant").fill("noé.martin");
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Connexion" }).click();
  await page.waitForURL(urlOf(host, "/compte"));
});

test("un agent dont la session a expiré se reconnecte et revient à la page où il était", async ({ page, context }) => {
  test.setTimeout(150_000);
  const host = hostOf();
  const email = `admin@${host.split(".")[0]}.localhost`;
  await page.clock.install();
  await signInAgent(page, host, email);
  const renewed = page.waitForResponse((r) => r.url().includes("/api/admin/session") && r.ok() && r.frame().url().includes("/admin/demandes"));
  await page.goto(urlOf(host, "/admin/demandes?tri=ancien"));
  await renewed;
  await page.waitForTimeout(1_000); // the page reads the answer, then starts counting
  await page.clock.fastForward("25:30");
  const dialog = page.getByRole("alertdialog", { name: "Votre session va bientôt expirer" });
  await expect(dialog.getByRole("button", { name: "Rester connecté" })).toBeFocused();

  await context.clearCookies();
  await page.clock.fastForward("05:00");
  await page.waitForURL(/\/admin\/connexion\?expiree=1&retour=%2Fadmin%2Fdemandes%3Ftri%3Dancien$/);
  await expect(page.getByText("vous reviendrez à la page où vous étiez")).toBeVisible();
  await expectAccessible(page, "expiree");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(AGENT_PASSWORD);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Code de vérification" })).toBeVisible();
  // The code of the first sign-in works once: the next one, then back to the queue as it was.
  await enterTotp(page, email, { arrived: () => page.waitForURL(/\/admin\/demandes\?tri=ancien$/) });
  await expect(page).toHaveURL(urlOf(host, "/admin/demandes?tri=ancien"));
});
