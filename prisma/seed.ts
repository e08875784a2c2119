// The demo data: the four communes of the demo, with their hosts, branding, texts and FAQ, and in
// each a validated citizen with a household and a citizen awaiting validation, the town hall's
// services owning the themes, an admin and an agent (of every service but the CCAS).
// Run on an empty database by `npm run dev` / `npm start` in demo mode, and by `npm run db:reset`.
import { encryptSecret } from "@/lib/agents/totp";
import { defaultThemes } from "@/lib/commune/themes";
import { db } from "@/lib/db";
import { createAccountRow, createAgent, createProcedure, createTenant, createTheme } from "@/tests/factories";
import { demoCommunes } from "./demo-communes";
import { demoInvoiceRows } from "./demo-invoices";
import { demoProceduresOf, demoThemes } from "./demo-procedures";

/** Demo only: printed here and in the README. */
const DEMO_PASSWORD = "demo-compte-citoyen-2026";
/** Demo only, for the agents: printed here and in the README. */
const DEMO_AGENT_PASSWORD = "demo-agent-compte-citoyen-2026";
/** Demo only: a fixed TOTP secret, so that demo users and end-to-end tests can compute the codes. */
const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

/** Every demo commune's régies, paid by the local simulation (no Stripe account in the demo). */
const demoRegies = [
  { name: "Régie Ville", description: "Scolaire, périscolaire, petite enfance" },
  { name: "Régie CCAS", description: "Centre communal d'action sociale" },
];

/** The town hall's services and the theme each one instructs (lib/commune/themes.ts). */
const demoServices = defaultThemes.map(({ slug, service }) => ({ ...service, theme: slug }));

