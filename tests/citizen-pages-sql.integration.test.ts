import { issueToken } from "@/lib/accounts/tokens";
import { addToBasket } from "@/lib/billing/basket";
import { startPayment } from "@/lib/billing/payments";
import { getCitizen } from "@/lib/auth/session";
import { db, onStatement } from "@/lib/db";
import { env } from "@/lib/env";
import { listHistory, readFilters } from "@/lib/requests/history";
import { citizenOf, createAccountRow, createFullTenant, createMessage, createProcedure, createRegieRow, createTheme } from "@/tests/factories";
import { onRequest } from "@/tests/next-headers";
import { pagesUnder, renderPage, type Rendered } from "@/tests/render-page";
import { citizenCookie } from "@/tests/access";

// How many SQL statements each page a citizen sees sends to PostgreSQL for one request: at most
// MAX_STATEMENTS, whatever the size of the data. Every page of app/(citoyen) and app/(public) is
// rendered as Next renders it (layouts, metadata, nested server components, React cache() shared
// within the request: tests/render-page.ts), for a small commune and citizen and for a large one
// (300 requests, a request with 80 events and 12 pieces, 400 invoices, 150 messages, 60 démarches,
// 80 questions of FAQ). The statements are counted where the driver sends them (lib/db.ts
// onStatement), BEGIN and COMMIT included. Decision 0024 says why.
jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);
jest.mock("react", () => jest.requireActual("@/tests/react-request-cache").react);

const MAX_STATEMENTS = 6;

/**
 * Pages under app/(citoyen) and app/(public) that need no database, with why. Every other page
 * must be visited below: a new page without a visit fails the coverage test.
 */
const NO_DATABASE: Record<string, string> = {};

type Size = { label: string; host: string; requests: number; events: number; pieces: number; drafts: number; messages: number; invoices: number; basket: number; procedures: number; faq: number; children: number };
const SMALL: Size = { label: "petite", host: "petite.localhost", requests: 2, events: 1, pieces: 1, drafts: 1, messages: 1, invoices: 1, basket: 1, procedures: 2, faq: 2, children: 0 };
const LARGE: Size = { label: "grande", host: "grande.localhost", requests: 300, events: 80, pieces: 12, drafts: 30, messages: 150, invoices: 200, basket: 30, procedures: 60, faq: 80, children: 3 };

const PIECES = 12;
const definition = {
  steps: [
    { id: "personne", title: "Personne concernée", fields: [{ type: "member", name: "personne", label: "Pour qui ?", required: true }] },
    { id: "demande", title: "Votre demande", fields: [{ type: "textarea", name: "demande", label: "Votre demande", required: true }] },
    {
      id: "pieces", title: "Pièces justificatives",
      fields: Array.from({ length: PIECES }, (_, i) => ({ type: "file", name: `piece${i}`, label: `Justificatif ${i + 1}` })),
    },
  ],
};

