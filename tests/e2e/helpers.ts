import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);

/** The URL of a page on a commune's host (Chromium resolves *.localhost to this machine). */
export function urlOf(host: string, path = "/") {
  return `http://${host}:${port}${path}`;
}

/** Opens a page and fails on any serious or critical accessibility violation (WCAG 2.1 A/AA). */
export async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  await expectAccessible(page);
  return response;
}

export async function expectAccessible(page: Page) {
  // A server action that refreshes the page re-renders its metadata: for a moment the document has
  // no title. Scan once it is back, or axe reports a missing title that no one would ever see.
  await expect.poll(() => page.title(), { message: "la page a un titre" }).not.toBe("");
  let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  // Sandboxed iframes (emails shown in the dev mailbox) cannot run axe and stall its frame walk:
  // scan the page itself only.
  if (await page.locator("iframe[sandbox]").count()) axe = axe.setLegacyMode(true).options({ iframes: false });
  const results = await axe.analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `Accessibilité de ${page.url()}`).toEqual([]);
}

export type MailboxMessage = { to: string; channel: "EMAIL" | "SMS"; subject: string; text: string; createdAt: string };

/** The dev mailbox of a commune for one address, newest first. */
export async function mailbox(page: Page, host: string, address: string): Promise<MailboxMessage[]> {
  // Node does not resolve *.localhost: ask 127.0.0.1 with the commune's Host header.
  const res = await page.request.get(`http://127.0.0.1:${port}/api/dev/mailbox?to=${encodeURIComponent(address)}`, {
    headers: { host: `${host}:${port}` },
  });
  expect(res.status()).toBe(200);
  return res.json();
}

/** The password of the demo citizens (prisma/seed.ts). */
export const DEMO_PASSWORD = "demo-compte-citoyen-2026";

/** Signs in through the login page and waits for the citizen's Accueil. */
export async function signIn(page: Page, host: string, identifiant: string, password = DEMO_PASSWORD) {
  await page.goto(urlOf(host, "/connexion"));
  await page.getByLabel("Identifiant").fill(identifiant);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Connexion" }).click();
  await page.waitForURL(urlOf(host, "/accueil"));
}

/**
 * Ticks « Je ne suis pas un robot » and waits for the proof of work. A click that lands before the
 * widget's script is ready is lost: tick again until it holds.
 */
export async function solveCaptcha(page: Page) {
  const box = page.locator("altcha-widget input[type=checkbox]");
  await expect(async () => {
    if (!(await box.isChecked())) await box.click({ force: true });
    await expect(page.locator("input[name=altcha]")).not.toHaveValue("", { timeout: 10_000 });
  }).toPass({ timeout: 45_000 });
}
