import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAgent, urlOf, visit } from "./helpers";

// Saint-André's admin (desktop; Illkirch's on a phone) changes the colour, the logo and a FAQ answer;
// the public site shows all three without a restart. The colour is each commune's own, unlike any
// other commune's (communes.spec compares them).
const hostOf = () => (test.info().project.name === "ordinateur" ? "saint-andre.localhost" : "illkirch.localhost");

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

// A logo drawn in SVG, with what a hostile file could carry: it is redrawn, so none of it survives.
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="8" fill="#7c2d12"/><circle cx="32" cy="32" r="18" fill="#fde68a"/>
  <script>document.title = "piraté"</script>
</svg>`;

test("l'administrateur change la couleur (une couleur illisible est refusée), le logo et une réponse de la FAQ ; le site public montre les trois", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  const [colour, rgb] = host === "saint-andre.localhost" ? ["#7c2d12", "rgb(124, 45, 18)"] : ["#134e4a", "rgb(19, 78, 74)"];
  await signInAgent(page, host, `admin@${slug}.localhost`);
  await visit(page, urlOf(host, "/admin/parametres"));

  const primary = page.getByRole("textbox", { name: "Couleur principale", exact: true });
  await primary.fill("#fbbf24");
  await page.getByRole("button", { name: "Enregistrer l'identité et les couleurs" }).click();
  await expect(page.getByRole("link", { name: /couleur principale est trop claire/ })).toBeVisible();
  await primary.fill(colour);
  await page.getByRole("button", { name: "Enregistrer l'identité et les couleurs" }).click();
  await expect(page.getByText("Enregistré : le portail affiche déjà ces informations.")).toBeVisible();

  // A file that is no image is refused and said so; the SVG is taken.
  await page.getByLabel("Nouveau logo").setInputFiles({ name: "logo.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a pas vraiment") });
  await page.getByRole("button", { name: "Envoyer le logo" }).click();
  await expect(page.getByRole("link", { name: "Le logo doit être une image PNG ou SVG." })).toBeVisible();
  await page.getByLabel("Nouveau logo").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(LOGO) });
  await page.getByRole("button", { name: "Envoyer le logo" }).click();
  await expect(page.getByText("Logo enregistré : le portail, les courriels et les PDF l'affichent déjà.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Logo actuel de la commune" })).toHaveAttribute("src", /^\/logo\.png\?v=[0-9a-f]{12}$/);
  await expectAccessible(page);
  await screenshot(page, "identite-logo");

  await visit(page, urlOf(host, "/admin/parametres/faq"));
  const entry = page.getByRole("listitem").filter({ has: page.locator("details") }).first();
  const question = (await entry.locator("summary").first().innerText()).trim();
  await entry.locator("summary").first().click();
  const answer = `Réponse revue par la mairie ${slug}, le ${new Date().toLocaleDateString("fr-FR")}.`;
  await entry.getByLabel("Réponse").fill(answer);
  await entry.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Question enregistrée")).toBeVisible();

  // The public site, for a visitor: colour, logo and answer, at once.
  const visitor = await (await browser.newContext({ locale: "fr-FR" })).newPage();
  await visit(visitor, urlOf(host, "/"));
  expect(await visitor.locator("header").first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb);
  const logo = visitor.locator("header img").first();
  await expect(logo).toHaveAttribute("src", /^\/logo\.png\?v=/);
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const served = await visitor.evaluate(async (src) => {
    const response = await fetch(src);
    return { type: response.headers.get("content-type"), script: new TextDecoder().decode(await response.arrayBuffer()).includes("script") };
  }, (await logo.getAttribute("src"))!);
  expect(served).toEqual({ type: "image/png", script: false });
  await expect(visitor).not.toHaveTitle("piraté");
  await visit(visitor, urlOf(host, "/faq"));
  await expect(visitor.getByRole("main")).toContainText(question);
  await expect(visitor.getByText(answer)).toBeAttached();
  await screenshot(visitor, "identite-portail");
});