/** A commune, its catalogue and FAQ, and one citizen with everything a citizen's pages list. */
async function world(size: Size) {
  const faq = Array.from({ length: size.faq }, (_, i) => ({ section: `Rubrique ${Math.floor(i / 10) + 1}`, question: `Question ${i + 1} ?`, answer: `Réponse **${i + 1}**.` }));
  const tenant = await createFullTenant({ hosts: [size.host], faq });
  const themes = await Promise.all(Array.from({ length: Math.max(1, Math.ceil(size.procedures / 10)) }, (_, i) => createTheme(tenant, `theme-${i}`, `Thème ${i + 1}`, i)));
  const procedures: { id: string; slug: string; title: string }[] = [];
  for (let i = 0; i < size.procedures; i++) {
    procedures.push(await createProcedure(tenant, themes[i % themes.length]!, {
      slug: `demarche-${i}`, title: `Démarche ${i}`, definition, concernsMember: true, requiresAccount: i !== 1,
    }));
  }
  const versions = await db.procedureVersion.findMany({ where: { procedureId: { in: procedures.map((p) => p.id) } }, select: { id: true, procedureId: true } });
  const versionOf = (procedureId: string) => versions.find((v) => v.procedureId === procedureId)!.id;

  const children = Array.from({ length: size.children }, (_, i) => ({ firstNames: `Enfant${i}`, birthDate: `201${i}-05-0${i + 1}`, sex: "F" as const }));
  const account = await createAccountRow(tenant, { children, spouse: size.children ? { firstNames: "Dominique", birthDate: "1984-02-03", sex: "M" } : undefined });
  const holder = await db.householdMember.findFirstOrThrow({ where: { accountId: account.id, relation: "TITULAIRE" }, select: { id: true } });
  const mine = { tenantId: tenant.id, accountId: account.id };

  // Sent requests, newest first by number; the last is the one with a long history and many pieces.
  const statuses = ["DEPOSEE", "EN_COURS", "COMPLETE", "ACCEPTEE", "REFUSEE", "SANS_SUITE"] as const;
  const numero = (i: number) => `${tenant.code}-2026-${String(i + 1).padStart(6, "0")}`;
  const start = Date.parse("2026-01-05T09:00:00Z");
  await db.request.createMany({
    data: Array.from({ length: size.requests }, (_, i) => {
      const procedure = procedures[i % Math.min(procedures.length, 10)]!;
      return {
        ...mine, procedureId: procedure.id, versionId: versionOf(procedure.id), memberId: holder.id, numero: numero(i),
        status: i === size.requests - 2 ? "INCOMPLETE" : statuses[i % statuses.length]!, submittedAt: new Date(start + i * 3_600_000),
        answers: { personne: holder.id, demande: `Demande ${i}` },
      };
    }),
  });
  const rows = await db.request.findMany({ where: { ...mine, status: { not: "BROUILLON" } }, select: { id: true, numero: true, status: true } });
  await db.requestEvent.createMany({ data: rows.map((r) => ({ requestId: r.id, actorKind: "CITOYEN" as const, fromStatus: "BROUILLON" as const, toStatus: "DEPOSEE" as const })) });
  const incomplete = rows.find((r) => r.status === "INCOMPLETE")!;
  await db.requestEvent.create({ data: { requestId: incomplete.id, actorKind: "AGENT", fromStatus: "DEPOSEE", toStatus: "INCOMPLETE", publicMessage: "Il manque le justificatif de domicile." } });

  const detailed = rows.find((r) => r.numero === numero(size.requests - 1))!;
  await db.requestEvent.createMany({
    data: Array.from({ length: size.events }, (_, i) => ({ requestId: detailed.id, actorKind: "AGENT" as const, fromStatus: "EN_COURS" as const, toStatus: "EN_COURS" as const, publicMessage: `Message ${i}`, createdAt: new Date(start + i * 60_000) })),
  });
  const pieces = await Promise.all(Array.from({ length: Math.min(size.pieces, PIECES) }, (_, i) =>
    db.attachment.create({ data: { ...mine, requestId: detailed.id, fieldName: `piece${i}`, fileName: `justificatif-${i}.pdf`, kind: "pdf", size: 1000 + i, storageKey: `${detailed.id}/${i}` }, select: { id: true, fieldName: true } }),
  ));
  await db.request.update({
    where: { id: detailed.id },
    data: { answers: { personne: holder.id, demande: "Avec pièces", ...Object.fromEntries(pieces.map((p) => [p.fieldName, { kind: "upload", attachmentId: p.id }])) } },
  });
  await db.attachment.createMany({ data: pieces.map((_, i) => ({ ...mine, requestId: incomplete.id, fieldName: `piece${i}`, fileName: `ancien-${i}.pdf`, kind: "pdf", size: 500, storageKey: `${incomplete.id}/${i}` })) });

  // Drafts, one per démarche, the first with pieces.
  await db.request.createMany({
    data: Array.from({ length: size.drafts }, (_, i) => {
      const procedure = procedures[i % procedures.length]!;
      return { ...mine, procedureId: procedure.id, versionId: versionOf(procedure.id), memberId: holder.id, answers: { personne: holder.id, demande: `Brouillon ${i}` } };
    }),
  });
  const draft = await db.request.findFirstOrThrow({ where: { ...mine, status: "BROUILLON", procedureId: procedures[0]!.id }, select: { id: true } });
  await db.attachment.createMany({ data: pieces.map((_, i) => ({ ...mine, requestId: draft.id, fieldName: `piece${i}`, fileName: `brouillon-${i}.pdf`, kind: "pdf", size: 700, storageKey: `${draft.id}/${i}` })) });

  for (let i = 0; i < size.messages; i++) await createMessage(tenant, { accountId: account.id, status: "ENVOYE", subject: `Votre demande ${i}` });

  // Invoices of one régie: as many to pay as paid; the oldest to pay fill the basket, then a payment runs.
  const regie = await createRegieRow(tenant, { name: "Régie Ville" });
  const issuedAt = new Date("2026-10-03T00:00:00Z");
  await db.invoice.createMany({
    data: Array.from({ length: size.invoices * 2 }, (_, i) => ({
      ...mine, regieId: regie.id, number: `F-${String(i).padStart(4, "0")}`, domain: "SCOLAIRE" as const, label: `Cantine ${i}`, period: "Octobre 2026",
      amountCents: 1_000 + i, issuedAt, dueAt: new Date(issuedAt.getTime() + (i + 30) * 86_400_000),
      ...(i % 2 ? { status: "PAYEE" as const, paidAt: new Date(Date.now() - i * 60_000), paidVia: "EN_LIGNE" as const } : {}),
    })),
  });
  const citizen = citizenOf(account);
  const toPay = await db.invoice.findMany({ where: { ...mine, status: "A_PAYER" }, orderBy: { number: "asc" }, take: size.basket, select: { id: true } });
  for (const invoice of toPay) expect((await addToBasket(citizen, invoice.id)).ok).toBe(true);
  const payment = await startPayment(citizen, tenant);
  if (!payment.ok) throw new Error(payment.message);

  const emailToken = await db.$transaction((tx) => issueToken(tx, account.id, "EMAIL", 3_600_000, account.email));
  const resetToken = await db.$transaction((tx) => issueToken(tx, account.id, "MOT_DE_PASSE", 1_800_000));
  const next = (await listHistory(citizen, readFilters({}))).next;
  if (size.requests > 20 && !next) throw new Error("no second page");

  return {
    size, tenant, citizen, cookie: await citizenCookie({ id: account.id, tenantId: tenant.id }), procedures, draftId: draft.id, paymentId: payment.data.paymentId, emailToken, resetToken, next,
    numeros: { detailed: detailed.numero!, incomplete: incomplete.numero! },
  };
}
type World = Awaited<ReturnType<typeof world>>;

