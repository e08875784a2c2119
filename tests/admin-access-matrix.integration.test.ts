import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AGENT_SESSION_EXPIRED } from "@/lib/agents/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ACTORS, as, discover, form, HOST_A, matrixSection, matrixTable, OWNER, page, restoreSessions, surfaceOf, unwatchWrites, watchWrites, world, writes, type Actor, type World } from "@/tests/access";
import { createAccountRow, createAgent, createProcedure, createTheme } from "@/tests/factories";

// Who may reach what under /admin: every page, server action and route handler of the back office
// (found on disk, so a new one without a row here fails this test), called as the browser would for
// the people of tests/access.ts: nobody, citizen A (the owner), another citizen of A, a citizen of
// B, an agent of the service that owns the request, an agent of another service, the commune's
// admin, and an agent and an admin of another commune (each on their own commune's address).
// Objects all belong to commune A. A refused mutation changes nothing. The table is in
// docs/access-matrix.md (WRITE_MATRIX=1 rewrites it; the test fails when it is out of date).
jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);

/** ok: served or done; login: sent to the agents' login; home: a signed-in agent sent to /admin; 404; refused: answered with an error, nothing done. */
type Outcome = "ok" | "login" | "home" | "404" | "refused";

/** A 1×1 PNG. */
const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

let storageDir: string;
beforeAll(async () => {
  await watchWrites();
  storageDir = await mkdtemp(path.join(tmpdir(), "matrice-"));
  jest.replaceProperty(env, "STORAGE_DIR", storageDir);
});
afterAll(async () => {
  await unwatchWrites();
  // The setup's afterAll may have closed the connection already: this one reopened it.
  await db.$disconnect();
  await rm(storageDir, { recursive: true, force: true });
});


/**
 * A published démarche of commune A for the builder's rows; `changes` gives it a working form that
 * differs from its version (two fields, so one can move).
 */
async function builderProcedure(w: World, changes = false) {
  const theme = await db.theme.findFirstOrThrow({ where: { tenantId: w.a.id }, select: { id: true } });
  const procedure = await createProcedure(w.a, theme, { slug: `constructeur-${crypto.randomUUID()}` });
  if (changes) {
    const editedDefinition = { steps: [{ id: "etape", title: "Votre demande", fields: [
      { type: "textarea", name: "demande", label: "Votre demande", required: true },
      { type: "text", name: "precision", label: "Précision", required: false },
    ] }] };
    await db.procedure.update({ where: { id: procedure.id }, data: { editedDefinition } });
  }
  return procedure;
}

/** A régie of commune A (for invoice rows), made once. */
const regieOfA = (w: World) =>
  db.regie.upsert({ where: { tenantId_name: { tenantId: w.a.id, name: "Régie Matrice" } }, create: { tenantId: w.a.id, name: "Régie Matrice", position: 1 }, update: {}, select: { id: true } });

/** An unpaid invoice of commune A's holder. */
async function invoiceOfA(w: World) {
  const regie = await regieOfA(w);
  return db.invoice.create({
    data: { tenantId: w.a.id, regieId: regie.id, accountId: w.holder.id, number: `M-${crypto.randomUUID()}`, domain: "SCOLAIRE", label: "Cantine", period: "", amountCents: 1_000, issuedAt: new Date(), dueAt: new Date() },
    select: { id: true },
  });
}

/** What the last call showed when it refused (a route's body, an action's answer), to look for what must not leak. */
let shown = "";

/** What a call came to, as the person would see it. */
async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  shown = "";
  try {
    const value = await run();
    if (value instanceof Response && value.status !== 200) shown = await value.clone().text();
    else if (value && typeof value === "object" && ("ok" in value || "result" in value || "message" in value)) shown = JSON.stringify(value);
    if (value instanceof Response) return value.status === 200 ? "ok" : value.status === 401 ? "login" : value.status === 404 ? "404" : "refused";
    if (value && typeof value === "object" && "message" in value && value.message === AGENT_SESSION_EXPIRED) return "login";
    if (value && typeof value === "object" && "result" in value) {
      const result = (value as { result?: { ok: boolean; message?: string } }).result;
      if (result?.message === AGENT_SESSION_EXPIRED) return "login";
      if (result?.message === "Demande introuvable.") return "404";
      return result?.ok ? "ok" : "refused";
    }
    if (value && typeof value === "object" && "ok" in value) return (value as { ok: boolean }).ok ? "ok" : "refused";
    return "ok";
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "404";
    if (digest.startsWith("NEXT_REDIRECT;")) {
      const to = digest.split(";")[2] ?? "";
      if (to === "/admin/connexion" || to.startsWith("/admin/connexion?") || to === "/admin/connexion/code") return "login";
      if (to === "/admin") return "home";
      // An act's own outcome, given in the address of the page it reloads.
      if (/[?&](fait|resultat)=(valide|refuse|statut-|note|attribuer|piece|information|rappel|enregistre|reinitialise|ajoutee|deplacee|supprimee|ajouter|principale|retirer|theme-|creee|dupliquee|presentation|etape|champ|deplace|supprime|publiee|retiree|logo|payee-guichet|cle-revoquee)/.test(to)) return "ok";
      return "refused";
    }
    throw error;
  }
}

