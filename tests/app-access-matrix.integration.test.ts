import { onRequest } from "@/tests/next-headers";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { createElement, isValidElement, type ReactElement } from "react";
import { prerender } from "react-dom/static";
import { definePDFJSModule, extractText, getDocumentProxy } from "unpdf";
import { createApiKey } from "@/lib/billing/api-keys";
import { addToBasket } from "@/lib/billing/basket";
import { startPayment } from "@/lib/billing/payments";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { REQUEST_NOT_FOUND } from "@/lib/requests/transitions";
import { saveDraft } from "@/lib/requests/drafts";
import { hashTrackingCode, newTrackingCode } from "@/lib/requests/tracking";
import { SESSION_EXPIRED_MESSAGE } from "@/lib/forms";
import { as, discover, form, hostOf, matrixSection, matrixTable, OWNER, page, restoreSessions, SEVEN, surfaceOf, unwatchWrites, watchWrites, world, writes, type Actor, type World } from "@/tests/access";
import { citizenOf, createInvoice, createMessage, createRegieRow, DEFAULT_PASSWORD } from "@/tests/factories";

// Who may reach what in the whole app outside /admin (the back office has its own matrix):
// every citizen and public page, server action and route handler, found on disk (a new one without
// a row here fails this test), called as the browser would for the seven people of tests/access.ts,
// each on their own commune's address. Every object belongs to citizen A of commune A. For each
// cell: the outcome (served, sent to the login page with the way back, 404, refused, or the route's
// own status); a refusal's body names nothing of the object; a refused act changes nothing, and an
// act changes only the actor's own things, whatever ids, commune or status the form adds.
// The table is docs/access-matrix.md: `WRITE_MATRIX=1 node scripts/test.mjs jest tests/app-access-matrix`
// rewrites it, and this test fails when it is out of date.
jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);
// Outside a Next server there is no cache to refresh after a change.
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

/**
 * ok: served (200) or done; login: sent to /connexion with `retour` this very address; home: a
 * signed-in citizen sent on to their home; 404: not found, as if it did not exist; refused: the
 * act answered with an error and did nothing; a number: the route handler's own status.
 */
type Outcome = "ok" | "login" | "home" | "404" | "refused" | "201" | "400" | "401";
type Expected = Record<(typeof SEVEN)[number], Outcome>;

type Cell = { w: World; actor: Actor; object: string; cookie?: string; call: (fn: string, ...args: unknown[]) => Promise<unknown>; request: (url: string, init?: RequestInit) => Request };
type Row = {
  expected: Expected;
  /** What the row exercises, for the table. */
  note?: string;
  run: (c: Cell) => Promise<unknown>;
  /** The address the person asked for: a login redirect must bring them back there. */
  path?: (object: string) => string;
  /** An action's redirect that means done (any other is a refusal). */
  done?: RegExp;
  /** A fresh object for each cell, named to run and changed. */
  fresh?: (w: World) => Promise<string>;
  /** After a cell: whether citizen A's object changed. */
  changed?: (w: World, object: string) => Promise<boolean>;
  /** Who changes the object when their cell is ok (default: every ok cell). */
  changers?: readonly Actor[];
  /** What citizen A reads there (the proof that the others' cells, which must not show it, were read). */
  ownerSees?: (object: string) => string[];
};

const SIGNED_IN: Expected = { anonyme: "login", citoyenA: "ok", citoyenA2: "ok", citoyenB: "ok", agentA: "login", adminA: "login", agentB: "login" };
const OWNER_ONLY: Expected = { anonyme: "login", citoyenA: "ok", citoyenA2: "404", citoyenB: "404", agentA: "login", adminA: "login", agentB: "login" };
const OWNER_REFUSED: Expected = { ...OWNER_ONLY, citoyenA2: "refused", citoyenB: "refused" };
/** Files (PDFs, pieces): the owner's; anyone else, signed out included, the same 404. */
const OWNER_FILE: Expected = { anonyme: "404", citoyenA: "ok", citoyenA2: "404", citoyenB: "404", agentA: "404", adminA: "404", agentB: "404" };
const EVERYONE: Expected = { anonyme: "ok", citoyenA: "ok", citoyenA2: "ok", citoyenB: "ok", agentA: "ok", adminA: "ok", agentB: "ok" };
const NOBODY = (outcome: Outcome): Expected => ({ anonyme: outcome, citoyenA: outcome, citoyenA2: outcome, citoyenB: outcome, agentA: outcome, adminA: outcome, agentB: outcome });
/** What commune A shows on its address: commune B's people, on theirs, find nothing. */
const COMMUNE_A = (outcome: Outcome = "ok"): Expected => ({ ...NOBODY(outcome), citoyenB: "404", agentB: "404" });

/** Fields a forged form adds: they must change nothing (commune, account, status, role). */
const forged = (w: World) => ({ tenantId: w.b.id, accountId: w.holder.id, status: "ACCEPTEE", role: "ADMIN" });
const ownerCitizen = (w: World) => citizenOf(w.holder);