type Visit = {
  page: string;
  /** Signed in as the world's citizen, or not. */
  signedIn: boolean;
  params?: Record<string, string>;
  search?: Record<string, string>;
  /** "ok" unless told. */
  outcome?: string;
  /** Text the page must show (that it really rendered the data it read). */
  shows?: (w: World) => string;
  /** What this visit is, in the report. */
  what?: string;
  host?: string;
};

const C = "app/(citoyen)";
const P = "app/(public)";

function visits(w: World): Visit[] {
  const slug = w.procedures[0]!.slug;
  const anonymousSlug = w.procedures[1]!.slug;
  return [
    { page: `${P}/page.tsx`, signedIn: false, shows: () => "Bienvenue sur le Compte Citoyen" },
    { page: `${P}/page.tsx`, signedIn: true, what: "connecté", shows: (w) => `identifiant ${w.citizen.identifiant}` },
    { page: `${P}/page.tsx`, signedIn: false, host: "localhost", what: "liste des communes", shows: () => "Les communes de Compte Citoyen" },
    { page: `${P}/connexion/page.tsx`, signedIn: false },
    { page: `${P}/connexion/page.tsx`, signedIn: true, search: { retour: "/demandes" }, outcome: "redirect:/demandes", what: "déjà connecté" },
    { page: `${P}/creer-mon-compte/page.tsx`, signedIn: false, search: { retour: `/services/${slug}/formulaire` }, what: "depuis une démarche" },
    { page: `${P}/mot-de-passe-oublie/page.tsx`, signedIn: false },
    { page: `${P}/mot-de-passe-oublie/[token]/page.tsx`, signedIn: false, params: { token: w.resetToken }, shows: (w) => `Compte : ${w.citizen.identifiant}` },
    { page: `${P}/nouveau-mot-de-passe/page.tsx`, signedIn: false },
    { page: `${P}/confirmer-mon-adresse/[token]/page.tsx`, signedIn: false, params: { token: w.emailToken } },
    { page: `${P}/suivi/page.tsx`, signedIn: false },
    { page: `${P}/faq/page.tsx`, signedIn: false, shows: (w) => `Question ${w.size.faq} ?` },
    { page: `${P}/mentions-legales/page.tsx`, signedIn: false, shows: () => "Éditeur" },
    { page: `${P}/donnees-personnelles/page.tsx`, signedIn: false, shows: () => "Responsable du traitement" },
    { page: `${P}/accessibilite/page.tsx`, signedIn: false, shows: () => "Partiellement conforme" },
    { page: `${P}/services/page.tsx`, signedIn: false, shows: (w) => `Démarche ${w.size.procedures - 1}` },
    { page: `${P}/services/page.tsx`, signedIn: true, search: { q: "démarche 1" }, what: "recherche, connecté" },
    { page: `${P}/services/[slug]/page.tsx`, signedIn: false, params: { slug }, shows: () => "Me connecter et commencer" },
    { page: `${P}/services/[slug]/page.tsx`, signedIn: true, params: { slug }, what: "connecté", shows: () => "Commencer la démarche" },
    { page: `${P}/services/[slug]/formulaire/page.tsx`, signedIn: false, params: { slug: anonymousSlug }, what: "sans compte" },
    { page: `${P}/services/[slug]/formulaire/page.tsx`, signedIn: false, params: { slug }, outcome: `redirect:/connexion?retour=${encodeURIComponent(`/services/${slug}/formulaire`)}`, what: "non connecté" },
    { page: `${P}/services/[slug]/formulaire/page.tsx`, signedIn: true, params: { slug }, what: "brouillons existants", shows: () => "Vous avez déjà commencé cette démarche" },
    { page: `${P}/services/[slug]/formulaire/page.tsx`, signedIn: true, params: { slug }, search: { nouveau: "1" }, what: "nouvelle demande" },
    { page: `${P}/services/[slug]/formulaire/page.tsx`, signedIn: true, params: { slug }, search: { brouillon: w.draftId }, what: "reprise d'un brouillon avec pièces" },
    { page: `${P}/dev/messages/page.tsx`, signedIn: false, what: "boîte de démonstration" },

    { page: `${C}/accueil/page.tsx`, signedIn: true, shows: (w) => w.numeros.incomplete },
    { page: `${C}/accueil/page.tsx`, signedIn: false, outcome: "redirect:/connexion?retour=%2Faccueil", what: "non connecté" },
    { page: `${C}/compte/page.tsx`, signedIn: true, shows: (w) => w.citizen.identifiant },
    { page: `${C}/compte/modifier/page.tsx`, signedIn: true },
    { page: `${C}/compte/mot-de-passe/page.tsx`, signedIn: true },
    { page: `${C}/compte/question/page.tsx`, signedIn: true, shows: () => "premier animal" },
    { page: `${C}/compte/donnees/page.tsx`, signedIn: true },
    { page: `${C}/demandes/page.tsx`, signedIn: true, what: "première page", shows: (w) => w.numeros.detailed },
    { page: `${C}/demandes/page.tsx`, signedIn: true, search: { statut: "traitees", demarche: slug, q: "2026" }, what: "filtrée" },
    ...(w.next ? [{ page: `${C}/demandes/page.tsx`, signedIn: true, search: { apres: w.next }, what: "page suivante" }] : []),
    { page: `${C}/demandes/[numero]/page.tsx`, signedIn: true, params: { numero: w.numeros.detailed }, what: "historique et pièces", shows: (w) => `Message ${w.size.events - 1}` },
    { page: `${C}/demandes/[numero]/page.tsx`, signedIn: true, params: { numero: `${w.tenant.code}-2026-999999` }, outcome: "not-found", what: "inconnue" },
    { page: `${C}/demandes/[numero]/completer/page.tsx`, signedIn: true, params: { numero: w.numeros.incomplete }, shows: () => "Il manque le justificatif de domicile." },
    { page: `${C}/mes-comptes/page.tsx`, signedIn: true, shows: () => "Cantine 1 " },
    { page: `${C}/messages/page.tsx`, signedIn: true, shows: (w) => `Votre demande ${w.size.messages - 1}` },
    { page: `${C}/panier/page.tsx`, signedIn: true, what: "paiement en cours", shows: () => "Un paiement est en cours" },
    { page: `${C}/panier/retour/[id]/page.tsx`, signedIn: true, params: { id: w.paymentId }, shows: () => "Paiement en cours de confirmation" },
    { page: `${C}/panier/simulation/[id]/page.tsx`, signedIn: true, params: { id: w.paymentId }, shows: () => "Facture n° F-0000" },
  ];
}