const get = (url: string) => new Request(`http://${HOST_A}${url}`);

/** Everyone in: the login's own pages, actions and the session's renewal. */
const PUBLIC = { anonyme: "ok", citoyenA: "ok", citoyenA2: "ok", citoyenB: "ok", agentA: "ok", agentT: "ok", adminA: "ok", agentB: "ok", adminB: "ok" } as const;
/** Every signed-in agent of the right commune; nobody else. */
const AGENTS = { anonyme: "login", citoyenA: "login", citoyenA2: "login", citoyenB: "login", agentA: "ok", agentT: "ok", adminA: "ok", agentB: "ok", adminB: "ok" } as const;
/** A request of service S of commune A: its agents and admin only. */
const REQUEST_OF_S = { anonyme: "login", citoyenA: "login", citoyenA2: "login", citoyenB: "login", agentA: "ok", agentT: "404", adminA: "ok", agentB: "404", adminB: "404" } as const;
/** The admins of each commune, on their own commune. */
const ADMINS_ONLY = { anonyme: "login", citoyenA: "login", citoyenA2: "login", citoyenB: "login", agentA: "404", agentT: "404", adminA: "ok", agentB: "404", adminB: "ok" } as const;
/** An account of commune A: any of its agents. */
const ACCOUNT_OF_A = { anonyme: "login", citoyenA: "login", citoyenA2: "login", citoyenB: "login", agentA: "ok", agentT: "ok", adminA: "ok", agentB: "404", adminB: "404" } as const;

type Row = {
  expected: Record<Actor, Outcome>;
  run: (w: World, mod: Record<string, (...args: never[]) => Promise<unknown>>, name: string) => Promise<unknown>;
  /** After a cell: whether the object is as the outcome says (changed when ok, untouched otherwise). */
  changed?: (w: World, object: string) => Promise<boolean>;
  /** A fresh object for each cell, named to run and changed. */
  fresh?: (w: World) => Promise<string>;
  /** Its « login » is the act done (signing out ends the session): the database may change. */
  endsSession?: true;
};

let object = "";
/** A validated account of commune A whose holder asked for its deletion (lib/accounts/deletion). */
async function deletionAsked(w: World): Promise<string> {
  const account = await createAccountRow(w.a, { status: "VALIDE" });
  await db.account.update({ where: { id: account.id }, data: { deletionRequestedAt: new Date() } });
  return account.id;
}
const requestStatus = async (numero: string) => (await db.request.findFirstOrThrow({ where: { numero }, select: { status: true } })).status;

