import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAgent, urlOf, visit } from "./helpers";

// The town hall's side of invoices: an admin imports the billing software's CSV (one bad line,
// reported with its reason), marks an invoice « payée au guichet » after confirming, looks at the
// payments, then creates a key for the billing software (shown once), publishes with it through the
// API and revokes it. The admins of Beaucouzé (desktop) and Sète (phone); the invoices go to
// paul.girard, whose « Mes comptes » no other journey reads, with numbers unique to each run.
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

/** POST /api/v1/factures as the billing software would (Node does not resolve *.localhost: 127.0.0.1 with the Host header). */
function publish(page: Page, host: string, key: string, factures: object[]) {
  const port = new URL(urlOf(host)).port;
  return page.request.post(`http://127.0.0.1:${port}/api/v1/factures`, {
    headers: { host: `${host}:${port}`, authorization: `Bearer ${key}`, "content-type": "application/json" },
    data: JSON.stringify({ factures }),
  });
}

test("l'administrateur importe des factures (une ligne refusée et pourquoi), en marque une payée au guichet, puis crée une clé pour le logiciel de facturation, l'utilise et la révoque", async ({ page }) => {
  test.setTimeout(150_000);
  const host = hostOf();
  const slug = host.split(".")[0];
  const run = `${test.info().project.name === "ordinateur" ? "O" : "T"}${Date.now().toString(36).toUpperCase()}`;
  const numero = `E2E-${run}-1`;
  await signInAgent(page, host, `admin@${slug}.localhost`);

  await page.getByRole("main").getByRole("link", { name: "Factures", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Factures" })).toBeVisible();
  await expectAccessible(page);

  // The template downloads as a CSV that names the columns.
  // (Fetched by the page itself: a phone's browser offers no download to wait for.)
  const href = await page.getByRole("link", { name: "Télécharger le modèle de fichier (CSV)" }).getAttribute("href");
  const template = await page.evaluate(async (url) => {
    const response = await fetch(url!);
    return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
  }, href);
  expect(template).toMatchObject({ status: 200, type: "text/csv; charset=utf-8" });
  expect(template.text).toContain("regie;identifiant;numero;domaine;libelle;periode;montant;date_emission;date_echeance");

  const file = [
    "regie;identifiant;numero;domaine;libelle;periode;montant;date_emission;date_echeance",
    `Régie Ville;paul.girard;${numero};périscolaire;Accueil du soir;Novembre 2026;48,60;2026-11-03;30/11/2026`,
    `Régie Ville;paul.girard;E2E-${run}-2;scolaire;Restauration scolaire;Novembre 2026;douze euros;2026-11-03;2026-11-30`,
  ].join("\r\n");
  await page.getByLabel("Fichier CSV des factures").setInputFiles({ name: "factures-novembre.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${file}\r\n`) });
  await page.getByRole("button", { name: "Importer le fichier" }).click();
  await expect(page.getByText("1 facture importée, 1 ligne refusée.")).toBeVisible();
  const rejected = page.getByRole("table", { name: "Lignes refusées" });
  const refusedLine = rejected.getByRole("row").filter({ hasText: `E2E-${run}-2` });
  await expect(refusedLine.getByRole("cell").first()).toHaveText("3");
  await expect(refusedLine).toContainText("Montant invalide : « douze euros »");
  await expectAccessible(page, "erreurs");
  // The invoice is in the list, with its régie.
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: numero, exact: true }) });
  await expect(row).toContainText("Régie Ville");
  await expect(row).toContainText("À payer");
  await expectAccessible(page);
  await screenshot(page, "factures-import");

  // « Marquer payée au guichet », confirmed on the invoice's page.
  await row.getByRole("link", { name: /Marquer payée au guichet/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Facture ${numero}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Paiement au guichet" })).toContainText("48,60");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirmer le paiement au guichet" }).click();
  await expect(page.getByText("Facture marquée payée au guichet.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Paiement au guichet" })).toHaveCount(0);
  await expect(page.getByRole("main")).toContainText("Payée au guichet");
  await expectAccessible(page);

  await visit(page, urlOf(host, `/admin/factures?q=${encodeURIComponent(numero)}`));
  await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: numero, exact: true }) })).toContainText("Payée");
  await page.getByRole("link", { name: "Paiements en ligne par régie" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiements en ligne" })).toBeVisible();
  await expectAccessible(page);

  // A key for the billing software, shown once.
  await visit(page, urlOf(host, "/admin/parametres"));
  await page.getByRole("link", { name: "Clés d'accès pour la facturation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Clés d'accès pour la facturation" })).toBeVisible();
  await expectAccessible(page);
  const name = `Logiciel enfance ${run}`;
  await page.getByLabel("Nom de la clé").fill(name);
  await page.getByRole("button", { name: "Créer la clé" }).click();
  await expect(page.getByText(`Clé « ${name} » créée.`)).toBeVisible();
  const key = await page.getByLabel("Clé d'accès", { exact: true }).inputValue();
  expect(key).toMatch(/^cc_[A-Za-z0-9_-]{40}$/);
  const listed = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
  await expect(listed).toContainText(`Commence par ${key.slice(0, 11)}…`);
  await expectAccessible(page);
  await screenshot(page, "cle-creee");
  await page.reload();
  await expect(page.getByLabel("Clé d'accès", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText(key);

  // The billing software publishes with it; the invoice appears in the list.
  const apiNumero = `E2E-${run}-API`;
  const published = await publish(page, host, key, [{ regie: "Régie Ville", identifiant: "paul.girard", numero: apiNumero, domaine: "scolaire", libelle: "Restauration scolaire", periode: "Novembre 2026", montant: 31.2, date_emission: "2026-11-03", date_echeance: "2026-11-30" }]);
  expect(published.status()).toBe(200);
  expect(await published.json()).toMatchObject({ created: 1, skipped: 0, rejected: [] });
  await visit(page, urlOf(host, `/admin/factures?q=${encodeURIComponent(apiNumero)}`));
  await expect(page.getByRole("link", { name: apiNumero, exact: true })).toBeVisible();

  // Revoked: the key no longer opens the API.
  await visit(page, urlOf(host, "/admin/parametres/api"));
  await listed.locator("summary").click();
  await listed.getByRole("button", { name: `Confirmer la révocation de la clé « ${name} »` }).click();
  await expect(page.getByText(/Clé révoquée/)).toBeVisible();
  await expect(listed).toContainText("Révoquée le");
  await expectAccessible(page);
  expect((await publish(page, host, key, [{ numero: `E2E-${run}-X` }])).status()).toBe(401);
});