/** One visit rendered, with its statements, checked for what it must show. */
async function visit(w: World, v: Visit): Promise<Rendered> {
  const rendered = await renderPage({ page: v.page, host: v.host ?? w.size.host, cookie: v.signedIn ? w.cookie : undefined, params: v.params, search: v.search });
  const where = `${v.page}${v.what ? ` (${v.what})` : ""}, commune ${w.size.label}`;
  if (rendered.outcome !== (v.outcome ?? "ok")) throw new Error(`${where} : ${rendered.outcome} au lieu de ${v.outcome ?? "ok"}`);
  const shows = v.shows?.(w);
  if (shows && !rendered.text.includes(shows)) throw new Error(`${where} n'affiche pas « ${shows} » :\n${rendered.text.slice(0, 2000)}`);
  return rendered;
}

const label = (v: Visit) => `${v.page.replace(/^app\//, "").replace(/\/page\.tsx$/, "") || "/"}${v.what ? ` (${v.what})` : ""}`;

beforeEach(() => {
  // The demo mailbox page is counted too: it is on in demo mode.
  jest.replaceProperty(env, "devMailbox", true);
});

describe("the count", () => {
  const accountReads = (statements: string[]) => statements.filter((sql) => /^SELECT .* FROM "public"\."Account" WHERE/.test(sql)).length;

  test("sees every statement a transaction sends, BEGIN and COMMIT included", async () => {
    const statements: string[] = [];
    const stop = onStatement((sql) => statements.push(sql));
    await db.$transaction(async (tx) => tx.tenant.count());
    stop();
    expect(statements.map((sql) => sql.split(" ")[0])).toEqual(["BEGIN", "SELECT", "COMMIT"]);
  });

  test("reads the session's account once per request, shared by the layout and the page as React cache() does in Next", async () => {
    const w = await world(SMALL);
    const rendered = await renderPage({ page: "app/(citoyen)/accueil/page.tsx", host: SMALL.host, cookie: w.cookie });
    expect(rendered.text).toContain(`Bonjour ${w.citizen.firstNames}`);
    expect(accountReads(rendered.statements)).toBe(1);
    // Outside a request, cache() memoizes nothing: two calls, two reads.
    onRequest({ host: SMALL.host, cookie: w.cookie });
    const statements: string[] = [];
    const stop = onStatement((sql) => statements.push(sql));
    await getCitizen();
    await getCitizen();
    stop();
    expect(accountReads(statements)).toBe(2);
  });
});