/** One of citizen A's drafts of « encombrants ». */
async function draftOfOwner(w: World) {
  const saved = await saveDraft(ownerCitizen(w), { procedure: "encombrants", answers: { objets: OWNER.answer } });
  if (!saved.ok) throw new Error(saved.message);
  return saved.data.draftId;
}
/** An unpaid invoice of citizen A (régie « Régie Matrice », 123,45 €). */
async function invoiceOfOwner(w: World) {
  const regie = (await db.regie.findFirst({ where: { tenantId: w.a.id, name: "Régie Matrice" }, select: { id: true } })) ?? (await createRegieRow(w.a, { name: "Régie Matrice" }));
  return (await createInvoice(w.holder, regie, { label: "Cantine Matrice", amountCents: 12_345, number: `FM-${crypto.randomUUID().slice(0, 8)}` })).id;
}
/** Citizen A's basket, emptied (a payment of it left running no longer holds it). */
async function emptyBasket(w: World) {
  await db.basketItem.deleteMany({ where: { basket: { accountId: w.holder.id } } });
  await db.basket.deleteMany({ where: { accountId: w.holder.id } });
}
/** Citizen A's basket, emptied, then holding one new invoice (returned). */
async function basketOfOwner(w: World) {
  await emptyBasket(w);
  const invoice = await invoiceOfOwner(w);
  const added = await addToBasket(ownerCitizen(w), invoice);
  if (!added.ok) throw new Error(added.message);
  return invoice;
}
/** A running simulated card payment of citizen A. */
async function paymentOfOwner(w: World) {
  await basketOfOwner(w);
  const started = await startPayment(ownerCitizen(w), w.a);
  if (!started.ok) throw new Error(started.message);
  return started.data.paymentId;
}
const member = (w: World) =>
  db.householdMember.create({ data: { tenantId: w.a.id, accountId: w.holder.id, kind: "ADULTE", relation: "AUTRE_ADULTE", firstNames: "Gaspard", lastName: OWNER.birthName, birthDate: new Date("1960-05-01T00:00:00Z"), sex: "M" }, select: { id: true } }).then((m) => m.id);
const status = async (numero: string) => (await db.request.findFirstOrThrow({ where: { numero }, select: { status: true } })).status;
const ownerAccount = (w: World) => db.account.findUniqueOrThrow({ where: { id: w.holder.id } });

const citizenPage = (p: string): Row => ({ expected: SIGNED_IN, path: () => p, run: (c) => c.call("default", page()) });
const publicPage = (expected: Expected = EVERYONE, params: Record<string, string> = {}): Row => ({ expected, run: (c) => c.call("default", page(params)) });

const C = "app/(citoyen)";
const P = "app/(public)";