const MATRIX: Record<string, Row> = {
  "app/admin/(espace)/page.tsx": { expected: AGENTS, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/comptes/page.tsx": { expected: AGENTS, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/comptes/[id]/page.tsx": {
    expected: ACCOUNT_OF_A, fresh: async (w) => (await w.pending()).id, run: (_, m) => m.default!(page({ id: object }) as never),
  },
  "app/admin/(espace)/comptes/[id]/actions.ts#decide": {
    // Agent B's refusal answers « déjà traité » on their own commune's page: nothing is found, nothing changes.
    expected: { ...ACCOUNT_OF_A, agentB: "refused", adminB: "refused" },
    fresh: async (w) => (await w.pending()).id,
    run: (_, m, name) => m[name]!(form({ accountId: object, status: "VALIDE" }) as never),
    changed: async (_, id) => (await db.account.findUniqueOrThrow({ where: { id }, select: { status: true } })).status !== "EN_ATTENTE",
  },
  "app/admin/(espace)/comptes/[id]/actions.ts#confirmDeletionAction": {
    // Another commune's agent finds no deletion to confirm (« introuvable ») on their own page: nothing changes.
    expected: { ...ACCOUNT_OF_A, agentB: "refused", adminB: "refused" },
    fresh: deletionAsked,
    run: (_, m, name) => m[name]!(form({ accountId: object }) as never),
    changed: async (_, id) => (await db.account.findUniqueOrThrow({ where: { id }, select: { status: true } })).status === "SUPPRIME",
  },
  "app/admin/(espace)/comptes/[id]/actions.ts#refuseDeletionAction": {
    expected: { ...ACCOUNT_OF_A, agentB: "refused", adminB: "refused" },
    fresh: deletionAsked,
    run: (_, m, name) => m[name]!(form({ accountId: object, motif: "Une demande est encore en cours." }) as never),
    changed: async (_, id) => (await db.account.findUniqueOrThrow({ where: { id }, select: { deletionRequestedAt: true } })).deletionRequestedAt === null,
  },
  "app/admin/(espace)/comptes/[id]/actions.ts#sendPasswordCode": {
    expected: { ...ACCOUNT_OF_A, agentB: "refused", adminB: "refused" },
    fresh: async (w) => (await w.pending()).id,
    run: (_, m, name) => m[name]!(null as never, form({ accountId: object, via: "courrier" }) as never),
    changed: async (_, id) => (await db.accountToken.count({ where: { accountId: id, kind: "GUICHET" } })) > 0,
  },
  "app/admin/(espace)/comptes/[id]/demarche/[slug]/page.tsx": {
    // The démarche belongs to service S: another service's agent cannot enter it.
    expected: REQUEST_OF_S,
    fresh: async (w) => (await w.pending()).id,
    run: (_, m) => m.default!(page({ id: object, slug: "encombrants" }) as never),
  },
  "app/admin/(espace)/comptes/[id]/demarche/[slug]/actions.ts#sendAtCounter": {
    expected: { ...REQUEST_OF_S, agentT: "refused", agentB: "refused", adminB: "refused" },
    fresh: async (w) => (await w.pending()).id,
    run: (_, m, name) => m[name]!(object as never, "encombrants" as never, { objets: "Une armoire", justificatif: { kind: "paper" } } as never),
    changed: async (_, accountId) => (await db.request.count({ where: { accountId, enteredByAgentId: { not: null } } })) === 1,
  },
  "app/admin/(espace)/comptes/nouveau/page.tsx": { expected: AGENTS, run: (_, m) => m.default!() },
  "app/admin/(espace)/comptes/nouveau/actions.ts#createCounterAccount": {
    // Each agent creates in their own commune: the account is theirs (checked below), never commune A's for B.
    expected: AGENTS,
    fresh: async () => `Personne${Math.random().toString(36).slice(2, 8)}`,
    run: (_, m, name) => m[name]!(null as never, form({
      civility: "Madame", firstNames: "Odette", birthName: object, birthDate: "02/03/1941", birthPlace: "Angers",
      addressLine1: "4 rue des Lilas", postalCode: "49070", city: "Beaucouzé", email: "odette@exemple.fr", channel: "EMAIL", via: "courrier",
    }) as never),
    changed: async (w, birthName) => {
      const made = await db.account.findMany({ where: { birthName }, select: { tenantId: true } });
      return made.length === 1 && [w.a.id, w.b.id].includes(made[0]!.tenantId);
    },
  },
  "app/admin/(espace)/profil/page.tsx": { expected: AGENTS, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/profil/actions.ts#saveDigest": {
    // Each agent changes their own choice only.
    expected: AGENTS,
    run: (_, m, name) => m[name]!(form({ digest: "SEMAINE" }) as never),
  },
  "app/admin/(espace)/agents/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/agents/nouveau/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!() },
  "app/admin/(espace)/agents/[id]/page.tsx": {
    expected: { ...ADMINS_ONLY, adminB: "404" },
    fresh: async (w) => (await createAgent(w.a)).id,
    run: (_, m) => m.default!(page({ id: object }) as never),
  },
  "app/admin/(espace)/agents/actions.ts#saveAgent": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await createAgent(w.a)).id,
    run: (_, m, name) => m[name]!(null as never, form({ agentId: object, firstNames: "Sophie", lastName: "Renommée", role: "AGENT", active: "on" }) as never),
    changed: async (_, id) => (await db.agent.findUniqueOrThrow({ where: { id }, select: { lastName: true } })).lastName === "Renommée",
  },
  "app/admin/(espace)/agents/actions.ts#resetAgent": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await createAgent(w.a, { totpSecret: "secret-chiffre" })).id,
    run: (_, m, name) => m[name]!(form({ agentId: object }) as never),
    changed: async (_, id) => (await db.agent.findUniqueOrThrow({ where: { id }, select: { totpSecret: true } })).totpSecret === null,
  },
  "app/admin/connexion/bienvenue/[token]/page.tsx": { expected: PUBLIC, run: (_, m) => m.default!(page({ token: "x".repeat(43) }) as never) },
  "app/admin/connexion/bienvenue/[token]/actions.ts#welcomeAction": {
    expected: { anonyme: "refused", citoyenA: "refused", citoyenA2: "refused", citoyenB: "refused", agentA: "refused", agentT: "refused", adminA: "refused", agentB: "refused", adminB: "refused" },
    run: (_, m, name) => m[name]!("x".repeat(43) as never, { password: "registre-tampon-mairie-84", passwordConfirm: "registre-tampon-mairie-84" } as never),
  },
  "app/admin/(espace)/parametres/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!() },
  "app/admin/(espace)/parametres/actions.ts#saveSettings": {
    // Each admin changes their own commune (another commune's is never reached: integration tests).
    expected: ADMINS_ONLY,
    fresh: async () => `Commune ${Math.random().toString(36).slice(2, 8)}`,
    run: (_, m, name) => m[name]!(null as never, form({
      part: "identite", name: object, officialName: `Mairie de ${object}`, contactEmail: "contact@mairie.fr", contactPhone: "01 00 00 00 00",
      contactAddress: "1 place de la Mairie", welcomeText: "Bienvenue.", primaryColor: "#1d4ed8", accentColor: "#1e3a8a",
    }) as never),
    changed: async (w, name) => (await db.tenant.count({ where: { id: { in: [w.a.id, w.b.id] }, name } })) === 1,
  },
  "app/admin/(espace)/parametres/actions.ts#saveLogo": {
    // Each admin sends their own commune's logo.
    expected: ADMINS_ONLY,
    fresh: async (w) => { await db.tenantLogo.deleteMany({ where: { tenantId: { in: [w.a.id, w.b.id] } } }); return ""; },
    run: (_, m, name) => {
      const data = new FormData();
      data.set("logo", new File([Buffer.from(TINY_PNG, "base64")], "logo.png", { type: "image/png" }));
      return m[name]!(null as never, data as never);
    },
    changed: async (w) => (await db.tenantLogo.count({ where: { tenantId: { in: [w.a.id, w.b.id] } } })) === 1,
  },
  "app/admin/(espace)/parametres/faq/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/parametres/faq/actions.ts#saveFaq": {
    expected: ADMINS_ONLY,
    fresh: async () => `Question ${Math.random().toString(36).slice(2, 8)} ?`,
    run: (_, m, name) => m[name]!(null as never, form({ section: "Mon compte", question: object, answer: "Réponse." }) as never),
    changed: async (w, question) => (await db.faqEntry.count({ where: { tenantId: { in: [w.a.id, w.b.id] }, question } })) === 1,
  },
  "app/admin/(espace)/parametres/faq/actions.ts#arrangeFaq": {
    // Commune A's entry: another commune's admin finds nothing.
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await db.faqEntry.create({ data: { tenantId: w.a.id, section: "S", question: "Q ?", answer: "R.", position: 999 }, select: { id: true } })).id,
    run: (_, m, name) => m[name]!(form({ id: object, acte: "supprimer" }) as never),
    changed: async (_, id) => (await db.faqEntry.count({ where: { id } })) === 0,
  },
  "app/admin/(espace)/parametres/adresses/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/parametres/adresses/actions.ts#changeHost": {
    // Each admin adds to their own commune; the hostname is then taken (checked below).
    expected: ADMINS_ONLY,
    fresh: async () => `ajout-${Math.random().toString(36).slice(2, 8)}.localhost`,
    run: (_, m, name) => m[name]!(form({ acte: "ajouter", hostname: object }) as never),
    changed: async (w, hostname) => (await db.tenantHost.count({ where: { hostname, tenantId: { in: [w.a.id, w.b.id] } } })) === 1,
  },
  "app/admin/(espace)/parametres/reglages/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!() },
  "app/admin/(espace)/parametres/reglages/actions.ts#savePreferences": {
    // Each admin changes their own commune's settings (another commune's is never reached: integration tests).
    expected: ADMINS_ONLY,
    fresh: async () => `Expéditeur ${Math.random().toString(36).slice(2, 8)}`,
    run: (_, m, name) => m[name]!(null as never, form({ draftLifetimeDays: "60", invoiceWindowMonths: "6", smsEnabled: "on", senderName: object }) as never),
    changed: async (w, senderName) => (await db.tenant.count({ where: { id: { in: [w.a.id, w.b.id] }, settings: { path: ["senderName"], equals: senderName } } })) === 1,
  },
  "app/admin/(espace)/regies/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/regies/actions.ts#saveRegie": {
    // Commune A's régie, renamed and paid by Stripe: another commune's admin finds nothing (adding is in lib/billing's tests).
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await db.regie.create({ data: { tenantId: w.a.id, name: `Régie ${crypto.randomUUID()}`, position: 99 }, select: { id: true } })).id,
    run: (_, m, name) => m[name]!(null as never, form({ id: object, name: `Renommée ${object}`, provider: "STRIPE", stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK" }) as never),
    changed: async (_, id) => (await db.regie.findUniqueOrThrow({ where: { id }, select: { name: true } })).name === `Renommée ${id}`,
  },
  "app/admin/(espace)/regies/actions.ts#arrangeRegie": {
    // Commune A's régie, moved up: another commune's admin finds nothing.
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => {
      await db.regie.create({ data: { tenantId: w.a.id, name: `Régie ${crypto.randomUUID()}`, position: 0 }, select: { id: true } });
      return (await db.regie.create({ data: { tenantId: w.a.id, name: `Régie ${crypto.randomUUID()}`, position: 1_000 }, select: { id: true } })).id;
    },
    run: (_, m, name) => m[name]!(form({ id: object, acte: "haut" }) as never),
    changed: async (_, id) => (await db.regie.findUniqueOrThrow({ where: { id }, select: { position: true } })).position !== 1_000,
  },
  "app/admin/(espace)/factures/page.tsx": { expected: AGENTS, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/factures/[id]/page.tsx": {
    expected: ACCOUNT_OF_A, fresh: async (w) => (await invoiceOfA(w)).id, run: (_, m) => m.default!(page({ id: object }) as never),
  },
  "app/admin/(espace)/factures/actions.ts#importCsv": {
    // Each admin imports into their own commune: both have the régie and the holder's identifiant.
    expected: ADMINS_ONLY,
    fresh: async (w) => {
      await regieOfA(w);
      await db.regie.upsert({ where: { tenantId_name: { tenantId: w.b.id, name: "Régie Matrice" } }, create: { tenantId: w.b.id, name: "Régie Matrice", position: 1 }, update: {} });
      if (!(await db.account.count({ where: { tenantId: w.b.id, identifiant: w.holder.identifiant } }))) await createAccountRow(w.b, { identifiant: w.holder.identifiant });
      return `I-${crypto.randomUUID()}`;
    },
    run: (w, m, name) => {
      const data = new FormData();
      const line = `Régie Matrice;${w.holder.identifiant};${object};scolaire;Cantine;Octobre 2026;12,50;2026-10-01;2026-10-31`;
      data.set("fichier", new File([`regie;identifiant;numero;domaine;libelle;periode;montant;date_emission;date_echeance\n${line}\n`], "factures.csv", { type: "text/csv" }));
      return m[name]!(null as never, data as never);
    },
    changed: async (w, number) => (await db.invoice.count({ where: { number, tenantId: { in: [w.a.id, w.b.id] } } })) === 1,
  },
  "app/admin/(espace)/factures/actions.ts#markPaid": {
    // Commune A's invoice, paid at the counter: any agent of A; another commune's agents find nothing.
    expected: { ...ACCOUNT_OF_A, agentB: "refused", adminB: "refused" },
    fresh: async (w) => (await invoiceOfA(w)).id,
    run: (_, m, name) => m[name]!(form({ id: object }) as never),
    changed: async (_, id) => (await db.invoice.findUniqueOrThrow({ where: { id }, select: { status: true } })).status === "PAYEE",
  },
  "app/admin/(espace)/factures/modele/route.ts#GET": { expected: ADMINS_ONLY, run: (_, m, name) => m[name]!(get("/admin/factures/modele") as never) },
  "app/admin/(espace)/factures/paiements/page.tsx": { expected: AGENTS, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/factures/paiements/export/route.ts#GET": { expected: AGENTS, run: (_, m, name) => m[name]!(get("/admin/factures/paiements/export") as never) },
  "app/admin/(espace)/parametres/api/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/parametres/api/actions.ts#createKey": {
    // Each admin creates a key for their own commune.
    expected: ADMINS_ONLY,
    fresh: async () => `Clé ${crypto.randomUUID()}`,
    run: (_, m, name) => m[name]!(null as never, form({ name: object }) as never),
    changed: async (w, keyName) => (await db.apiKey.count({ where: { name: keyName, tenantId: { in: [w.a.id, w.b.id] } } })) === 1,
  },
  "app/admin/(espace)/parametres/api/actions.ts#revokeKey": {
    // Commune A's key: another commune's admin finds nothing.
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await db.apiKey.create({ data: { tenantId: w.a.id, name: "Clé", prefix: "cc_matrice", hash: crypto.randomUUID() }, select: { id: true } })).id,
    run: (_, m, name) => m[name]!(form({ id: object }) as never),
    changed: async (_, id) => (await db.apiKey.findUniqueOrThrow({ where: { id }, select: { revokedAt: true } })).revokedAt !== null,
  },
  "app/admin/(espace)/demarches/page.tsx": { expected: ADMINS_ONLY, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/demarches/actions.ts#saveThemeAction": {
    // Each admin adds a theme to their own commune.
    expected: ADMINS_ONLY,
    fresh: async () => `Thème ${Math.random().toString(36).slice(2, 8)}`,
    run: (_, m, name) => m[name]!(null as never, form({ title: object }) as never),
    changed: async (w, title) => (await db.theme.count({ where: { tenantId: { in: [w.a.id, w.b.id] }, title } })) === 1,
  },
  "app/admin/(espace)/demarches/actions.ts#moveThemeAction": {
    // Commune A's last theme, moved up: another commune's admin finds nothing.
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await createTheme(w.a, `t-${crypto.randomUUID()}`, "Dernier", 1_000)).id,
    run: (_, m, name) => m[name]!(form({ id: object, acte: "haut" }) as never),
    changed: async (_, id) => (await db.theme.findUniqueOrThrow({ where: { id }, select: { position: true } })).position !== 1_000,
  },
  "app/admin/(espace)/demarches/actions.ts#createProcedureAction": {
    // In a theme of commune A: another commune's admin cannot reach it.
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async () => `Démarche ${Math.random().toString(36).slice(2, 8)}`,
    run: (w, m, name) => db.theme.findFirstOrThrow({ where: { tenantId: w.a.id }, select: { id: true } }).then((t) => m[name]!(null as never, form({ title: object, themeId: t.id }) as never)),
    changed: async (_, title) => (await db.procedure.count({ where: { title } })) === 1,
  },
  "app/admin/(espace)/demarches/actions.ts#duplicateProcedureAction": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await builderProcedure(w)).id,
    run: (_, m, name) => m[name]!(form({ id: object }) as never),
    changed: async (_, id) => (await db.procedure.count({ where: { title: `${(await db.procedure.findUniqueOrThrow({ where: { id } })).title} (copie)` } })) === 1,
  },
  "app/admin/(espace)/demarches/[id]/page.tsx": {
    expected: { ...ADMINS_ONLY, adminB: "404" }, fresh: async (w) => (await builderProcedure(w)).id, run: (_, m) => m.default!(page({ id: object }) as never),
  },
  "app/admin/(espace)/demarches/[id]/apercu/page.tsx": {
    expected: { ...ADMINS_ONLY, adminB: "404" }, fresh: async (w) => (await builderProcedure(w)).id, run: (_, m) => m.default!(page({ id: object }) as never),
  },
  "app/admin/(espace)/demarches/[id]/actions.ts#saveDetailsAction": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await builderProcedure(w)).id,
    run: (w, m, name) => db.procedure.findUniqueOrThrow({ where: { id: object } }).then((p) => m[name]!(null as never, form({
      id: object, revision: "0", title: "Titre changé", summary: "Résumé.", preparation: "", processingDays: "5", themeId: p.themeId, requiresAccount: "on",
    }) as never)),
    changed: async (_, id) => (await db.procedure.findUniqueOrThrow({ where: { id } })).title === "Titre changé",
  },
  "app/admin/(espace)/demarches/[id]/actions.ts#stepAction": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await builderProcedure(w)).id,
    run: (_, m, name) => m[name]!(null as never, form({ id: object, revision: "0", acte: "ajouter-etape", step: "-1", title: "Nouvelle étape" }) as never),
    changed: async (_, id) => (await db.procedure.findUniqueOrThrow({ where: { id } })).editedDefinition !== null,
  },
  "app/admin/(espace)/demarches/[id]/actions.ts#saveFieldAction": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await builderProcedure(w)).id,
    run: (_, m, name) => m[name]!(null as never, form({ id: object, revision: "0", step: "0", field: "0", type: "textarea", name: "demande", label: "Libellé changé" }) as never),
    changed: async (_, id) => (await db.procedure.findUniqueOrThrow({ where: { id } })).editedDefinition !== null,
  },
  "app/admin/(espace)/demarches/[id]/actions.ts#arrangeAction": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await builderProcedure(w, true)).id,
    run: (_, m, name) => m[name]!(form({ id: object, revision: "0", acte: "descendre-champ", step: "0", field: "0" }) as never),
    changed: async (_, id) => {
      const { editedDefinition } = await db.procedure.findUniqueOrThrow({ where: { id }, select: { editedDefinition: true } });
      return (editedDefinition as { steps: { fields: { name: string }[] }[] }).steps[0]!.fields[0]!.name === "precision";
    },
  },
  "app/admin/(espace)/demarches/[id]/actions.ts#publishAction": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await builderProcedure(w, true)).id,
    run: (_, m, name) => m[name]!(form({ id: object, revision: "0" }) as never),
    changed: async (_, id) => (await db.procedureVersion.count({ where: { procedureId: id } })) === 2,
  },
  "app/admin/(espace)/demarches/[id]/actions.ts#unpublishAction": {
    expected: { ...ADMINS_ONLY, adminB: "refused" },
    fresh: async (w) => (await builderProcedure(w)).id,
    run: (_, m, name) => m[name]!(form({ id: object }) as never),
    changed: async (_, id) => !(await db.procedure.findUniqueOrThrow({ where: { id } })).published,
  },
  "app/admin/(espace)/journal/page.tsx": {
    expected: ADMINS_ONLY,
    run: (_, m) => m.default!(page() as never),
  },
  "app/admin/(espace)/demandes/page.tsx": { expected: AGENTS, run: (_, m) => m.default!(page() as never) },
  "app/admin/(espace)/demandes/export/route.ts#GET": { expected: AGENTS, run: (_, m, name) => m[name]!(get("/admin/demandes/export") as never) },
  "app/admin/(espace)/demandes/[numero]/page.tsx": {
    expected: REQUEST_OF_S, fresh: async (w) => (await w.request()).numero, run: (_, m) => m.default!(page({ numero: object }) as never),
  },
  "app/admin/(espace)/demandes/[numero]/pieces/[id]/route.ts#GET": {
    expected: REQUEST_OF_S,
    fresh: async (w) => { const r = await w.request(); return `${r.numero}/${r.attachmentId}`; },
    run: (_, m, name) => { const [numero, id] = object.split("/"); return m[name]!(get(`/admin/demandes/${numero}/pieces/${id}`) as never, { params: Promise.resolve({ numero, id }) } as never); },
  },
  "app/admin/(espace)/demandes/[numero]/actions.ts#act": {
    expected: REQUEST_OF_S,
    fresh: async (w) => (await w.request()).numero,
    run: (_, m, name) => m[name]!(null as never, form({ kind: "statut", numero: object, to: "EN_COURS", version: "0", intent: "confirmer" }) as never),
    changed: async (_, numero) => (await requestStatus(numero)) === "EN_COURS",
  },
  "app/admin/(espace)/demandes/[numero]/actions.ts#record": {
    expected: REQUEST_OF_S,
    fresh: async (w) => (await w.request()).numero,
    run: (_, m, name) => m[name]!(null as never, form({ kind: "note", numero: object, text: "Vu au guichet." }) as never),
    changed: async (_, numero) => (await db.requestNote.count({ where: { request: { numero } } })) > 0,
  },
  // Signing out ends one's own session: sent to the login page whoever asks.
  "app/admin/(espace)/actions.ts#agentSignOut": {
    expected: { anonyme: "login", citoyenA: "login", citoyenA2: "login", citoyenB: "login", agentA: "login", agentT: "login", adminA: "login", agentB: "login", adminB: "login" },
    endsSession: true,
    run: (_, m, name) => m[name]!(),
  },
  "app/admin/connexion/page.tsx": { expected: { ...PUBLIC, agentA: "home", agentT: "home", adminA: "home", agentB: "home", adminB: "home" }, run: (_, m) => m.default!(page() as never) },
  "app/admin/connexion/code/page.tsx": { expected: { ...AGENTS, agentA: "home", agentT: "home", adminA: "home", agentB: "home", adminB: "home" }, run: (_, m) => m.default!() },
  "app/admin/connexion/activer/page.tsx": { expected: { ...AGENTS, agentA: "home", agentT: "home", adminA: "home", agentB: "home", adminB: "home" }, run: (_, m) => m.default!() },
  // The way in: a wrong password is refused for anyone.
  "app/admin/connexion/actions.ts#agentPassword": {
    expected: { anonyme: "refused", citoyenA: "refused", citoyenA2: "refused", citoyenB: "refused", agentA: "refused", agentT: "refused", adminA: "refused", agentB: "refused", adminB: "refused" },
    run: (_, m, name) => m[name]!({ email: "personne@exemple.fr", password: "pas le bon" } as never),
  },
  "app/admin/connexion/actions.ts#agentCode": {
    expected: { ...AGENTS, agentA: "refused", agentT: "refused", adminA: "refused", agentB: "refused", adminB: "refused" },
    run: (_, m, name) => m[name]!({ code: "abc" } as never),
  },
  "app/admin/connexion/actions.ts#agentEnableTotp": {
    expected: { ...AGENTS, agentA: "refused", agentT: "refused", adminA: "refused", agentB: "refused", adminB: "refused" },
    run: (_, m, name) => m[name]!({ secret: "forged", code: "123456" } as never),
  },
  // Only with the ticket of this very session's enrolment: a forged one goes to the code page.
  "app/admin/connexion/actions.ts#agentFinishEnrolment": {
    expected: { anonyme: "login", citoyenA: "login", citoyenA2: "login", citoyenB: "login", agentA: "login", agentT: "login", adminA: "login", agentB: "login", adminB: "login" },
    run: (_, m, name) => m[name]!(form({ ticket: "v1.forge.forge.forge" }) as never),
  },
  "app/api/admin/session/route.ts#GET": { expected: AGENTS, run: (_, m, name) => m[name]!() },
};