test("every citizen and public page is visited by this test, or listed as needing no database", () => {
  const pages = pagesUnder("app/(citoyen)", "app/(public)");
  const visited = new Set(visits({ size: SMALL, procedures: [{ slug: "a" }, { slug: "b" }], numeros: {}, citizen: {}, tenant: {} } as unknown as World).map((v) => v.page));
  const missing = pages.filter((p) => !visited.has(p) && !Object.hasOwn(NO_DATABASE, p));
  expect(missing).toEqual([]);
  // Nothing listed that no longer exists, or that is visited all the same.
  expect(Object.keys(NO_DATABASE).filter((p) => !pages.includes(p) || visited.has(p))).toEqual([]);
});

test(`each page sends at most ${MAX_STATEMENTS} SQL statements, for a small and a large commune and citizen`, async () => {
  const worlds = [await world(SMALL), await world(LARGE)];
  const counts = new Map<string, string[]>();
  const over: string[] = [];
  for (const [i, w] of worlds.entries()) {
    for (const v of visits(w)) {
      const rendered = await visit(w, v);
      const n = rendered.statements.length;
      if (!counts.has(label(v))) counts.set(label(v), worlds.map(() => " -"));
      counts.get(label(v))![i] = String(n).padStart(2);
      if (n > MAX_STATEMENTS) over.push(`${label(v)}, commune ${w.size.label} : ${n}\n    ${rendered.statements.join("\n    ")}`);
    }
  }
  const report = [...counts].map(([what, n]) => `${n.join(" | ")}  ${what}`);
  // The figures of decision 0024 (SQL_REPORT=1 prints them): statements per request, small | large.
  if (process.env.SQL_REPORT === "1") console.log(`Requêtes SQL par page (petite | grande) :\n${report.join("\n")}`);
  expect(over).toEqual([]);
  // No page sends more for more data (a query per row would show here first, below the limit).
  expect([...counts].filter(([, [small, large]]) => small !== " -" && Number(large) > Number(small)).map(([what]) => what)).toEqual([]);
}, 240_000);