const MATRIX: Record<string, Row> = {
  // The citizen's space: signed in, and their own things only.
  [`${C}/accueil/page.tsx`]: { ...citizenPage("/accueil"), ownerSees: () => [OWNER.firstNames] },
  [`${C}/compte/page.tsx`]: { ...citizenPage("/compte"), ownerSees: () => [OWNER.birthName, "Gaspard"] },
  [`${C}/compte/modifier/page.tsx`]: citizenPage("/compte/modifier"),
  [`${C}/compte/mot-de-passe/page.tsx`]: citizenPage("/compte/mot-de-passe"),
  [`${C}/compte/question/page.tsx`]: citizenPage("/compte/question"),
  [`${C}/demandes/page.tsx`]: citizenPage("/demandes"),
  [`${C}/mes-comptes/page.tsx`]: { ...citizenPage("/mes-comptes"), ownerSees: () => ["Cantine Matrice", "123,45"] },
  [`${C}/messages/page.tsx`]: { ...citizenPage("/messages"), ownerSees: () => [OWNER.answer] },
  [`${C}/panier/page.tsx`]: citizenPage("/panier"),
  [`${C}/compte/donnees/page.tsx`]: citizenPage("/compte/donnees"),
  [`${C}/compte/donnees/json/route.ts#GET`]: {
    ownerSees: () => [OWNER.firstNames, OWNER.birthName],
    // Each citizen downloads their own data; signed out, a 404 that says to sign in.
    expected: { ...OWNER_FILE, citoyenA2: "ok", citoyenB: "ok" }, note: "ses propres données", run: (c) => c.call("GET", c.request("/compte/donnees/json")),
  },
  [`${C}/compte/donnees/pdf/route.ts#GET`]: {
    ownerSees: () => [OWNER.firstNames, OWNER.birthName],
    expected: { ...OWNER_FILE, citoyenA2: "ok", citoyenB: "ok" }, note: "ses propres données, PDF", run: (c) => c.call("GET", c.request("/compte/donnees/pdf")),
  },
  [`${C}/compte/donnees/actions.ts#askDeletionAction`]: {
    // Each citizen asks for their own account's deletion: citizen A's account is asked for by citizen A only.
    expected: SIGNED_IN, changers: ["citoyenA"], note: "son propre compte", path: () => "/compte/donnees", done: /fait=demandee/,
    run: (c) => c.call("askDeletionAction", null, form({ ...forged(c.w), password: DEFAULT_PASSWORD, note: "Je déménage." })),
    changed: async (w) => (await ownerAccount(w)).deletionRequestedAt !== null,
  },
  [`${C}/compte/donnees/actions.ts#withdrawDeletionAction`]: {
    // Citizen A's pending request: the others have none of their own to withdraw, and cannot reach A's.
    expected: OWNER_REFUSED, note: "demande de A en attente", path: () => "/compte/donnees", done: /fait=retiree/,
    fresh: async (w) => (await db.account.update({ where: { id: w.holder.id }, data: { deletionRequestedAt: new Date() }, select: { id: true } })).id,
    run: (c) => c.call("withdrawDeletionAction", form({ ...forged(c.w), acte: "retirer" })),
    changed: async (w) => (await ownerAccount(w)).deletionRequestedAt === null,
  },
  [`${C}/messages/actions.ts#markMessagesRead`]: {
    // Each citizen marks their own messages read: citizen A's stay unread for anyone else.
    expected: SIGNED_IN, changers: ["citoyenA"], note: "ses propres messages", path: () => "/messages",
    fresh: async (w) => (await createMessage(w.a, { accountId: w.holder.id, subject: `Pour ${OWNER.firstNames}`, status: "ENVOYE", createdAt: new Date(Date.now() - 60_000) })).id,
    run: (c) => c.call("markMessagesRead", new Date().toISOString()),
    changed: async (_, id) => (await db.message.findUniqueOrThrow({ where: { id }, select: { readAt: true } })).readAt !== null,
  },
  [`${C}/demandes/[numero]/page.tsx`]: {
    ownerSees: (numero) => [numero, OWNER.answer],
    expected: OWNER_ONLY, fresh: async (w) => (await w.request()).numero, path: (o) => `/demandes/${o}`, run: (c) => c.call("default", page({ numero: c.object })),
  },
  [`${C}/demandes/[numero]/completer/page.tsx`]: {
    expected: OWNER_ONLY, fresh: async (w) => (await w.request("INCOMPLETE")).numero, path: (o) => `/demandes/${o}/completer`, run: (c) => c.call("default", page({ numero: c.object })),
  },
  [`${C}/demandes/[numero]/pdf/route.ts#GET`]: {
    ownerSees: (numero) => [numero, OWNER.answer],
    expected: OWNER_FILE, note: "PDF", fresh: async (w) => (await w.request()).numero,
    run: (c) => c.call("GET", c.request(`/demandes/${c.object}/pdf`), { params: Promise.resolve({ numero: c.object }) }),
  },
  [`${C}/mes-comptes/factures/[id]/route.ts#GET`]: {
    ownerSees: () => ["Cantine Matrice", "123,45"],
    expected: OWNER_FILE, note: "PDF", fresh: invoiceOfOwner,
    run: (c) => c.call("GET", c.request(`/mes-comptes/factures/${c.object}`), { params: Promise.resolve({ id: c.object }) }),
  },
  [`${C}/panier/retour/[id]/page.tsx`]: {
    expected: OWNER_ONLY, fresh: paymentOfOwner, path: (o) => `/panier/retour/${o}`, run: (c) => c.call("default", page({ id: c.object })),
  },
  [`${C}/panier/simulation/[id]/page.tsx`]: {
    expected: OWNER_ONLY, fresh: paymentOfOwner, path: (o) => `/panier/simulation/${o}`, run: (c) => c.call("default", page({ id: c.object })),
  },
  [`${C}/accueil/actions.ts#removeDraft`]: {
    expected: OWNER_REFUSED, fresh: draftOfOwner, path: () => "/accueil", done: /brouillon=supprime/,
    run: (c) => c.call("removeDraft", form({ ...forged(c.w), draftId: c.object })),
    changed: async (_, id) => (await db.request.count({ where: { id } })) === 0,
  },
  [`${C}/compte/actions.ts#confirmMobileAction`]: {
    // Each citizen confirms their own mobile: a wrong code is refused for all.
    expected: { ...SIGNED_IN, citoyenA: "refused", citoyenA2: "refused", citoyenB: "refused" }, note: "code erroné", path: () => "/compte",
    run: (c) => c.call("confirmMobileAction", { ...forged(c.w), code: "000000" }),
    changed: async (w) => (await ownerAccount(w)).mobileConfirmedAt === null,
  },
  [`${C}/compte/actions.ts#resendMobileCodeAction`]: {
    expected: SIGNED_IN, note: "son propre mobile", path: () => "/compte",
    run: (c) => c.call("resendMobileCodeAction"),
  },
  [`${C}/compte/modifier/actions.ts#saveContact`]: {
    // Each citizen changes their own address: citizen A's changes only for citizen A.
    expected: SIGNED_IN, changers: ["citoyenA"], note: "son propre compte", path: () => "/compte/modifier",
    fresh: async () => `${Math.floor(Math.random() * 900) + 10} rue des Essais`,
    run: async (c) => {
      const me = c.actor === "citoyenA" || c.actor === "citoyenA2" || c.actor === "citoyenB" ? c.w.citizens[c.actor] : c.w.holder;
      return c.call("saveContact", { ...forged(c.w), addressLine1: c.object, postalCode: "49070", city: "Beaucouzé", email: me.email, mobile: "0612345678", channel: "EMAIL" });
    },
    changed: async (w, line) => (await ownerAccount(w)).addressLine1 === line,
  },
  [`${C}/compte/modifier/actions.ts#saveHouseholdMember`]: {
    expected: OWNER_REFUSED, note: "membre du foyer de A", fresh: member, path: () => "/compte/modifier",
    run: (c) => c.call("saveHouseholdMember", { ...forged(c.w), id: c.object, relation: "AUTRE_ADULTE", firstNames: "Renommé", lastName: "Essai", birthDate: "1960-05-01", sex: "M" }),
    changed: async (_, id) => (await db.householdMember.findUnique({ where: { id } }))?.firstNames === "Renommé",
  },
  [`${C}/compte/modifier/actions.ts#removeHouseholdMember`]: {
    expected: OWNER_REFUSED, note: "membre du foyer de A", fresh: member, path: () => "/compte/modifier",
    run: (c) => c.call("removeHouseholdMember", c.object),
    changed: async (_, id) => (await db.householdMember.count({ where: { id } })) === 0,
  },
  [`${C}/compte/mot-de-passe/actions.ts#savePassword`]: {
    expected: SIGNED_IN, changers: ["citoyenA"], note: "son propre compte", path: () => "/compte/mot-de-passe",
    fresh: async (w) => (await ownerAccount(w)).passwordHash,
    run: (c) => c.call("savePassword", { ...forged(c.w), currentPassword: DEFAULT_PASSWORD, password: "lanterne-girafe-marmite-31", passwordConfirm: "lanterne-girafe-marmite-31" }),
    changed: async (w, hash) => (await ownerAccount(w)).passwordHash !== hash,
  },
  [`${C}/compte/question/actions.ts#saveSecurityQuestion`]: {
    expected: SIGNED_IN, changers: ["citoyenA"], note: "son propre compte", path: () => "/compte/question",
    fresh: async () => `Quelle est la couleur n° ${crypto.randomUUID().slice(0, 6)} ?`,
    run: (c) => c.call("saveSecurityQuestion", { ...forged(c.w), currentPassword: DEFAULT_PASSWORD, securityQuestion: c.object, securityAnswer: "Verte" }),
    changed: async (w, question) => (await ownerAccount(w)).securityQuestion === question,
  },
  [`${C}/demandes/[numero]/actions.ts#sendComplement`]: {
    expected: OWNER_ONLY, fresh: async (w) => (await w.request("INCOMPLETE")).numero, path: (o) => `/demandes/${o}/completer`,
    run: (c) => c.call("sendComplement", c.object, { ...forged(c.w), version: 0, message: "Voici mon justificatif." }),
    changed: async (_, numero) => (await status(numero)) === "EN_COURS",
  },
  [`${C}/demandes/[numero]/actions.ts#withdraw`]: {
    expected: OWNER_ONLY, fresh: async (w) => (await w.request()).numero, path: (o) => `/demandes/${o}`, done: /retrait=fait/,
    run: (c) => c.call("withdraw", form({ ...forged(c.w), numero: c.object, version: "0" })),
    changed: async (_, numero) => (await status(numero)) === "SANS_SUITE",
  },
  [`${C}/mes-comptes/actions.ts#addToBasketAction`]: {
    expected: OWNER_ONLY, fresh: async (w) => (await emptyBasket(w), invoiceOfOwner(w)), path: () => "/mes-comptes", done: /ajout=ok/,
    run: (c) => c.call("addToBasketAction", form({ ...forged(c.w), facture: c.object })),
    changed: async (_, invoiceId) => (await db.basketItem.count({ where: { invoiceId } })) === 1,
  },
  [`${C}/panier/actions.ts#removeAction`]: {
    expected: OWNER_REFUSED, fresh: basketOfOwner, path: () => "/panier", done: /retrait=ok/,
    run: (c) => c.call("removeAction", form({ ...forged(c.w), facture: c.object })),
    changed: async (_, invoiceId) => (await db.basketItem.count({ where: { invoiceId } })) === 0,
  },
  [`${C}/panier/actions.ts#payAction`]: {
    // Each citizen pays their own basket: the others' are empty.
    expected: OWNER_REFUSED, note: "son propre panier", fresh: basketOfOwner, path: () => "/panier", done: /^\/panier\/simulation\//,
    run: (c) => c.call("payAction"),
    changed: async (_, invoiceId) => (await db.paymentItem.count({ where: { invoiceId } })) === 1,
  },
  [`${C}/panier/simulation/[id]/actions.ts#simulateAction`]: {
    expected: OWNER_ONLY, fresh: paymentOfOwner, path: () => "/panier", done: /^\/panier\/retour\//,
    run: (c) => c.call("simulateAction", form({ ...forged(c.w), paiement: c.object, acte: "payer" })),
    changed: async (_, id) => (await db.payment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status === "REUSSI",
  },

  // The commune's public pages: anyone, on the commune's own address.
  [`${P}/page.tsx`]: publicPage(),
  [`${P}/accessibilite/page.tsx`]: publicPage(),
  [`${P}/donnees-personnelles/page.tsx`]: publicPage(),
  [`${P}/mentions-legales/page.tsx`]: publicPage(),
  [`${P}/faq/page.tsx`]: publicPage(),
  [`${P}/services/page.tsx`]: publicPage(),
  [`${P}/suivi/page.tsx`]: publicPage(),
  [`${P}/creer-mon-compte/page.tsx`]: publicPage(),
  [`${P}/mot-de-passe-oublie/page.tsx`]: publicPage(),
  [`${P}/nouveau-mot-de-passe/page.tsx`]: publicPage(),
  [`${P}/confirmer-mon-adresse/[token]/page.tsx`]: publicPage(EVERYONE, { token: "x".repeat(43) }),
  [`${P}/mot-de-passe-oublie/[token]/page.tsx`]: publicPage(EVERYONE, { token: "x".repeat(43) }),
  [`${P}/connexion/page.tsx`]: publicPage({ ...EVERYONE, citoyenA: "home", citoyenA2: "home", citoyenB: "home" }),
  [`${P}/dev/messages/page.tsx`]: { ...publicPage(NOBODY("404")), note: "hors démonstration" },
  [`${P}/services/[slug]/page.tsx`]: { ...publicPage(COMMUNE_A(), { slug: "encombrants" }), note: "démarche de A" },
  [`${P}/services/[slug]/formulaire/page.tsx`]: {
    expected: { ...SIGNED_IN, citoyenB: "404", agentB: "404" }, note: "démarche de A", path: () => "/services/encombrants/formulaire",
    run: (c) => c.call("default", page({ slug: "encombrants" })),
  },
  [`${P}/services/[slug]/formulaire/page.tsx ?brouillon`]: {
    expected: OWNER_ONLY, note: "brouillon de A", fresh: draftOfOwner, path: (o) => `/services/encombrants/formulaire?brouillon=${o}`,
    run: (c) => c.call("default", page({ slug: "encombrants" }, { brouillon: c.object })),
  },
  [`${P}/confirmer-mon-adresse/[token]/actions.ts#confirmAddress`]: {
    expected: NOBODY("refused"), note: "lien inconnu", run: (c) => c.call("confirmAddress", null, form({ ...forged(c.w), token: "x".repeat(43) })),
  },
  [`${P}/creer-mon-compte/actions.ts#signUp`]: {
    expected: NOBODY("refused"), note: "formulaire incomplet", run: (c) => c.call("signUp", { ...forged(c.w) }),
  },
  [`${P}/dev/messages/actions.ts#sendTestMessage`]: {
    expected: NOBODY("404"), note: "hors démonstration", run: (c) => c.call("sendTestMessage", form({ to: "essai@exemple.fr", channel: "EMAIL" })),
  },
  [`${P}/mot-de-passe-oublie/actions.ts#requestResetAction`]: {
    // The same neutral answer whoever asks, for whatever identifiant.
    expected: EVERYONE, note: "réponse neutre", run: (c) => c.call("requestResetAction", { ...forged(c.w), identifiant: c.w.holder.identifiant }),
  },
  [`${P}/mot-de-passe-oublie/[token]/actions.ts#resetPasswordAction`]: {
    expected: NOBODY("refused"), note: "lien inconnu",
    run: (c) => c.call("resetPasswordAction", "x".repeat(43), { ...forged(c.w), securityAnswer: "Médor", password: "lanterne-girafe-marmite-31", passwordConfirm: "lanterne-girafe-marmite-31" }),
  },
  [`${P}/nouveau-mot-de-passe/actions.ts#redeemCodeAction`]: {
    expected: NOBODY("refused"), note: "code erroné",
    run: (c) => c.call("redeemCodeAction", { ...forged(c.w), identifiant: c.w.holder.identifiant, code: "ABCD-EFGH", password: "lanterne-girafe-marmite-31", passwordConfirm: "lanterne-girafe-marmite-31" }),
    changed: async (w) => (await ownerAccount(w)).sessionVersion !== 0,
  },
  [`${P}/services/[slug]/formulaire/actions.ts#saveProcedureDraft`]: {
    // A session that expired answers « reconnectez-vous » (the wizard keeps what was typed).
    expected: OWNER_REFUSED, note: "brouillon de A", fresh: draftOfOwner,
    run: (c) => c.call("saveProcedureDraft", { ...forged(c.w), procedure: "encombrants", draftId: c.object, version: 0, answers: { objets: "Changé" } }),
    changed: async (_, id) => ((await db.request.findUniqueOrThrow({ where: { id }, select: { answers: true } })).answers as { objets?: string }).objets === "Changé",
  },
  [`${P}/services/[slug]/formulaire/actions.ts#sendProcedureDraft`]: {
    expected: OWNER_REFUSED, note: "brouillon de A", fresh: draftOfOwner,
    run: (c) => c.call("sendProcedureDraft", { ...forged(c.w), draftId: c.object, version: 0 }),
    changed: async (_, id) => (await db.request.findUniqueOrThrow({ where: { id }, select: { status: true } })).status !== "BROUILLON",
  },
  [`${P}/services/[slug]/formulaire/actions.ts#startOver`]: {
    // « Recommencer » opens a blank form for anyone signed in; only citizen A's own draft is deleted.
    expected: SIGNED_IN, changers: ["citoyenA"], note: "brouillon de A", fresh: draftOfOwner, path: () => "/services/encombrants/formulaire", done: /nouveau=1/,
    run: (c) => c.call("startOver", form({ ...forged(c.w), slug: "encombrants", draftId: c.object })),
    changed: async (_, id) => (await db.request.count({ where: { id } })) === 0,
  },
  [`${P}/services/[slug]/formulaire/actions.ts#sendAnonymousRequest`]: {
    expected: NOBODY("refused"), note: "démarche avec compte",
    run: (c) => c.call("sendAnonymousRequest", { ...forged(c.w), procedure: "encombrants", answers: { objets: "Un lit" }, altcha: "x", website: "", submissionKey: crypto.randomUUID() }),
  },
  [`${P}/suivi/actions.ts#trackRequestAction`]: {
    expected: NOBODY("refused"), note: "code erroné", fresh: async (w) => (await w.request()).numero,
    run: (c) => c.call("trackRequestAction", { numero: c.object, code: "ABCDEFGH" }),
  },

  [`${P}/suivi/actions.ts#trackRequestAction bon code`]: {
    // An anonymous request of commune A with its own code: found on commune A's address only.
    expected: { ...COMMUNE_A(), citoyenB: "refused", agentB: "refused" }, note: "demande sans compte de A, bon code",
    fresh: async (w) => {
      const code = newTrackingCode();
      const versionId = (await db.procedureVersion.findFirstOrThrow({ where: { procedureId: w.procedure.id }, select: { id: true } })).id;
      const numero = `${w.a.code}-2024-9${String(Math.floor(Math.random() * 99_999)).padStart(5, "0")}`;
      await db.request.create({ data: { tenantId: w.a.id, procedureId: w.procedure.id, versionId, status: "DEPOSEE", numero, submittedAt: new Date(), answers: {}, trackingHash: await hashTrackingCode(code) } });
      return `${numero} ${code}`;
    },
    run: (c) => c.call("trackRequestAction", { numero: c.object.split(" ")[0], code: c.object.split(" ")[1] }),
  },

  // Route handlers.
  "app/api/auth/[...nextauth]/route.ts#GET": {
    expected: EVERYONE, note: "session", run: (c) => c.call("GET", c.request("/api/auth/session"), { params: Promise.resolve({ nextauth: ["session"] }) }),
  },
  "app/api/auth/[...nextauth]/route.ts#POST": {
    // Signing in as citizen A with a wrong password, as the login form does (CSRF token first): refused for anyone.
    expected: NOBODY("refused"), note: "mot de passe erroné",
    run: async (c) => {
      const csrf = (await c.call("GET", c.request("/api/auth/csrf"), { params: Promise.resolve({ nextauth: ["csrf"] }) })) as Response;
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = [c.cookie, ...csrf.headers.getSetCookie().map((set) => set.split(";")[0])].filter(Boolean).join("; ");
      const body = new URLSearchParams({ csrfToken, identifiant: c.w.holder.identifiant, password: "pas-le-bon-mot-de-passe" }).toString();
      const params = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
      const answer = (await c.call("POST", c.request("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie }, body }), params)) as Response;
      // Refused (wrong password, or the account's attempts throttled by the rows before): the reason, and no session cookie.
      const to = answer.headers.get("location") ?? "";
      const session = answer.headers.getSetCookie().some((set) => set.startsWith("cc.session=") && !set.startsWith("cc.session=;"));
      return answer.status === 302 && /[?&]error=(identifiants|attente)/.test(to) && !session ? { ok: false, message: to } : answer;
    },
  },
  "app/api/captcha/route.ts#GET": { expected: EVERYONE, run: (c) => c.call("GET", c.request("/api/captcha")) },
  "app/api/health/route.ts#GET": { expected: EVERYONE, run: (c) => c.call("GET") },
  "app/api/ping/route.ts#GET": { expected: EVERYONE, note: "sans base ni session", run: (c) => c.call("GET") },
  "app/api/dev/mailbox/route.ts#GET": {
    expected: NOBODY("404"), note: "hors démonstration", run: (c) => c.call("GET", c.request(`/api/dev/mailbox?to=${encodeURIComponent(c.w.holder.email)}`)),
  },
  "app/api/dev/demandes/[numero]/route.ts#POST": {
    expected: NOBODY("404"), note: "hors démonstration", fresh: async (w) => (await w.request()).numero,
    run: (c) => c.call("POST", c.request(`/api/dev/demandes/${c.object}`, { method: "POST", body: JSON.stringify({ to: "EN_COURS" }) }), { params: Promise.resolve({ numero: c.object }) }),
    changed: async (_, numero) => (await status(numero)) !== "DEPOSEE",
  },
  "app/api/pieces/[id]/route.ts#GET": {
    expected: OWNER_FILE, note: "pièce de A", fresh: async (w) => (await w.request()).attachmentId,
    run: (c) => c.call("GET", c.request(`/api/pieces/${c.object}`), { params: Promise.resolve({ id: c.object }) }),
  },
  "app/api/pieces/route.ts#POST": {
    expected: { ...OWNER_FILE, anonyme: "401", citoyenA: "201", agentA: "401", adminA: "401", agentB: "401" }, note: "dans un brouillon de A", fresh: draftOfOwner,
    run: (c) => {
      const data = new FormData();
      data.set("draftId", c.object);
      data.set("field", "justificatif");
      data.set("file", new File([new TextEncoder().encode("%PDF-1.7\n%…\n")], "piece.pdf", { type: "application/pdf" }));
      return c.call("POST", c.request("/api/pieces", { method: "POST", body: data }));
    },
    changed: async (_, draftId) => (await db.attachment.count({ where: { requestId: draftId } })) === 1,
  },
  "app/api/v1/factures/route.ts#POST": {
    expected: NOBODY("401"), note: "sans clé",
    run: (c) => c.call("POST", c.request("/api/v1/factures", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ factures: [] }) })),
  },
  "app/api/v1/factures/route.ts#POST clé de A": {
    // The same key from every address: commune B's address does not take commune A's key.
    expected: { ...NOBODY("ok"), citoyenB: "401", agentB: "401" }, note: "clé de la commune A",
    fresh: async () => `API-${crypto.randomUUID().slice(0, 8)}`,
    run: async (c) => {
      const key = await keyOfA(c.w);
      const facture = { regie: "Régie Matrice", identifiant: c.w.holder.identifiant, numero: c.object, domaine: "scolaire", libelle: "Cantine", periode: "Octobre 2026", montant: "12,50", date_emission: "2026-10-01", date_echeance: "2026-10-31" };
      return c.call("POST", c.request("/api/v1/factures", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify({ factures: [facture] }) }));
    },
    changed: async (w, number) => (await db.invoice.count({ where: { number, tenantId: w.a.id } })) === 1,
  },
  "app/api/webhooks/stripe/route.ts#POST": {
    expected: NOBODY("400"), note: "signature invalide",
    run: (c) => c.call("POST", c.request("/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": "t=1,v1=faux" }, body: "{}" })),
  },
  "app/logo.png/route.ts#GET": { expected: COMMUNE_A(), note: "logo de A", run: (c) => c.call("GET", c.request("/logo.png")) },
};

