import { expect, test } from "@playwright/test";
import { urlOf, visit } from "./helpers";

const communes = [
  { host: "beaucouze.localhost", name: "Beaucouzé", official: "Mairie de Beaucouzé" },
  { host: "sete.localhost", name: "Sète", official: "Mairie de Sète" },
];

for (const commune of communes) {
  test(`${commune.name} : accueil et FAQ à ses couleurs`, async ({ page }) => {
    const response = await visit(page, urlOf(commune.host));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(commune.name);
    await expect(page.locator("footer")).toContainText(commune.official);
    await expect(page).toHaveTitle(new RegExp(commune.name));

    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Questions fréquentes" }).click();
    await expect(page).toHaveURL(urlOf(commune.host, "/faq"));
    await visit(page, page.url());
    await expect(
      page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Questions fréquentes" }),
    ).toHaveAttribute("aria-current", "page");
    // Table of contents: a question's link leads to its answer, which leads back to the contents.
    const toc = page.getByRole("navigation", { name: "Sommaire" });
    const firstQuestion = toc.locator("ul a").first();
    const question = (await firstQuestion.textContent())!.trim();
    await firstQuestion.click();
    await expect(page.getByRole("heading", { level: 3, name: question })).toBeInViewport();
    await page.getByRole("link", { name: "Retour au sommaire" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Questions fréquentes" })).toBeInViewport();
    await expect(page.locator("main")).toContainText(commune.name);
  });

  test(`${commune.name} : mentions légales, données personnelles et accessibilité`, async ({ page }) => {
    for (const [path, title] of [
      ["/mentions-legales", "Mentions légales"],
      ["/donnees-personnelles", "Données personnelles"],
      ["/accessibilite", "Déclaration d'accessibilité"],
    ] as const) {
      const legal = await visit(page, urlOf(commune.host, path));
      expect(legal?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      await expect(page.locator("main")).toContainText(commune.name);
    }
    // The statement: its état de conformité, how to report a problem to this commune, the recourse.
    await expect(page.getByRole("heading", { level: 2, name: "État de conformité" })).toBeVisible();
    await expect(page.locator("main")).toContainText(/est (totalement|partiellement|non) conforme avec le référentiel/);
    await expect(page.getByRole("heading", { level: 2, name: "Retour d'information et contact" })).toBeVisible();
    await expect(page.locator("main")).toContainText("Défenseur des droits");
  });
}

test("deux communes n'ont ni le même nom ni les mêmes couleurs", async ({ page }) => {
  const brandOf = async (host: string) => {
    await page.goto(urlOf(host));
    const header = page.locator("header").first();
    return { name: await header.innerText(), colour: await header.evaluate((el) => getComputedStyle(el).backgroundColor) };
  };
  const beaucouze = await brandOf("beaucouze.localhost");
  const sete = await brandOf("sete.localhost");
  expect(beaucouze.name).toContain("Beaucouzé");
  expect(sete.name).toContain("Sète");
  expect(beaucouze.colour).not.toBe(sete.colour);
});

test("l'adresse nue liste les communes avec un lien vers chacune", async ({ page }) => {
  await visit(page, urlOf("localhost"));
  for (const name of ["Sète", "Beaucouzé", "Illkirch-Graffenstaden", "Saint-André-des-Eaux"]) {
    await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  }
  await page.getByRole("link", { name: /Beaucouzé/ }).click();
  await expect(page).toHaveURL(urlOf("beaucouze.localhost"));
});

test("une adresse inconnue reçoit une page 404", async ({ page }) => {
  const response = await visit(page, urlOf("inconnue.localhost"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Adresse inconnue");
  const faq = await page.goto(urlOf("inconnue.localhost", "/faq"));
  expect(faq?.status()).toBe(404);
});

test("une page inexistante d'une commune est une 404 à ses couleurs", async ({ page }) => {
  const response = await visit(page, urlOf("sete.localhost", "/nulle-part"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  await expect(page.locator("header")).toContainText("Sète");
});

test("un autre nom de la commune redirige vers son adresse principale", async ({ page }) => {
  const redirects: number[] = [];
  page.on("response", (r) => {
    if (r.status() >= 300 && r.status() < 400) redirects.push(r.status());
  });
  await page.goto(urlOf("www.sete.localhost", "/faq"));
  await expect(page).toHaveURL(urlOf("sete.localhost", "/faq"));
  expect(redirects).toContain(308);
});

test("des en-têtes forgés ne changent pas de commune", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-Host": "beaucouze.localhost", "X-Tenant": "beaucouze" });
  await page.goto(urlOf("sete.localhost"));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sète");
  await expect(page.locator("body")).not.toContainText("Beaucouzé");
});

test("le lien d'évitement mène au contenu", async ({ page, isMobile }) => {
  test.skip(isMobile, "clavier : sur ordinateur");
  await page.goto(urlOf("sete.localhost"));
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#contenu$/);
});
