import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, mailbox, signIn, signInAgent, urlOf, visit } from "./helpers";

// The back office's day: an agent of the commune validates a new account, instructs its request
// with the citizen (who follows it in another browser), receives the paper piece at the counter and
// accepts; the admin reads every step in the audit log. yvette.lambert and the agents of Beaucouzé (desktop)
// and Sète (phone) are this journey's only.
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");
const YVETTE_EMAIL = "yvette.lambert@exemple.fr";

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

/** Yvette asks for the collection of bulky items, the proof of address promised on paper. */
async function sendEncombrants(page: Page, host: string) {
  await page.goto(urlOf(host, "/services/encombrants/formulaire"));
  await page.getByLabel(/Objets à enlever/).fill("Une armoire démontée");
  await page.getByLabel(/Volume approximatif/).fill("2");
  await page.getByRole("button", { name: "Étape suivante" }).click();
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole("textbox", { name: /Date souhaitée/ }).fill(inTwoWeeks);
  await page.getByLabel(/Téléphone pour vous joindre/).fill("06 12 34 56 78");
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await page.getByRole("group", { name: /Justificatif de domicile/ }).getByLabel(/Je la fournirai sur papier/).check();
  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("heading", { name: "Votre demande est envoyée" })).toBeFocused({ timeout: 15_000 });
  return (await page.getByTestId("numero").innerText()).trim();
}

/** Opens an action of the request's page, fills it, reads the preview, confirms. */
async function instruct(page: Page, action: string, becomes: string, fill: Record<string, string> = {}) {
  const panel = page.locator("details").filter({ has: page.getByText(action, { exact: true }) });
  await panel.locator("summary").click();
  for (const [label, value] of Object.entries(fill)) await panel.getByLabel(label).fill(value);
  await panel.getByRole("button", { name: "Voir le message avant d'envoyer" }).click();
  const preview = panel.getByRole("status");
  await expect(preview).toContainText("Message qui sera envoyé par courriel à yvette.lambert@exemple.fr");
  for (const value of Object.values(fill)) if (!/interne/i.test(value)) await expect(preview).toContainText(value);
  await panel.getByRole("button", { name: `Confirmer : ${action}` }).click();
  await expect(page.getByText(`La demande est maintenant « ${becomes} »`)).toBeVisible({ timeout: 15_000 });
}

test("un agent valide un compte, instruit sa demande avec le citoyen, reçoit la pièce au guichet et accepte ; le journal garde chaque étape", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  const since = new Date(Date.now() - 1_000).toISOString();

  // Yvette, awaiting validation, may already send a request.
  const citizenContext = await browser.newContext({ locale: "fr-FR", viewport: page.viewportSize()! });
  const citizen = await citizenContext.newPage();
  await signIn(citizen, host, "yvette.lambert");
  const numero = await sendEncombrants(citizen, host);

  // The agent validates her account.
  await signInAgent(page, host, `agent@${slug}.localhost`);
  await page.getByRole("main").getByRole("link", { name: "Comptes à valider" }).click();
  await page.getByRole("link", { name: "Yvette Lambert" }).click();
  await expect(page.getByRole("main")).toContainText(numero);
  await page.getByRole("button", { name: "Valider ce compte" }).click();
  await expect(page.getByText("Compte validé.")).toBeVisible();

  // The queue, with the keyboard only: search by name, then Tab to the request's link.
  await visit(page, urlOf(host, "/admin/demandes"));
  await expectAccessible(page);
  await page.getByRole("searchbox", { name: "Numéro ou nom" }).focus();
  await page.keyboard.type("lambert");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=lambert/);
  const link = page.getByRole("link", { name: numero });
  await expect(link).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);
  await screenshot(page, "file-des-demandes");
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Enlèvement des encombrants" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("annoncée sur papier, pas encore reçue");
  await expectAccessible(page);

  await instruct(page, "Prendre en charge", "En cours d'instruction");
  await instruct(page, "Demander un complément", "Incomplète", { "Message au demandeur : ce qu'il doit fournir ou préciser": "Merci d'apporter votre justificatif de domicile à l'accueil." });
  await expectAccessible(page);
  await screenshot(page, "demande-agent");

  // Yvette sees what the town hall expects of her.
  await visit(citizen, urlOf(host, "/accueil"));
  const item = citizen.getByRole("listitem").filter({ hasText: `N° ${numero}` });
  await expect(item).toContainText("en attente de votre complément");
  await expect(item).toContainText("Merci d'apporter votre justificatif de domicile à l'accueil.");

  // She brings it to the counter: the agent ticks it, records the complement and accepts.
  await page.getByRole("button", { name: /Reçue au guichet : Justificatif de domicile/ }).click();
  await expect(page.getByText("Pièce enregistrée comme reçue au guichet.")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("reçue au guichet");
  await instruct(page, "Complément reçu", "En cours d'instruction");
  await instruct(page, "Accepter", "Acceptée", { "Message au demandeur": "Passage prévu le mardi matin." });

  await visit(citizen, urlOf(host, "/accueil"));
  await expect(citizen.getByRole("listitem").filter({ hasText: `N° ${numero}` })).toContainText("Étape 4 sur 4 : traitée (acceptée)");
  await expect
    .poll(async () => (await mailbox(page, host, YVETTE_EMAIL)).filter((m) => m.createdAt >= since && m.subject.includes(numero) && /accept/i.test(m.subject)).length)
    .toBe(1);
  await citizenContext.close();

  // The admin reads who did what.
  await page.context().clearCookies();
  await signInAgent(page, host, `admin@${slug}.localhost`);
  await visit(page, urlOf(host, `/admin/journal`));
  const rows = page.getByRole("row").filter({ hasText: numero });
  await expect(rows.filter({ hasText: "Changement de statut d'une demande" })).toHaveCount(4);
  await expect(rows.filter({ hasText: "Pièce reçue au guichet" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Validation d'un compte" }).first()).toBeVisible();
  await expectAccessible(page);
});