let apiKey: { world: World; key: string } | null = null;
/** Commune A's key for its billing software, made once per world. */
async function keyOfA(w: World) {
  if (apiKey?.world !== w) {
    const admin = { kind: "agent" as const, id: w.agents.adminA.id, tenantId: w.a.id, role: "ADMIN" as const, serviceIds: [] };
    const created = await createApiKey(admin, w.a, { name: "Facturation" });
    if (!created.ok) throw new Error(created.message);
    apiKey = { world: w, key: created.data.key };
  }
  return apiKey.key;
}

/** What a call came to, and what it showed (to look for what must not leak). */
async function outcomeOf(row: Row, object: string, run: () => Promise<unknown>): Promise<{ outcome: string; shown: string }> {
  try {
    const value = await run();
    if (value instanceof Response) {
      const type = value.headers.get("content-type") ?? "";
      // What a person reads: the text of a page, an answer, or a PDF.
      const shown = /^(text|application\/json)/.test(type) ? await value.clone().text() : type === "application/pdf" ? await pdfText(value.clone()) : "";
      return { outcome: value.status === 200 ? "ok" : String(value.status), shown: shown || (value.headers.get("location") ?? "") };
    }
    if (isValidElement(value)) return { outcome: "ok", shown: await html(value as ReactElement) };
    if (value && typeof value === "object" && "ok" in value) {
      const result = value as { ok: boolean; message?: string };
      const shown = JSON.stringify(value);
      if (result.message === SESSION_EXPIRED_MESSAGE) return { outcome: "login", shown };
      if (result.message === REQUEST_NOT_FOUND) return { outcome: "404", shown };
      return { outcome: result.ok ? "ok" : "refused", shown };
    }
    return { outcome: "ok", shown: JSON.stringify(value ?? null) };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { outcome: "404", shown: "" };
    if (digest.startsWith("NEXT_REDIRECT;")) {
      const to = digest.split(";")[2] ?? "";
      if (to.startsWith("/connexion?")) {
        // The way back must be the very address asked for.
        const retour = new URLSearchParams(to.slice("/connexion?".length)).get("retour");
        const expected = row.path?.(object);
        return { outcome: expected !== undefined && retour === expected ? "login" : `login vers ${retour}`, shown: "" };
      }
      if (row.done?.test(to)) return { outcome: "ok", shown: to };
      if (/[?&]refus=introuvable/.test(to)) return { outcome: "404", shown: to };
      if (!row.done && to === "/accueil") return { outcome: "home", shown: "" };
      return { outcome: "refused", shown: to };
    }
    throw error;
  }
}

