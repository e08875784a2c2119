import { expect, test, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { expectAccessible, mailbox, signIn, urlOf, visit } from "./helpers";

// Following a request: the town hall moves it (here through the demo-mode route, until the agents'
// back office exists), the citizen sees the four squares, completes it, reads the PDF, filters
// « Mes demandes ». claire.moreau on communes no other journey signs her into.
const hostOf = () => (test.info().project.name === "ordinateur" ? "illkirch.localhost" : "saint-andre.localhost");
const CLAIRE_EMAIL = "claire.moreau@exemple.fr";
const port = Number(process.env.E2E_PORT || 3100);

/** Moves a request as an agent would (POST /api/dev/demandes/<numero>, demo mode only). */
async function agentMoves(page: Page, host: string, numero: string, change: Record<string, string>) {
  const res = await page.request.post(`http://127.0.0.1:${port}/api/dev/demandes/${numero}`, { headers: { host: `${host}:${port}` }, data: change });
  expect(res.status(), await res.text()).toBe(200);
}

const progressOf = (page: Page, numero: string) => page.getByRole("listitem").filter({ hasText: `N° ${numero}` });

async function sendSignalement(page: Page, host: string) {
  await page.goto(urlOf(host, "/services/signalement-voirie/formulaire"));
  await page.getByLabel("Éclairage public").check();
  await page.getByLabel(/^Lieu/).fill("Rue des Écoles");
  await page.getByLabel(/Description/).fill("Le lampadaire devant le numéro 4 ne s'allume plus.");
  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("heading", { name: "Votre demande est envoyée" })).toBeFocused({ timeout: 15_000 });
  return (await page.getByTestId("numero").innerText()).trim();
}

async function sendCantineForJules(page: Page, host: string) {
  await page.goto(urlOf(host, "/services/periscolaire-cantine/formulaire"));
  await page.getByLabel("Jules Moreau").check();
  await page.getByLabel("Restauration scolaire").check();
  await page.getByLabel("Lundi").check();
  await page.getByRole("group", { name: /allergie/ }).getByLabel("Non").check();
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("heading", { name: "Votre demande est envoyée" })).toBeFocused({ timeout: 15_000 });
  return (await page.getByTestId("numero").innerText()).trim();
}

