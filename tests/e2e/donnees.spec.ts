import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, mailbox, signIn, signInAgent, urlOf, visit, waitForHydration } from "./helpers";

// « Mes données »: marc.durand (prisma/seed.ts: the demo citizen no other journey uses) reads what
// the commune holds, downloads it as JSON and PDF, asks for his account's deletion; an agent
// confirms it; he can no longer sign in. Beaucouzé on the phone project, Sète on the desktop one.
const hostOf = () => (test.info().project.name === "ordinateur" ? "sete.localhost" : "beaucouze.localhost");
const IDENTIFIANT = "marc.durand";
const ADDRESS = "marc.durand@exemple.fr";

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test("mes données : téléchargement JSON et PDF, demande de suppression, confirmation par un agent", async ({ page }) => {
  test.setTimeout(180_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  await signIn(page, host, IDENTIFIANT);

  await visit(page, urlOf(host, "/compte"));
  await page.getByRole("link", { name: /Mes données/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes données" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /conserve sur vous, et pourquoi/ })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "mes-donnees");

  // Both files, fetched by the page itself (a phone's browser offers no download to wait for).
  const fetchOf = (name: string) =>
    page.getByRole("link", { name }).getAttribute("href").then((href) =>
      page.evaluate(async (url) => {
        const response = await fetch(url!);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return {
          status: response.status, type: response.headers.get("content-type"), disposition: response.headers.get("content-disposition"),
          cache: response.headers.get("cache-control"), text: new TextDecoder().decode(bytes),
        };
      }, href),
    );
  const json = await fetchOf("Télécharger mes données en JSON (format réutilisable)");
  expect(json).toMatchObject({ status: 200, type: "application/json; charset=utf-8" });
  expect(json.disposition).toMatch(/^attachment; filename="mes-donnees-.+\.json"$/);
  expect(json.cache).toContain("no-store");
  const data = JSON.parse(json.text);
  expect(data.compte).toMatchObject({ identifiant: IDENTIFIANT, prenoms: "Marc", nomDeNaissance: "Durand", courriel: ADDRESS });
  expect(data.factures).toEqual([expect.objectContaining({ libelle: "Accueil du soir" })]);
  expect(json.text).not.toMatch(/argon2|passwordHash|securityAnswer/);
  const pdf = await fetchOf("Télécharger mes données en PDF");
  expect(pdf).toMatchObject({ status: 200, type: "application/pdf" });
  expect(pdf.disposition).toMatch(/^attachment; filename="mes-donnees-.+\.pdf"$/);
  expect(pdf.text.startsWith("%PDF-")).toBe(true);

  // Before asking: what goes, what stays and why.
  const deletion = page.getByRole("region", { name: "Supprimer mon compte" });
  await expect(deletion.getByRole("heading", { name: "Ce qui sera supprimé" })).toBeVisible();
  await expect(deletion.getByText("1 facture", { exact: true })).toBeVisible();
  await expect(deletion.getByText(/comptabilité publique oblige la commune à les garder/)).toBeVisible();

  // A wrong password is refused; the note stays as typed.
  await waitForHydration(page);
  await deletion.getByLabel("Mot de passe").fill("pas-le-bon-mot-de-passe");
  await deletion.getByLabel("Un mot pour la mairie (facultatif)").fill("Je quitte la commune.");
  await deletion.getByRole("button", { name: "Demander la suppression de mon compte" }).click();
  await expect(page.getByRole("link", { name: "Ce mot de passe n'est pas le bon." })).toBeVisible();
  await expect(deletion.getByLabel("Un mot pour la mairie (facultatif)")).toHaveValue("Je quitte la commune.");
  await expectAccessible(page);
  await shoot(page, "suppression-erreur");

  await deletion.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await deletion.getByRole("button", { name: "Demander la suppression de mon compte" }).click();
  await expect(page.getByText("Votre demande de suppression est envoyée à la mairie.")).toBeVisible();
  await expect(page.getByText(/^Suppression demandée le /)).toBeVisible();
  await expect(page.getByRole("button", { name: "Retirer ma demande de suppression" })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "suppression-demandee");

  // An agent finds the request among « Suppression demandée » and confirms it.
  await signInAgent(page, host, `agent@${slug}.localhost`);
  await visit(page, urlOf(host, "/admin/comptes?statut=SUPPRESSION"));
  await page.getByRole("link", { name: "Marc Durand" }).click();
  const panel = page.getByRole("region", { name: "Demande de suppression du compte" });
  await expect(panel.getByText("Je quitte la commune.", { exact: false })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "agent-demande");
  await panel.getByRole("button", { name: "Confirmer la suppression" }).click();
  await expect(page.getByText("Compte supprimé. Le titulaire en est averti à son ancienne adresse.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Durand");
  await expectAccessible(page);
  await shoot(page, "agent-supprime");

  // He is told by email, his session is over, and his identifiant opens nothing any more.
  await expect(async () => {
    const mails = await mailbox(page, host, ADDRESS);
    expect(mails.some((m) => m.subject === "Votre Compte Citoyen est supprimé")).toBe(true);
  }).toPass({ timeout: 10_000 });
  await page.goto(urlOf(host, "/compte/donnees"));
  await expect(page).toHaveURL(/\/connexion\?retour=/);
  await page.getByLabel("Identifiant").fill(IDENTIFIANT);
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Connexion" }).click();
  await expect(page.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
  await expectAccessible(page);
});