async function pdfText(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The pieces uploaded here are a few bytes, no real PDF: read as they are.
  if (bytes.length < 1_000) return Buffer.from(bytes).toString("latin1");
  const text = await getDocumentProxy(bytes.slice())
    .then((doc) => extractText(doc, { mergePages: true }))
    .then((t) => t.text, () => Buffer.from(bytes).toString("latin1"));
  return text.replace(/\s+/g, " ");
}

/** A page as the browser receives it (its client components need a router: one that goes nowhere). */
const ROUTER = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
async function html(element: ReactElement) {
  const { prelude } = await prerender(createElement(AppRouterContext.Provider, { value: ROUTER as never }, element), { onError: (error) => { throw error; } });
  return new Response(prelude).text();
}

/** Everything of citizen A a page or an answer given to someone else must not show. */
async function secretsOf(w: World) {
  const invoices = await db.invoice.findMany({ where: { accountId: w.holder.id }, select: { number: true } });
  return [OWNER.firstNames, OWNER.birthName, OWNER.answer, w.holder.identifiant, w.holder.email, "Gaspard", "Cantine Matrice", "123,45", `${w.a.code}-2025-`, ...invoices.map((i) => i.number)];
}

const LABELS: Record<Outcome, string> = {
  ok: "200", login: "→ connexion", home: "→ accueil", "404": "404", refused: "refusé", "201": "201", "400": "400", "401": "401",
};