test("la mairie instruit, Claire complète sa demande, suit les quatre carrés, lit le PDF et filtre ses demandes", async ({ page }) => {
  test.setTimeout(180_000);
  const host = hostOf();
  const since = new Date(Date.now() - 1_000).toISOString();
  await signIn(page, host, "claire.moreau");
  const numero = await sendSignalement(page, host);
  const cantine = await sendCantineForJules(page, host);

  await agentMoves(page, host, numero, { to: "EN_COURS" });
  await agentMoves(page, host, numero, { to: "INCOMPLETE", publicMessage: "Précisez de quel côté de la rue se trouve le lampadaire." });
  await visit(page, urlOf(host, "/accueil"));
  const item = progressOf(page, numero);
  await expect(item).toContainText("Étape 2 sur 4 : en cours de traitement (en attente de votre complément)");
  await expect(item).toContainText("Précisez de quel côté de la rue se trouve le lampadaire.");
  await expect(progressOf(page, cantine)).toContainText("Étape 1 sur 4 : reçue");

  await item.getByRole("link", { name: /Compléter ma demande/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compléter ma demande" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Envoyer mon complément" }).click();
  await expect(page.getByRole("link", { name: /Écrivez votre réponse/ })).toBeVisible();
  await page.getByLabel(/Votre réponse à la mairie/).fill("Côté pair, face à la boulangerie.");
  await page.getByRole("button", { name: "Envoyer mon complément" }).click();
  await expect(page.getByText("Votre complément est envoyé")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("main")).toContainText("Côté pair, face à la boulangerie.");
  await expectAccessible(page);

  await agentMoves(page, host, numero, { to: "COMPLETE" });
  await visit(page, urlOf(host, "/accueil"));
  await expect(progressOf(page, numero)).toContainText("Étape 3 sur 4 : complète");
  await agentMoves(page, host, numero, { to: "ACCEPTEE", publicMessage: "Le lampadaire sera réparé jeudi." });
  await visit(page, urlOf(host, "/accueil"));
  await expect(progressOf(page, numero)).toContainText("Étape 4 sur 4 : traitée (acceptée)");

  // Every step reached her inbox.
  await expect
    .poll(async () => (await mailbox(page, host, CLAIRE_EMAIL)).filter((m) => m.createdAt >= since && m.subject.includes(numero)).map((m) => m.subject).sort())
    .toEqual([
      `Demande ${numero} : complément bien reçu`,
      `Demande ${numero} : dossier complet`,
      `Demande ${numero} : en cours d'instruction`,
      `Demande ${numero} : il manque un élément`,
      `Demande ${numero} acceptée`,
      `Demande ${numero} reçue`,
    ]);

  // The request's page, its decision and its PDF.
  await progressOf(page, numero).getByRole("link", { name: "Signalement sur la voirie" }).click();
  await expect(page.getByRole("heading", { name: "Décision : Acceptée" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Le lampadaire sera réparé jeudi.");
  await expectAccessible(page);
  // Fetched by the page itself: its session cookie belongs to the commune's host.
  const pdf = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { type: response.headers.get("content-type"), bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
  }, `/demandes/${numero}/pdf`);
  expect(pdf.type).toBe("application/pdf");
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.bytes)), { mergePages: true });
  expect(text).toContain(numero);
  expect(text).toContain("Le lampadaire devant le numéro 4 ne s'allume plus.");

  // « Mes demandes »: by person, by progress.
  await visit(page, urlOf(host, "/demandes"));
  await page.getByLabel("Personne concernée").selectOption({ label: "Jules Moreau" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/pour=/);
  await expect(page.getByText(`N° ${cantine}`, { exact: false })).toBeVisible();
  await expect(page.getByText(`N° ${numero}`, { exact: false })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel("Personne concernée").selectOption({ label: "Tout le foyer" });
  await page.getByLabel("Avancement").selectOption({ label: "Traitées" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByText(`N° ${numero}`, { exact: false })).toBeVisible();
  await expect(page.getByText(`N° ${cantine}`, { exact: false })).toHaveCount(0);

  // Her messages, with their delivery.
  await visit(page, urlOf(host, "/messages"));
  await expect(page.getByText(`Demande ${numero} acceptée`)).toBeVisible();
});

test("Claire retire une demande dont elle n'a plus besoin, après confirmation", async ({ page }) => {
  test.setTimeout(120_000);
  const host = hostOf();
  await signIn(page, host, "claire.moreau");
  const numero = await sendSignalement(page, host);
  await visit(page, urlOf(host, `/demandes/${numero}`));
  await page.getByRole("link", { name: "Retirer ma demande" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Garder ma demande" }).click();
  await expect(page.getByRole("button", { name: "Confirmer le retrait" })).toHaveCount(0);
  await page.getByRole("link", { name: "Retirer ma demande" }).click();
  await page.getByRole("button", { name: "Confirmer le retrait" }).click();
  await expect(page.getByText("Votre demande est retirée.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Décision : Classée sans suite" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Retirée par le demandeur");
  await expect(page.getByRole("link", { name: "Retirer ma demande" })).toHaveCount(0);
});

test("le numéro et le code de suivi montrent une demande sans compte, et elle seule", async ({ page }) => {
  const host = hostOf();
  // Another citizen's request number with a made-up code: nothing is revealed.
  await visit(page, urlOf(host, "/suivi"));
  await page.getByLabel("Numéro de demande").fill("ILL-2026-000001");
  await page.getByLabel("Code de suivi").fill("ABCDE-FGHJK");
  await page.getByRole("button", { name: "Suivre ma demande" }).click();
  await expect(page.getByRole("main")).toContainText("Aucune demande ne correspond à ce numéro et à ce code de suivi.");
  await expect(page.getByRole("main")).not.toContainText("Signalement");
  await expectAccessible(page);
});
