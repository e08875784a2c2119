import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, mailbox, signIn, urlOf, visit } from "./helpers";

// Lucie pays her household's invoices with the simulated card form: two of the Ville régie in one
// basket, then the CCAS one alone. Illkirch (desktop) and Saint-André (phone): no other journey
// touches their invoices. Hugo, awaiting validation, sees no invoice and why.
const hostOf = () => (test.info().project.name === "ordinateur" ? "illkirch.localhost" : "saint-andre.localhost");
const REFUSAL = "Impossible d'ajouter cet article, vous devez d'abord payer ceux en attente dans votre panier";

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

/** The « Factures à payer » card of an invoice, by its label. */
const card = (page: Page, label: string) => page.locator("#a-payer ~ ul > li").filter({ hasText: label });

test("Lucie ajoute deux factures de la Ville, est arrêtée pour un doublon et pour le CCAS, paie, puis paie le CCAS seul", async ({ page }) => {
  test.setTimeout(150_000);
  const host = hostOf();
  await signIn(page, host, "lucie.bernard");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mes comptes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes comptes" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Factures à payer" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Consulter votre relevé" })).toBeVisible();
  await expectAccessible(page);
  // Paid five months ago: outside the three months of the statement.
  await expect(page.getByText(/-V-0051/)).toHaveCount(0);
  await screenshot(page, "mes-comptes");

  await card(page, "Restauration scolaire").getByRole("button", { name: /Ajouter au panier/ }).click();
  await expect(page.getByText("Facture ajoutée au panier.")).toBeVisible();
  await card(page, "Accueil périscolaire").getByRole("button", { name: /Ajouter au panier/ }).click();
  await expect(page.getByText("Facture ajoutée au panier.")).toBeVisible();

  // The same invoice again, then one of the CCAS: the seeds' message, and why.
  await card(page, "Restauration scolaire").getByRole("button", { name: /Ajouter au panier/ }).click();
  await expect(page.getByText(REFUSAL, { exact: true })).toBeVisible();
  await expect(page.getByText("Cette facture est déjà dans votre panier.")).toBeVisible();
  await card(page, "Portage de repas").getByRole("button", { name: /Ajouter au panier/ }).click();
  await expect(page.getByText(REFUSAL, { exact: true })).toBeVisible();
  await expect(page.getByText(/Votre panier contient des factures de la Régie Ville ; celle-ci est de la Régie CCAS/)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Accéder à votre panier" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Votre panier" })).toBeVisible();
  await expect(page.getByText("Total : 81,00 €")).toBeVisible(); // 48,60 € + 32,40 €
  await expectAccessible(page);
  await screenshot(page, "panier");
  await page.getByRole("button", { name: /^Payer/ }).click();

  // The simulated card form; back on the basket meanwhile, everything is held for the payment.
  await expect(page.getByRole("heading", { level: 1, name: "Paiement par carte" })).toBeVisible();
  await expectAccessible(page);
  const cardForm = page.url();
  await visit(page, urlOf(host, "/panier"));
  await expect(page.getByText(/Un paiement est en cours/)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Payer/ })).toHaveCount(0);
  await page.goto(cardForm);
  await page.getByRole("button", { name: "Payer", exact: true }).click();
  await expect(page.getByText("Paiement réussi : 81,00 €")).toBeVisible();
  await expectAccessible(page);

  // Both invoices are in the statement now, with their receipts; the receipt email came.
  await page.getByRole("link", { name: "Mes comptes" }).last().click();
  const statement = page.locator("#releve ~ ul");
  await expect(statement.getByText("Restauration scolaire (Léa, Tom)").first()).toBeVisible();
  await expect(statement.getByText("Accueil périscolaire (Tom)")).toBeVisible();
  await expect(card(page, "Accueil périscolaire")).toHaveCount(0);
  const receiptHref = await statement.locator("li").filter({ hasText: "Accueil périscolaire" }).getByRole("link", { name: /Reçu \(PDF\)/ }).getAttribute("href");
  const receipt = await page.evaluate(async (href) => {
    const response = await fetch(href);
    return { type: response.headers.get("content-type"), start: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)) };
  }, receiptHref!);
  expect(receipt).toEqual({ type: "application/pdf", start: "%PDF-" });
  const mails = await mailbox(page, host, "lucie.bernard@exemple.fr");
  // French amounts carry a narrow no-break space before the euro sign.
  expect(mails.map((m) => m.subject).filter((subject) => /^Paiement reçu : 81,00\s€$/.test(subject))).toHaveLength(1);

  // Now the CCAS invoice alone: the basket took the Ville's and is free again.
  await card(page, "Portage de repas").getByRole("button", { name: /Ajouter au panier/ }).click();
  await expect(page.getByText("Facture ajoutée au panier.")).toBeVisible();
  await page.getByRole("link", { name: "Accéder à votre panier" }).first().click();
  await expect(page.getByText("Total : 36,00 €")).toBeVisible();
  await page.getByRole("button", { name: /^Payer/ }).click();
  // Refused once: nothing paid, the invoice back in the basket; then paid.
  await page.getByRole("button", { name: "Refuser", exact: true }).click();
  await expect(page.getByText("Paiement refusé")).toBeVisible();
  await expectAccessible(page, "refus");
  await page.getByRole("link", { name: "Accéder à votre panier" }).click();
  await page.getByRole("button", { name: /^Payer/ }).click();
  await page.getByRole("button", { name: "Payer", exact: true }).click();
  await expect(page.getByText("Paiement réussi : 36,00 €")).toBeVisible();
  await visit(page, urlOf(host, "/mes-comptes"));
  await expect(page.locator("#releve ~ ul").getByText("Portage de repas à domicile").first()).toBeVisible();
  await screenshot(page, "releve");
});

test("un compte en attente de validation ne voit aucune facture, et sait pourquoi", async ({ page }) => {
  const host = hostOf();
  await signIn(page, host, "hugo.petit");
  await visit(page, urlOf(host, "/mes-comptes"));
  await expect(page.getByRole("heading", { name: "Vos factures paraîtront ici une fois votre compte validé" })).toBeVisible();
  await expect(page.getByText(/jusqu'à deux jours ouvrés/)).toBeVisible();
  await expect(page.getByText(/restauration scolaire, accueil périscolaire, petite enfance et CCAS/)).toBeVisible();
  await expect(page.getByRole("button", { name: /Ajouter au panier/ })).toHaveCount(0);
  // His empty basket and empty list of requests read well too.
  await page.goto(urlOf(host, "/panier"));
  await expectAccessible(page, "vide");
  await page.goto(urlOf(host, "/demandes"));
  await expectAccessible(page, "vide");
});
