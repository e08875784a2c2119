import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, mailbox, signIn, solveCaptcha, urlOf, visit } from "./helpers";

// Démarches, as citizens do them (claire.moreau: no other journey signs her in or out): a draft kept across a sign-out, pieces online and on paper,
// an expired session that loses nothing, and an acte requested without an account. One commune
// per Playwright project (phone and desktop run in parallel on one database).
const hostOf = () => (test.info().project.name === "ordinateur" ? "beaucouze.localhost" : "sete.localhost");
const CLAIRE_EMAIL = "claire.moreau@exemple.fr";

const stepHeading = (page: Page, n: number, of: number) => page.getByRole("heading", { level: 2, name: new RegExp(`Étape ${n} sur ${of}`) });
const saved = (page: Page) => page.getByRole("status").filter({ hasText: /Brouillon enregistré à \d{1,2} h \d{2}/ });

/** A tiny valid PNG (1×1 pixel). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${test.info().project.name}.png`), fullPage: true });
}

test("Claire commence les encombrants, se déconnecte, reprend depuis l'accueil, joint une photo, garde une pièce pour le papier et envoie", async ({ page }) => {
  test.setTimeout(180_000);
  const host = hostOf();
  const since = new Date(Date.now() - 1_000).toISOString();
  await signIn(page, host, "claire.moreau");

  await visit(page, urlOf(host, "/services/encombrants"));
  await page.getByRole("link", { name: "Commencer la démarche" }).click();
  await expect(stepHeading(page, 1, 3)).toBeVisible();
  await expectAccessible(page);
  // Pre-filled from the account: the address is there already.
  await expect(page.getByLabel("Numéro et voie")).not.toHaveValue("");

  // « Étape suivante » on an empty step: errors, named in the summary, tied to their fields.
  await page.getByRole("button", { name: "Étape suivante" }).click();
  const summary = page.getByRole("heading", { name: "Certaines informations sont à corriger." });
  await expect(summary).toBeVisible();
  await expect(page.getByRole("link", { name: /Objets à enlever : ce champ est obligatoire/ })).toBeVisible();
  await expect(page.getByLabel(/Objets à enlever/)).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await screenshot(page, "encombrants-erreurs");

  await page.getByLabel(/Objets à enlever/).fill("Un canapé trois places et deux chaises");
  await page.getByLabel(/Volume approximatif/).fill("2,5");
  // The autosave, a few seconds after the last key.
  await expect(saved(page)).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await expect(stepHeading(page, 2, 3)).toBeFocused();
  await expect(page).toHaveURL(/brouillon=[0-9a-f-]{36}&etape=2/);
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole("textbox", { name: /Date souhaitée/ }).fill(inTwoWeeks);
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(saved(page)).toBeVisible();
  await expectAccessible(page);

  // She leaves, signs out, comes back later.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.waitForURL(urlOf(host, "/"));
  await signIn(page, host, "claire.moreau");
  const drafts = page.getByRole("region", { name: "Mes brouillons" });
  await expect(drafts).toContainText("Enlèvement des encombrants");
  await expectAccessible(page);
  await drafts.getByRole("link", { name: /Reprendre/ }).first().click();
  await expect(stepHeading(page, 1, 3)).toBeVisible();
  await expect(page.getByLabel(/Objets à enlever/)).toHaveValue("Un canapé trois places et deux chaises");
  await expect(page.getByLabel(/Volume approximatif/)).toHaveValue("2,5");
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await expect(page.getByRole("textbox", { name: /Date souhaitée/ })).toHaveValue(inTwoWeeks);
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await expect(stepHeading(page, 3, 3)).toBeFocused();

  // A wrong file is refused with a clear message; a photo goes through; the other piece on paper.
  const photo = page.getByRole("group", { name: /Photo des objets/ });
  await photo.getByLabel("Choisir un fichier").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });
  await expect(photo.getByRole("alert")).toHaveText("Ce fichier n'est pas une image JPEG ou PNG : choisissez un fichier dans l'un de ces formats.");
  await expectAccessible(page, "erreurs");
  await photo.getByLabel("Choisir un fichier").setInputFiles({ name: "canape.png", mimeType: "image/png", buffer: PNG });
  // Sent, the piece is a link to it, and the focus is there.
  await expect(photo.getByRole("link", { name: "canape.png" })).toBeFocused({ timeout: 15_000 });
  await page.getByRole("group", { name: /Justificatif de domicile/ }).getByLabel(/Je la fournirai sur papier/).check();
  await expectAccessible(page);
  await screenshot(page, "encombrants-pieces");

  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Vérifier mes réponses/ })).toBeFocused();
  const review = page.getByRole("main");
  await expect(review).toContainText("Un canapé trois places et deux chaises");
  await expect(review).toContainText("canape.png");
  await expect(review).toContainText("Fournie sur papier");
  await expectAccessible(page);
  // « Modifier » goes back to its step, and the way forward keeps everything.
  await page.getByRole("button", { name: "Modifier « Vos encombrants »" }).click();
  await expect(stepHeading(page, 1, 3)).toBeFocused();
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();

  // A double click sends one request.
  await page.getByRole("button", { name: "Envoyer" }).dblclick();
  await expect(page.getByRole("heading", { name: "Votre demande est envoyée" })).toBeFocused({ timeout: 15_000 });
  const numero = (await page.getByTestId("numero").innerText()).trim();
  expect(numero).toMatch(host.startsWith("sete") ? /^SET-\d{4}-\d{6}$/ : /^BCZ-\d{4}-\d{6}$/);
  await expect(page.getByRole("main")).toContainText("Justificatif de domicile de moins de trois mois");
  await expectAccessible(page);
  await screenshot(page, "encombrants-envoyee");

  // The acknowledgement, and the request on Accueil.
  await expect.poll(async () => (await mailbox(page, host, CLAIRE_EMAIL)).filter((m) => m.createdAt >= since && m.subject.includes(numero)).length).toBe(1);
  await visit(page, urlOf(host, "/accueil"));
  const latest = page.getByRole("region", { name: "Mes dernières demandes" });
  await expect(latest.getByText(`N° ${numero}`)).toHaveCount(1);
  await expect(latest).toContainText("Étape 1 sur 4 : reçue");
  await expect(page.getByRole("region", { name: "Mes brouillons" })).not.toContainText("Enlèvement des encombrants");
});

test("une session expirée pendant la saisie ne perd rien : tout est enregistré après la reconnexion", async ({ page, context }) => {
  test.setTimeout(120_000);
  const host = hostOf();
  await signIn(page, host, "claire.moreau");
  await page.goto(urlOf(host, "/services/signalement-voirie/formulaire?nouveau=1"));
  await page.getByLabel("Éclairage public").check();
  await page.getByLabel(/^Lieu/).fill("Devant l'école");
  await expect(saved(page)).toBeVisible({ timeout: 15_000 });

  // The session ends (idle too long, signed out in another tab) while she types.
  await context.clearCookies();
  await page.getByLabel(/Description/).fill("Le lampadaire clignote toute la nuit depuis lundi.");
  const expired = page.getByText("Votre session a expiré", { exact: false }).first();
  await expect(expired).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page);
  await page.getByRole("link", { name: "Me reconnecter" }).first().click();
  await page.getByLabel("Identifiant").fill("claire.moreau");
  await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
  // Back on the form, the answers kept in the tab are saved at once: wait for that save, not for the
  // status drawn by the server before it (the draft as it was when the session ended).
  const restoredSave = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/formulaire"), { timeout: 30_000 });
  await page.getByRole("button", { name: "Connexion" }).click();

  // Back on the form: what she typed is there, and saved.
  await expect(page.getByLabel(/Description/)).toHaveValue("Le lampadaire clignote toute la nuit depuis lundi.", { timeout: 15_000 });
  await expect(page.getByLabel(/^Lieu/)).toHaveValue("Devant l'école");
  await restoredSave;
  await expect(saved(page)).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByLabel(/Description/)).toHaveValue("Le lampadaire clignote toute la nuit depuis lundi.");

  // Reopening the démarche offers to resume it or start over; starting over deletes this draft.
  await visit(page, urlOf(host, "/services/signalement-voirie/formulaire"));
  await expect(page.getByRole("heading", { name: "Vous avez déjà commencé cette démarche" })).toBeVisible();
  const count = await page.getByRole("link", { name: "Recommencer" }).count();
  await page.getByRole("link", { name: "Recommencer" }).first().click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Supprimer et recommencer" }).click();
  await expect(page.getByLabel(/^Lieu/)).toHaveValue("");
  await page.goto(urlOf(host, "/accueil"));
  await expect(page.getByRole("region", { name: "Mes brouillons" }).getByText("Signalement sur la voirie")).toHaveCount(count - 1);
});

test("sans compte, une personne demande un acte de naissance avec le captcha et reçoit numéro et code de suivi", async ({ page }) => {
  test.setTimeout(120_000);
  const host = hostOf();
  const email = `demandeur.${test.info().project.name}.${Date.now()}@exemple.fr`;
  await visit(page, urlOf(host, "/services/acte-de-naissance"));
  await page.getByRole("link", { name: "Commencer la démarche" }).click();
  await expect(stepHeading(page, 1, 2)).toBeVisible();
  await page.getByLabel("Copie intégrale").check();
  await page.getByLabel(/Nom de la personne concernée/).fill("Martin");
  await page.getByLabel(/Prénom\(s\) de la personne concernée/).fill("Jeanne");
  await page.getByRole("textbox", { name: /Date de naissance/ }).fill("1990-05-14");
  await page.getByLabel(/Nombre d'exemplaires/).fill("1");
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await expect(stepHeading(page, 2, 2)).toBeFocused();
  await page.getByLabel(/^Votre nom/).fill("Martin");
  await page.getByLabel(/^Votre prénom/).fill("Paul");
  await page.getByLabel(/Votre adresse électronique/).fill("pas-une-adresse");
  await page.getByLabel("Numéro et voie").fill("3 rue des Lilas");
  await page.getByLabel("Code postal").fill("34200");
  await page.getByLabel("Commune").fill("Sète");
  await page.getByLabel(/Vous êtes/).selectOption("famille");
  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();
  await expect(page.getByRole("link", { name: /Votre adresse électronique : adresse électronique invalide/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/Votre adresse électronique/).fill(email);
  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();
  await expect(page.getByRole("main")).toContainText("14 mai 1990");
  await expectAccessible(page);

  // Without the captcha, nothing leaves.
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("link", { name: /^Vérification :/ })).toBeVisible();
  await solveCaptcha(page);
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("heading", { name: "Votre demande est envoyée" })).toBeFocused({ timeout: 15_000 });
  const numero = (await page.getByTestId("numero").innerText()).trim();
  const code = (await page.getByTestId("code-suivi").innerText()).trim();
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
  await expectAccessible(page);
  await screenshot(page, "acte-envoye");

  const [message] = await mailbox(page, host, email);
  expect(message?.subject).toContain(numero);
  expect(message?.text).toContain(code);

  // The number and the code open this request's follow-up, without an account.
  await visit(page, urlOf(host, "/suivi"));
  await page.getByLabel("Numéro de demande").fill(numero);
  await page.getByLabel("Code de suivi").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Suivre ma demande" }).click();
  await expect(page.getByRole("main")).toContainText("Acte de naissance");
  await expect(page.getByRole("main")).toContainText("Déposée");
  await expectAccessible(page);
});

test("une démarche qui demande un compte commence par sa création, puis continue sans rien ressaisir", async ({ page }) => {
  test.setTimeout(180_000);
  const host = hostOf();
  const email = `nina.roux.${test.info().project.name}@exemple.fr`;
  await visit(page, urlOf(host, "/services/inscription-scolaire"));
  await page.getByRole("link", { name: "Créer mon compte, puis commencer" }).click();
  await expect(page.getByText("Votre démarche « Inscription scolaire » commence par la création de votre compte")).toBeVisible();
  await expectAccessible(page);
  const next = () => page.getByRole("button", { name: "Étape suivante" }).click();

  await page.getByLabel("J'ai lu les conditions générales d'utilisation et je les accepte").check();
  await next();
  await page.getByLabel("Madame").check();
  await page.getByLabel("Prénom(s)").fill("Nina");
  await page.getByLabel("Nom de naissance").fill("Roux");
  await page.getByLabel("Date de naissance").fill("14/05/1990");
  await page.getByLabel("Lieu de naissance").fill("Angers");
  await next();
  await page.getByLabel("Adresse", { exact: true }).fill("3 rue des Lilas");
  await page.getByLabel("Code postal").fill("34200");
  await page.getByLabel("Commune", { exact: true }).fill("Sète");
  await page.getByLabel("Adresse électronique").fill(email);
  await next();
  await page.getByRole("button", { name: "Ajouter un enfant" }).click();
  const child = page.getByRole("group", { name: "Enfant 1" });
  await child.getByLabel("Prénom(s)").fill("Zoé");
  await child.getByLabel("Date de naissance").fill("30/09/2019");
  await child.getByLabel("Féminin").check();
  await next();
  await page.getByLabel("Mot de passe", { exact: true }).fill("girafe-violon-nuage-42");
  await page.getByLabel("Confirmation du mot de passe").fill("girafe-violon-nuage-42");
  await page.getByLabel("Question de sécurité").selectOption("Quel est le titre de votre livre préféré ?");
  await page.getByLabel("Réponse à la question").fill("Dune");
  await next();
  await solveCaptcha(page);
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Votre compte est créé" })).toBeFocused({ timeout: 15_000 });

  // Signed in by the sign-up: straight to the form, the child already known.
  await page.getByRole("link", { name: "Continuer ma démarche « Inscription scolaire »" }).click();
  await expect(stepHeading(page, 1, 2)).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  const who = page.getByRole("group", { name: /Enfant à inscrire/ });
  await expect(who.getByRole("radio")).toHaveCount(1); // the child, not the mother
  await who.getByLabel("Zoé Roux").check();
  // Her date of birth, typed once at sign-up, comes with her.
  await expect(page.getByRole("textbox", { name: /Date de naissance de l'enfant/ })).toHaveValue("2019-09-30");
  await page.getByLabel(/Classe à la rentrée/).selectOption("cp");
  await page.getByRole("group", { name: /hors de votre secteur/ }).getByLabel("Oui").check();
  // A condition met shows its question.
  await expect(page.getByLabel(/Pourquoi cette école/)).toBeVisible();
  await page.getByRole("group", { name: /hors de votre secteur/ }).getByLabel("Non").check();
  await expect(page.getByLabel(/Pourquoi cette école/)).toHaveCount(0);
  await expectAccessible(page);
  await next();
  for (const piece of [/Justificatif de domicile/, /Pages des vaccinations/]) {
    await page.getByRole("group", { name: piece }).getByLabel(/Je la fournirai sur papier/).check();
  }
  await page.getByRole("button", { name: "Vérifier mes réponses" }).click();
  await expect(page.getByRole("main")).toContainText("Zoé Roux");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("heading", { name: "Votre demande est envoyée" })).toBeFocused({ timeout: 15_000 });
  // A pending account may send; with its address not yet confirmed, the number stands for the receipt.
  await expect(page.getByRole("main")).toContainText("pas encore confirmée");
  await expectAccessible(page);
});

test("deux onglets sur le même brouillon : rien n'est écrasé en silence, la personne choisit", async ({ page, context }) => {
  test.setTimeout(120_000);
  const host = hostOf();
  await signIn(page, host, "claire.moreau");
  await page.goto(urlOf(host, "/services/signalement-voirie/formulaire?nouveau=1"));
  await page.getByLabel(/^Lieu/).fill("Place du marché");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(saved(page)).toBeVisible();
  await expect(page).toHaveURL(/brouillon=/);

  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByLabel(/^Lieu/)).toHaveValue("Place du marché");
  // The first tab saves; the second, still on the older version, is refused rather than overwriting.
  await page.getByLabel(/Description/).fill("Écrit dans le premier onglet");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(saved(page)).toBeVisible();
  await other.getByLabel(/Description/).fill("Écrit dans le second onglet");
  await other.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Brouillon non enregistré" })).toContainText("autre onglet");

  // Reloaded, the second tab offers its own answers back; chosen, they are saved.
  await other.reload();
  await expect(other.getByText("Des réponses de cet onglet n'ont pas été enregistrées")).toBeVisible();
  await expect(other.getByLabel(/Description/)).toHaveValue("Écrit dans le premier onglet");
  await expectAccessible(other);
  // The status already reads « enregistré » (the draft's last save) before this one: wait for the save itself.
  const saving = other.waitForResponse((response) => response.request().method() === "POST" && response.ok(), { timeout: 15_000 });
  await other.getByRole("button", { name: "Reprendre les réponses de cet onglet" }).click();
  await expect(other.getByLabel(/Description/)).toHaveValue("Écrit dans le second onglet");
  await saving;
  await expect(saved(other)).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect(page.getByLabel(/Description/)).toHaveValue("Écrit dans le second onglet");
});