const LABELS: Record<Outcome, string> = { ok: "200", login: "→ connexion", home: "→ /admin", "404": "404", refused: "refusé" };

describe("the back office's access matrix", () => {
  it("has a row for every page, action and route handler under /admin", async () => {
    expect((await discover(["app/admin", "app/api/admin"])).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it("is the table of docs/access-matrix.md", () => {
    const table = matrixTable(ACTORS, Object.entries(MATRIX).sort(([a], [b]) => a.localeCompare(b)).map(([key, row]) => [key, row.expected]), (o) => LABELS[o as Outcome]);
    expect(matrixSection("admin", table)).toBe(table);
  });

  it("gives each person exactly what their role, service and commune allow, and refused acts change nothing", async () => {
    const w = await world();
    const failures: string[] = [];
    for (const [key, row] of Object.entries(MATRIX)) {
      const { mod, name } = await surfaceOf(key);
      for (const actor of ACTORS) {
        object = row.fresh ? await row.fresh(w) : "";
        await as(w, actor);
        const before = await writes();
        const outcome = await outcomeOf(() => row.run(w, mod, name));
        if (outcome !== row.expected[actor]) failures.push(`${key} × ${actor}: ${outcome}, expected ${row.expected[actor]}`);
        // A refusal names nothing of citizen A's request or account.
        if (outcome !== "ok") for (const secret of [OWNER.answer, OWNER.birthName, w.holder.identifiant]) if (shown.includes(secret)) failures.push(`${key} × ${actor}: shows « ${secret} »`);
        // A refusal writes nothing anywhere (attempt counters aside), not only on the object.
        if (outcome !== "ok" && outcome !== "home" && !row.endsSession && (await writes()) !== before) failures.push(`${key} × ${actor}: ${outcome}, yet the database changed`);
        if (row.changed && (await row.changed(w, object)) !== (outcome === "ok")) failures.push(`${key} × ${actor}: the object ${outcome === "ok" ? "did not change" : "changed"}`);
        // Signing out bumps the agent's session version: the next rows need the session back.
        await restoreSessions(w);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000); // a few hundred calls: seconds alone, minutes on a machine busy with the whole suite
});

describe("forged forms", () => {
  it("change nothing beyond the act: a commune, a status or a role added to the form is ignored", async () => {
    const w = await world();
    const r = await w.request();
    const account = await w.pending();
    const forged = { tenantId: w.b.id, status: "ACCEPTEE", role: "ADMIN", accountId: w.holder.id, agentId: w.agents.agentB.id };
    const { act } = await import("@/app/admin/(espace)/demandes/[numero]/actions");
    const { decide } = await import("@/app/admin/(espace)/comptes/[id]/actions");
    await as(w, "agentA");
    expect(await outcomeOf(() => act(null, form({ ...forged, kind: "statut", numero: r.numero, to: "EN_COURS", version: "0", intent: "confirmer" })))).toBe("ok");
    await as(w, "agentA");
    expect(await outcomeOf(() => decide(form({ ...forged, accountId: account.id, status: "VALIDE" })))).toBe("ok");
    expect(await db.request.findUniqueOrThrow({ where: { id: r.id }, select: { tenantId: true, status: true, accountId: true } })).toEqual({ tenantId: w.a.id, status: "EN_COURS", accountId: w.holder.id });
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id }, select: { tenantId: true, status: true } })).toEqual({ tenantId: w.a.id, status: "VALIDE" });
    expect(await db.agent.findUniqueOrThrow({ where: { id: w.agents.agentA.id }, select: { role: true } })).toEqual({ role: "AGENT" });
  });
});

describe("every act on a request", () => {
  it("is a 404 for another service's agent and another commune's agents, and changes nothing", async () => {
    const w = await world();
    const { act, record } = await import("@/app/admin/(espace)/demandes/[numero]/actions");
    const r = await w.request();
    const acts = [
      () => act(null, form({ kind: "statut", numero: r.numero, to: "EN_COURS", version: "0", intent: "confirmer" })),
      () => act(null, form({ kind: "statut", numero: r.numero, to: "INCOMPLETE", version: "0", publicMessage: "Votre facture ?" })),
      () => act(null, form({ kind: "information", numero: r.numero, message: "Bonjour", intent: "confirmer" })),
      () => act(null, form({ kind: "rappel", numero: r.numero, message: "Demain", date: "2099-01-01", intent: "confirmer" })),
      () => record(null, form({ kind: "note", numero: r.numero, text: "Vu" })),
      () => record(null, form({ kind: "attribuer", numero: r.numero, agentId: w.agents.agentT.id })),
      () => record(null, form({ kind: "piece", numero: r.numero, field: "justificatif" })),
    ];
    for (const actor of ["agentT", "agentB", "adminB"] as const) {
      for (const [i, run] of acts.entries()) {
        await as(w, actor);
        expect(`${actor} #${i}: ${await outcomeOf(run)}`).toBe(`${actor} #${i}: 404`);
      }
    }
    expect(await db.request.findUniqueOrThrow({ where: { id: r.id }, select: { status: true, version: true, assignedAgentId: true } })).toEqual({ status: "DEPOSEE", version: 0, assignedAgentId: null });
    expect(await db.message.count({ where: { requestId: r.id } })).toBe(0);
    expect(await db.requestNote.count({ where: { requestId: r.id } })).toBe(0);
    expect(await db.requestEvent.count({ where: { requestId: r.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { tenantId: w.a.id, targetId: r.numero } })).toBe(0);
  });
});