let storageDir: string;
beforeAll(async () => {
  await watchWrites();
  // unpdf finds PDF.js with a dynamic import, which Jest's CommonJS runtime cannot run: hand it over.
  await definePDFJSModule(() => import("unpdf/pdfjs"));
  storageDir = await mkdtemp(path.join(tmpdir(), "matrice-app-"));
  jest.replaceProperty(env, "STORAGE_DIR", storageDir);
});
afterAll(async () => {
  await unwatchWrites();
  // The setup's afterAll may have closed the connection already: this one reopened it.
  await db.$disconnect();
  await rm(storageDir, { recursive: true, force: true });
});

const OUTSIDE_ADMIN = { dirs: ["app"], except: ["app/admin", "app/api/admin"] };

describe("the app's access matrix", () => {
  it("has a row for every page, action and route handler outside /admin", async () => {
    const keys = new Set(Object.keys(MATRIX).map((key) => key.split(" ")[0]!));
    expect((await discover(OUTSIDE_ADMIN.dirs, OUTSIDE_ADMIN.except)).sort()).toEqual([...keys].sort());
  });

  it("is the table of docs/access-matrix.md", () => {
    const rows = Object.entries(MATRIX).sort(([a], [b]) => a.localeCompare(b)).map(([key, row]) => [key, row.expected, row.note] as [string, Record<string, string>, string?]);
    const table = matrixTable(SEVEN, rows, (o) => LABELS[o as Outcome]);
    expect(matrixSection("app", table)).toBe(table);
  });

  it("sees every write a refusal could make (the check below is not blind)", async () => {
    const w = await world();
    const before = await writes();
    await db.householdMember.updateMany({ where: { accountId: w.holder.id }, data: { firstNames: "Changé" } });
    await db.account.updateMany({ where: { id: w.holder.id }, data: { failedLogins: 3 } }); // an attempt counter: not a write
    expect((await writes()) - before).toBe(2); // the holder and the spouse
  });

  it("gives each person exactly what is theirs; refusals show nothing of the object and change nothing", async () => {
    const w = await world();
    await createMessage(w.a, { accountId: w.holder.id, subject: `Bonjour ${OWNER.firstNames}`, text: `Votre demande ${OWNER.answer}`, status: "ENVOYE" });
    await draftOfOwner(w);
    await basketOfOwner(w);
    await db.tenantLogo.create({ data: { tenantId: w.a.id, png: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64") } });
    const { passwordHash, securityAnswerHash } = await ownerAccount(w);
    const secrets = await secretsOf(w);
    const failures: string[] = [];
    const timing: [string, number][] = [];
    const cpu = process.cpuUsage();
    for (const [key, row] of Object.entries(MATRIX)) {
      const started = Date.now();
      const { mod } = await surfaceOf(key);
      for (const actor of SEVEN) {
        const object = row.fresh ? await row.fresh(w) : "";
        const session = await as(w, actor);
        const headers = { host: session.host, ...(session.cookie ? { cookie: session.cookie } : {}) };
        const cell: Cell = {
          w, actor, object, cookie: session.cookie,
          call: (fn, ...args) => (mod[fn] as (...a: unknown[]) => Promise<unknown>)(...args),
          request: (url, init = {}) => {
            // A NextRequest, as Next hands it to route handlers (next-auth reads its nextUrl).
            const request = new NextRequest(`http://${hostOf(actor)}${url}`, { ...(init as object), headers: { ...headers, ...(init.headers as Record<string, string>) } });
            onRequest(request.headers);
            return request;
          },
        };
        const before = await writes();
        // An exception is a 500 for the person: reported as this cell's outcome, the other cells still run.
        const { outcome, shown } = await outcomeOf(row, object, () => row.run(cell)).catch((error: unknown) => ({ outcome: "500", shown: String(error).slice(0, 300) }));
        if (outcome !== row.expected[actor]) failures.push(`${key} × ${actor}: ${outcome}, expected ${row.expected[actor]} (${shown.slice(0, 300)})`);
        if (actor === "citoyenA") {
          for (const seen of row.ownerSees?.(object) ?? []) if (!shown.includes(seen)) failures.push(`${key} × ${actor}: does not show « ${seen} »`);
        } else {
          for (const secret of secrets) if (shown.includes(secret)) failures.push(`${key} × ${actor}: shows « ${secret} »`);
        }
        // A refusal (login, 404, refused, an error status) writes nothing anywhere, not only on the object.
        const wrote = (await writes()) !== before;
        if (!["ok", "201", "home"].includes(outcome) && wrote) failures.push(`${key} × ${actor}: ${outcome}, yet the database changed`);
        if (row.changed) {
          const shouldChange = (outcome === "ok" || outcome === "201") && (row.changers ? row.changers.includes(actor) : true);
          if ((await row.changed(w, object)) !== shouldChange) failures.push(`${key} × ${actor}: the object ${shouldChange ? "did not change" : "changed"}`);
        }
        // Password changes end sessions and change what the next rows type: back to the start.
        if (wrote) {
          await restoreSessions(w);
          await db.account.updateMany({ where: { tenantId: { in: [w.a.id, w.b.id] } }, data: { passwordHash, securityAnswerHash, deletionRequestedAt: null, deletionRequestNote: null } });
        }
      }
      timing.push([key, Date.now() - started]);
    }
    if (process.env.MATRIX_TIMING === "1") console.log(`CPU ${Math.round(process.cpuUsage(cpu).user / 1000)} ms\n` + timing.sort((x, y) => y[1] - x[1]).slice(0, 15).map(([k, ms]) => `${ms} ms ${k}`).join("\n"));
    expect(failures).toEqual([]);
  }, 300_000); // a few hundred calls: seconds alone, minutes on a machine busy with the whole suite
});

describe("forged forms of the citizen's own acts", () => {
  it("keep the commune, the account and the status the server decides, whatever the form adds", async () => {
    const w = await world();
    const other = w.citizens.citoyenA2;
    const forgery = { tenantId: w.b.id, accountId: other.id, status: "ACCEPTEE", numero: "ZZZ-2020-000001", memberId: crypto.randomUUID() };
    const wizard = await import("@/app/(public)/services/[slug]/formulaire/actions");
    const household = await import("@/app/(citoyen)/compte/modifier/actions");
    const invoices = await import("@/app/(citoyen)/mes-comptes/actions");

    await as(w, "citoyenA");
    const saved = await wizard.saveProcedureDraft({ ...forgery, procedure: "encombrants", answers: { objets: "Une table" } });
    if (!saved.ok) throw new Error(saved.message);
    await as(w, "citoyenA");
    const sent = await wizard.sendProcedureDraft({ ...forgery, draftId: saved.data!.draftId, version: saved.data!.version });
    expect(sent.ok).toBe(true);
    expect(sent.ok && sent.data!.numero).not.toBe(forgery.numero);
    expect(await db.request.findUniqueOrThrow({ where: { id: saved.data!.draftId }, select: { tenantId: true, accountId: true, status: true, numero: true } }))
      .toEqual({ tenantId: w.a.id, accountId: w.holder.id, status: "DEPOSEE", numero: sent.ok ? sent.data!.numero : null });

    await as(w, "citoyenA");
    expect(await household.saveHouseholdMember({ ...forgery, relation: "ENFANT", firstNames: "Lison", lastName: "Essai", birthDate: "2015-06-01", sex: "F" })).toMatchObject({ ok: true });
    expect(await db.householdMember.findFirstOrThrow({ where: { firstNames: "Lison" }, select: { tenantId: true, accountId: true } })).toEqual({ tenantId: w.a.id, accountId: w.holder.id });

    const invoice = await invoiceOfOwner(w);
    await as(w, "citoyenA");
    await expect(invoices.addToBasketAction(form({ ...forgery, facture: invoice }))).rejects.toMatchObject({ digest: expect.stringContaining("ajout=ok") });
    expect(await db.basket.findMany({ where: { items: { some: { invoiceId: invoice } } }, select: { tenantId: true, accountId: true, status: true } }))
      .toEqual([{ tenantId: w.a.id, accountId: w.holder.id, status: "OUVERT" }]);
    // The other citizen named in every forged form got nothing.
    expect(await db.request.count({ where: { accountId: other.id } })).toBe(0);
    expect(await db.householdMember.count({ where: { accountId: other.id } })).toBe(1);
    expect(await db.basket.count({ where: { accountId: other.id } })).toBe(0);
  });
});