async function main() {
  const port = process.env.PORT ?? 3000;
  for (const commune of demoCommunes) {
    const { faq, ...tenant } = commune;
    const created = await createTenant({ ...tenant, faq });
    const themes = new Map<string, { id: string }>();
    for (const [position, theme] of demoThemes.entries()) themes.set(theme.slug, await createTheme(created, theme.slug, theme.title, position));
    for (const [position, { theme, ...procedure }] of demoProceduresOf(commune).entries()) {
      await createProcedure(created, themes.get(theme)!, { ...procedure, position });
    }
    const services = new Map<string, string>();
    for (const service of demoServices) {
      const { id } = await db.service.create({ data: { tenantId: created.id, slug: service.slug, name: service.name }, select: { id: true } });
      await db.theme.update({ where: { id: themes.get(service.theme)!.id }, data: { serviceId: id } });
      services.set(service.slug, id);
    }
    // By name: a second run of the seed changes nothing.
    const regies = new Map<string, string>();
    for (const [i, regie] of demoRegies.entries()) {
      const { id } = await db.regie.upsert({
        where: { tenantId_name: { tenantId: created.id, name: regie.name } },
        create: { tenantId: created.id, ...regie, provider: "SIMULATION", position: i + 1 },
        update: {},
        select: { id: true },
      });
      regies.set(regie.name, id);
    }
    await createAgent(created, {
      email: `admin@${commune.slug}.localhost`, firstNames: "Nathalie", lastName: "Lefèvre", role: "ADMIN",
      password: DEMO_AGENT_PASSWORD, totpSecret: encryptSecret(DEMO_TOTP_SECRET),
    });
    await createAgent(created, {
      email: `agent@${commune.slug}.localhost`, firstNames: "Sophie", lastName: "Durand", role: "AGENT",
      services: ["etat-civil", "enfance", "cadre-de-vie"].map((slug) => services.get(slug)!),
      password: DEMO_AGENT_PASSWORD, totpSecret: encryptSecret(DEMO_TOTP_SECRET),
    });
    const lucie = await createAccountRow(created, {
      firstNames: "Lucie", birthName: "Bernard", email: "lucie.bernard@exemple.fr", status: "VALIDE", password: DEMO_PASSWORD,
      spouse: { firstNames: "Marc", birthDate: "1983-09-02", sex: "M" },
      children: [{ firstNames: "Léa", birthDate: "2015-06-21", sex: "F" }, { firstNames: "Tom", birthDate: "2018-02-11", sex: "M" }],
    });
    // Her household's invoices, unpaid and paid, in the two régies (by number: a second run changes nothing).
    for (const { regie, ...invoice } of demoInvoiceRows(created.code)) {
      const regieId = regies.get(regie)!;
      await db.invoice.upsert({
        where: { regieId_number: { regieId, number: invoice.number } },
        create: { tenantId: created.id, regieId, accountId: lucie.id, ...invoice },
        update: {},
        select: { id: true },
      });
    }
    await createAccountRow(created, {
      firstNames: "Hugo", birthName: "Petit", email: "hugo.petit@exemple.fr", status: "EN_ATTENTE", password: DEMO_PASSWORD, mobile: null,
    });
    // Awaiting validation too, for the back office's journey only: an agent validates it and instructs its request.
    await createAccountRow(created, {
      firstNames: "Yvette", birthName: "Lambert", email: "yvette.lambert@exemple.fr", status: "EN_ATTENTE", password: DEMO_PASSWORD, mobile: null,
    });
    // Nobody else signs in with this one: the recovery journey changes its password and ends its sessions.
    await createAccountRow(created, {
      firstNames: "Paul", birthName: "Girard", email: "paul.girard@exemple.fr", status: "VALIDE", password: DEMO_PASSWORD,
    });
    // The démarches journeys sign out and back in with this one, which ends its other sessions.
    await createAccountRow(created, {
      firstNames: "Claire", birthName: "Moreau", email: "claire.moreau@exemple.fr", status: "VALIDE", password: DEMO_PASSWORD,
      children: [{ firstNames: "Jules", birthDate: "2019-04-03", sex: "M" }],
    });
    // The keyboard-only journeys' own (tests/e2e/clavier.spec.ts): a démarche and one invoice to pay.
    const noe = await createAccountRow(created, {
      firstNames: "Noé", birthName: "Martin", email: "noe.martin@exemple.fr", status: "VALIDE", password: DEMO_PASSWORD,
    });
    const [restauration] = demoInvoiceRows(created.code);
    await db.invoice.upsert({
      where: { regieId_number: { regieId: regies.get("Régie Ville")!, number: `${created.code}-V-0301` } },
      create: {
        ...restauration!, regie: undefined, tenantId: created.id, regieId: regies.get("Régie Ville")!, accountId: noe.id,
        number: `${created.code}-V-0301`, label: "Garderie du matin", lines: [{ label: "Matin", quantity: 10, unitCents: 150, totalCents: 1_500 }], amountCents: 1_500,
      },
      update: {},
      select: { id: true },
    });
    // The « Mes données » journey's own (tests/e2e/donnees.spec.ts): he downloads his data, then his account is deleted.
    const marc = await createAccountRow(created, {
      firstNames: "Marc", birthName: "Durand", email: "marc.durand@exemple.fr", status: "VALIDE", password: DEMO_PASSWORD,
    });
    await db.invoice.upsert({
      where: { regieId_number: { regieId: regies.get("Régie Ville")!, number: `${created.code}-V-0401` } },
      create: {
        ...restauration!, regie: undefined, tenantId: created.id, regieId: regies.get("Régie Ville")!, accountId: marc.id,
        number: `${created.code}-V-0401`, label: "Accueil du soir", lines: [{ label: "Soir", quantity: 4, unitCents: 250, totalCents: 1_000 }], amountCents: 1_000,
      },
      update: {},
      select: { id: true },
    });
    console.log(`  ${commune.name.padEnd(24)} http://${commune.hosts[0]}:${port}`);
  }
  console.log(`\n  Citoyens de démonstration (chaque commune), mot de passe « ${DEMO_PASSWORD} » :`);
  console.log("    lucie.bernard   compte validé, foyer de quatre personnes, factures à payer et payées (Régie Ville, Régie CCAS)");
  console.log("    hugo.petit      compte en attente de validation");
  console.log("    yvette.lambert  compte en attente de validation (sert aux essais de l'espace agents)");
  console.log("    paul.girard     compte validé, sans foyer (sert aux essais de « Mot de passe oublié ? »)");
  console.log("    claire.moreau   compte validé, un enfant (sert aux essais des démarches)");
  console.log("    noé.martin      compte validé, une facture à payer (sert aux essais au clavier)");
  console.log("    marc.durand     compte validé, une facture (sert aux essais de « Mes données » : son compte y est supprimé)");
  console.log(`\n  Agents de démonstration (chaque commune, /admin/connexion), mot de passe « ${DEMO_AGENT_PASSWORD} »,`);
  console.log(`  code à usage unique : clé « ${DEMO_TOTP_SECRET} » dans une application d'authentification :`);
  console.log("    admin@<commune>.localhost   administrateur, tous les services");
  console.log("    agent@<commune>.localhost   agent : État civil, Enfance, Cadre de vie (pas le CCAS)");
  console.log("  Messages : http://sete.localhost:" + port + "/dev/messages");
}

main()
  .then(() => db.$disconnect())
  .catch(async (error) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });
