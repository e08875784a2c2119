import { expect, test } from "@playwright/test";
import { mailbox, urlOf, visit } from "./helpers";

test("la boîte de démonstration montre le courriel d'essai aux couleurs de la commune, envoyé par le worker", async ({ page }, info) => {
  const address = `essai-${info.project.name}-${Date.now()}@exemple.fr`;
  await visit(page, urlOf("beaucouze.localhost", "/dev/messages"));
  await page.getByLabel("Destinataire").fill(address);
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page).toHaveURL(/envoye=1/);
  await expect(page.getByRole("status")).toContainText("Le message d'essai est dans la boîte");

  const frame = page.frameLocator("iframe[title^='Courriel']").first();
  await expect(frame.getByRole("heading", { name: "Message d'essai" })).toBeVisible();
  await expect(frame.locator("body")).toContainText("Beaucouzé");
  await expect(frame.locator("body")).toContainText("merci de ne pas répondre");

  // The worker runs beside the web server: the message leaves the queue by itself.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Courriel à .* · Envoyé/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await visit(page, page.url());
  await page.screenshot({ path: info.outputPath("boite-de-demonstration.png"), fullPage: true });

  const list = await mailbox(page, "beaucouze.localhost", address);
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ to: address, channel: "EMAIL" });
  expect(list[0]!.text).toContain("Compte Citoyen de Beaucouzé");
  // Another commune's mailbox does not show it.
  expect(await mailbox(page, "sete.localhost", address)).toEqual([]);
});

test("une adresse invalide est signalée sans rien envoyer", async ({ page }) => {
  await page.goto(urlOf("sete.localhost", "/dev/messages"));
  await page.getByLabel("Destinataire").fill("pas-une-adresse");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("status")).toContainText("Saisissez une adresse électronique valide");
  await visit(page, page.url());
  expect(await mailbox(page, "sete.localhost", "pas-une-adresse")).toEqual([]);
});
