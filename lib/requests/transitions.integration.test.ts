import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { StaffActor } from "@/lib/agents/scope";
import { uploadAttachment } from "@/lib/attachments/attachments";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { RequestStatus } from "@/lib/generated/prisma/enums";
import { queueMessage } from "@/lib/notifications/outbox";
import type { Transport } from "@/lib/notifications/transports";
import { deliverDue } from "@/lib/notifications/worker";
import { ALL_STATUSES, WITHDRAW_MOTIF, checkTransition } from "@/lib/requests/lifecycle";
import {
  REQUEST_CONFLICT,
  REQUEST_NOT_FOUND,
  changeStatus,
  completeRequest,
  scheduleReminder,
  sendInformation,
  wallClockInstant,
  withdrawRequest,
} from "@/lib/requests/transitions";
import { createAccountRow, createFullTenant, createProcedure, createTheme, type AccountInput } from "@/tests/factories";

// The outbox as it is, except that a test can make the next queuing fail after it wrote its row:
// the failure then comes from inside the transaction, after the status and the event were written.
jest.mock("@/lib/notifications/outbox", () => {
  const actual = jest.requireActual("@/lib/notifications/outbox");
  return { ...actual, queueMessage: jest.fn(actual.queueMessage) };
});
const realQueueMessage = jest.requireActual("@/lib/notifications/outbox").queueMessage as typeof queueMessage;

let storageDir: string;
beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), "pieces-transitions-"));
  jest.replaceProperty(env, "STORAGE_DIR", storageDir);
});
afterAll(() => rm(storageDir, { recursive: true, force: true }));

const withAccount = {
  steps: [{ id: "demande", title: "Votre demande", fields: [
    { type: "textarea", name: "objets", label: "Objets à enlever", required: true },
    { type: "file", name: "justificatif", label: "Justificatif de domicile" },
  ] }],
};
const withoutAccount = {
  steps: [{ id: "acte", title: "L'acte", fields: [
    { type: "text", name: "nom", label: "Nom", required: true },
    { type: "email", name: "courriel", label: "Votre adresse électronique", required: true },
  ] }],
};
const PDF = new TextEncoder().encode("%PDF-1.7\n%…\n");

let sequence = 0;

async function commune(name = "Beaucouzé") {
  const tenant = await createFullTenant({ name, officialName: `Mairie de ${name}` });
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  const encombrants = await createProcedure(tenant, theme, { slug: "encombrants", title: "Enlèvement des encombrants", definition: withAccount });
  const acte = await createProcedure(tenant, theme, { slug: "acte", title: "Copie d'acte de naissance", requiresAccount: false, definition: withoutAccount });
  const formOf = async (procedureId: string) => (await db.procedureVersion.findFirstOrThrow({ where: { procedureId }, select: { id: true } })).id;
  const forms = { encombrants: await formOf(encombrants.id), acte: await formOf(acte.id) };
  const agent: StaffActor = { kind: "agent", id: randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] };

  const citizenOf = async (input: AccountInput = {}) => {
    const account = await createAccountRow(tenant, input);
    const citizen: Citizen = {
      kind: "citizen", id: account.id, tenantId: tenant.id, identifiant: account.identifiant, status: "VALIDE",
      firstNames: "Camille", lastName: "Martin", emailConfirmed: true,
    };
    return { account, citizen };
  };
  /** A sent request in this status, as submission or the anonymous form would have filed it. */
  const requestIn = async (status: RequestStatus, owner: { accountId: string } | { email: string }) => {
    const numero = `${tenant.code}-2026-${String(++sequence).padStart(6, "0")}`;
    const anonymous = "email" in owner;
    const row = await db.request.create({
      data: {
        tenantId: tenant.id, status, numero, submittedAt: new Date(),
        procedureId: anonymous ? acte.id : encombrants.id, versionId: anonymous ? forms.acte : forms.encombrants,
        accountId: anonymous ? null : owner.accountId,
        answers: anonymous ? { nom: "Durand", courriel: owner.email } : { objets: "Un canapé", justificatif: { kind: "paper" } },
      },
      select: { id: true, numero: true, version: true },
    });
    return { ...row, numero: row.numero! };
  };
  return { tenant, agent, citizenOf, requestIn };
}

const stateOf = (id: string) => db.request.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, answers: true } });
const eventsOf = (requestId: string) =>
  db.requestEvent.findMany({
    where: { requestId }, orderBy: { createdAt: "asc" },
    select: { actorKind: true, actorId: true, fromStatus: true, toStatus: true, publicMessage: true, internalNote: true },
  });
const messagesOf = (requestId: string) =>
  db.message.findMany({ where: { requestId }, orderBy: { createdAt: "asc" }, select: { template: true, recipient: true, channel: true, accountId: true, subject: true, text: true, idempotencyKey: true, nextAttemptAt: true } });

describe("changeStatus (agents)", () => {
  it("takes a request through its life, one event and one notice by the citizen's channel per move", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const request = await requestIn("DEPOSEE", { accountId: account.id });
    const moves = [
      { to: "EN_COURS" },
      { to: "INCOMPLETE", publicMessage: "Joignez un justificatif de domicile de moins de trois mois.", internalNote: "Facture trop ancienne" },
      { to: "EN_COURS", publicMessage: "Justificatif apporté au guichet." }, // « Complément reçu »
      { to: "COMPLETE" },
      { to: "ACCEPTEE", publicMessage: "Passage le mardi 12 mars au matin." },
      { to: "EN_COURS", motif: "Adresse de passage erronée." }, // « Rouvrir »
      { to: "REFUSEE", motif: "Objets hors collecte (gravats)." },
    ];
    let version = 0;
    for (const move of moves) {
      const result = await changeStatus(agent, tenant, request.numero, { ...move, version });
      expect(result).toMatchObject({ ok: true, data: { status: move.to, version: version + 1, notified: true } });
      version += 1;
    }
    expect(await stateOf(request.id)).toMatchObject({ status: "REFUSEE", version: 7 });

    const events = await eventsOf(request.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      ["DEPOSEE", "EN_COURS"], ["EN_COURS", "INCOMPLETE"], ["INCOMPLETE", "EN_COURS"], ["EN_COURS", "COMPLETE"],
      ["COMPLETE", "ACCEPTEE"], ["ACCEPTEE", "EN_COURS"], ["EN_COURS", "REFUSEE"],
    ]);
    expect(events.every((e) => e.actorKind === "AGENT" && e.actorId === agent.id)).toBe(true);
    expect(events[1]).toMatchObject({ publicMessage: "Joignez un justificatif de domicile de moins de trois mois.", internalNote: "Facture trop ancienne" });
    expect(events[6]).toMatchObject({ publicMessage: "Objets hors collecte (gravats).", internalNote: null });

    const messages = await messagesOf(request.id);
    expect(messages.map((m) => m.template)).toEqual([
      "demandeEnCours", "demandeIncomplete", "demandeEnCours", "demandeComplete", "demandeAcceptee", "demandeRouverte", "demandeRefusee",
    ]);
    expect(messages.every((m) => m.recipient === account.email && m.accountId === account.id && m.channel === "EMAIL")).toBe(true);
    expect(messages.map((m) => m.idempotencyKey)).toEqual([1, 2, 3, 4, 5, 6, 7].map((v) => `statut:${request.id}:${v}`));
    // What the citizen reads: what is expected of them, the decision's motif, and the way to the request.
    expect(messages[1]!.text).toContain("Joignez un justificatif de domicile de moins de trois mois.");
    expect(messages[1]!.text).toContain("Compléter ma demande");
    expect(messages[1]!.text).not.toContain("Facture trop ancienne"); // the internal note stays inside
    expect(messages[6]!.text).toContain("Objets hors collecte (gravats).");
    expect(messages[6]!.text).toContain(`/demandes/${request.numero}`);
    expect(messages[6]!.text).toContain("ne pas répondre");
  });

  it("allows exactly the agent's moves of the table, from every status to every status", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const texts = { publicMessage: "Un message au demandeur.", motif: "Un motif." };
    for (const from of ALL_STATUSES.filter((s) => s !== "BROUILLON")) {
      for (const to of ALL_STATUSES) {
        const request = await requestIn(from, { accountId: account.id });
        const result = await changeStatus(agent, tenant, request.numero, { to, version: 0, ...texts });
        const allowed = checkTransition(from, to, "agent") !== null;
        expect({ from, to, ok: result.ok }).toEqual({ from, to, ok: allowed });
        expect(await stateOf(request.id)).toMatchObject(allowed ? { status: to, version: 1 } : { status: from, version: 0 });
        expect(await db.requestEvent.count({ where: { requestId: request.id } })).toBe(allowed ? 1 : 0);
        expect(await db.message.count({ where: { requestId: request.id } })).toBe(allowed ? 1 : 0);
        if (!allowed) expect(result.ok || result.message).toMatch(/ne peut pas passer à/);
      }
    }
  });

  it("asks for the motif or the message the move needs, and changes nothing without it", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const request = await requestIn("EN_COURS", { accountId: account.id });
    for (const to of ["REFUSEE", "SANS_SUITE"]) {
      expect(await changeStatus(agent, tenant, request.numero, { to, version: 0 })).toMatchObject({ ok: false, fieldErrors: { motif: expect.stringContaining("motif") } });
      expect(await changeStatus(agent, tenant, request.numero, { to, version: 0, motif: "   ", publicMessage: "Pas un motif" })).toMatchObject({ ok: false, fieldErrors: { motif: expect.any(String) } });
    }
    expect(await changeStatus(agent, tenant, request.numero, { to: "INCOMPLETE", version: 0, motif: "Pas un message" }))
      .toMatchObject({ ok: false, fieldErrors: { publicMessage: expect.any(String) } });
    expect(await changeStatus(agent, tenant, request.numero, { to: "REFUSEE", version: 0, motif: "x".repeat(1001) }))
      .toMatchObject({ ok: false, fieldErrors: { motif: expect.any(String) } });
    // « Accepter » takes a message only if the agent wants one.
    expect(await changeStatus(agent, tenant, request.numero, { to: "ACCEPTEE", version: 0 })).toMatchObject({ ok: true });
    expect(await eventsOf(request.id)).toEqual([expect.objectContaining({ toStatus: "ACCEPTEE", publicMessage: null })]);
    expect(await db.message.count()).toBe(1);
  });

  it("answers a decision taken on an old version with the conflict message, and changes nothing", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const request = await requestIn("DEPOSEE", { accountId: account.id });
    expect(await changeStatus(agent, tenant, request.numero, { to: "EN_COURS", version: 0 })).toMatchObject({ ok: true });
    // A colleague still on the page read at version 0.
    expect(await changeStatus(agent, tenant, request.numero, { to: "SANS_SUITE", version: 0, motif: "Doublon" })).toEqual({ ok: false, message: REQUEST_CONFLICT });
    expect(await stateOf(request.id)).toMatchObject({ status: "EN_COURS", version: 1 });
    expect(await db.requestEvent.count()).toBe(1);
    expect(await db.message.count()).toBe(1);
  });

  it("lets one of two agents deciding at once win; the other gets the conflict message", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const request = await requestIn("EN_COURS", { accountId: account.id });
    const colleague: StaffActor = { ...agent, id: randomUUID() };
    // Either move is still allowed after the other: only the version tells that the second came too late.
    const results = await Promise.all([
      changeStatus(agent, tenant, request.numero, { to: "COMPLETE", version: 0 }),
      changeStatus(colleague, tenant, request.numero, { to: "SANS_SUITE", version: 0, motif: "Doublon" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, message: REQUEST_CONFLICT }]);
    expect(await stateOf(request.id)).toMatchObject({ version: 1 });
    expect(await db.requestEvent.count()).toBe(1);
    expect(await db.message.count()).toBe(1);
  });

  it("finds no request of another commune, no unknown number and no draft", async () => {
    const here = await commune();
    const there = await commune("Sète");
    const { account } = await there.citizenOf();
    const theirs = await there.requestIn("DEPOSEE", { accountId: account.id });
    const input = { to: "EN_COURS", version: 0 };
    expect(await changeStatus(here.agent, here.tenant, theirs.numero, input)).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    // An agent of one commune on the other's host is no agent there.
    expect(await changeStatus(here.agent, there.tenant, theirs.numero, input)).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await changeStatus(here.agent, here.tenant, "AAA-2026-999999", input)).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await sendInformation(here.agent, here.tenant, theirs.numero, { message: "Bonjour" })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await stateOf(theirs.id)).toMatchObject({ status: "DEPOSEE", version: 0 });
    expect(await db.requestEvent.count()).toBe(0);
    expect(await db.message.count()).toBe(0);
  });

  it("writes the change, its event and its notice together: a failure while queuing rolls all back", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const request = await requestIn("EN_COURS", { accountId: account.id });
    jest.mocked(queueMessage).mockImplementationOnce(async (...args) => {
      await realQueueMessage(...args); // the row is written…
      throw new Error("panne de la base au mauvais moment"); // …and the transaction fails after it
    });
    await expect(changeStatus(agent, tenant, request.numero, { to: "REFUSEE", version: 0, motif: "Hors secteur" })).rejects.toThrow("panne");
    expect(await stateOf(request.id)).toMatchObject({ status: "EN_COURS", version: 0 });
    expect(await db.requestEvent.count()).toBe(0);
    expect(await db.message.count()).toBe(0);
    // Nothing was left half done: the same decision goes through afterwards.
    expect(await changeStatus(agent, tenant, request.numero, { to: "REFUSEE", version: 0, motif: "Hors secteur" })).toMatchObject({ ok: true });
  });

  it("notifies a request made without an account at the email typed in its form, with the way to /suivi", async () => {
    const { tenant, agent, requestIn } = await commune();
    const request = await requestIn("DEPOSEE", { email: "Parent.Durand@Exemple.fr" });
    expect(await changeStatus(agent, tenant, request.numero, { to: "INCOMPLETE", version: 0, publicMessage: "Précisez la date de naissance." })).toMatchObject({ ok: true, data: { notified: true } });
    const [notice] = await messagesOf(request.id);
    expect(notice).toMatchObject({ template: "demandeIncomplete", recipient: "parent.durand@exemple.fr", channel: "EMAIL", accountId: null });
    expect(notice!.text).toContain("Précisez la date de naissance.");
    expect(notice!.text).toContain("/suivi");
    expect(notice!.text).not.toContain("Compléter ma demande"); // there is no account to do it from
  });

  it("sends by SMS when the citizen chose it, in 160 characters, and records the move even with nowhere to send", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune("Illkirch-Graffenstaden");
    const { account: bySms } = await citizenOf({ channel: "SMS", mobile: "06 12 34 56 78" });
    const request = await requestIn("EN_COURS", { accountId: bySms.id });
    const long = "Votre justificatif de domicile est illisible : apportez l'original au guichet de l'accueil, du lundi au vendredi de 8 h 30 à 17 h, avec une pièce d'identité.";
    expect(await changeStatus(agent, tenant, request.numero, { to: "INCOMPLETE", version: 0, publicMessage: long })).toMatchObject({ ok: true });
    const [sms] = await messagesOf(request.id);
    expect(sms).toMatchObject({ channel: "SMS", recipient: "0612345678" });
    expect(sms!.text.length).toBeLessThanOrEqual(160);
    expect(sms!.text).toContain(request.numero);

    const { account: unconfirmed } = await citizenOf();
    await db.account.update({ where: { id: unconfirmed.id }, data: { emailConfirmedAt: null } });
    const other = await requestIn("DEPOSEE", { accountId: unconfirmed.id });
    expect(await changeStatus(agent, tenant, other.numero, { to: "EN_COURS", version: 0 })).toMatchObject({ ok: true, data: { notified: false } });
    expect(await db.requestEvent.count({ where: { requestId: other.id } })).toBe(1);
    expect(await db.message.count({ where: { requestId: other.id } })).toBe(0);
  });
});

describe("sendInformation", () => {
  it("sends the agent's message and keeps it on the timeline, without changing the status or the version", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const request = await requestIn("ACCEPTEE", { accountId: account.id });
    const message = "Présentez-vous à l'accueil avec votre livret de famille pour retirer l'autorisation.";
    expect(await sendInformation(agent, tenant, request.numero, { message })).toMatchObject({ ok: true, data: { status: "ACCEPTEE", version: 0, notified: true } });
    expect(await stateOf(request.id)).toMatchObject({ status: "ACCEPTEE", version: 0 });
    expect(await eventsOf(request.id)).toEqual([
      { actorKind: "AGENT", actorId: agent.id, fromStatus: "ACCEPTEE", toStatus: "ACCEPTEE", publicMessage: message, internalNote: null },
    ]);
    const [sent] = await messagesOf(request.id);
    expect(sent).toMatchObject({ template: "informationMairie", recipient: account.email });
    expect(sent!.text).toContain(message);
    expect(await sendInformation(agent, tenant, request.numero, { message: "  " })).toMatchObject({ ok: false, fieldErrors: { message: expect.any(String) } });
  });
});

describe("completeRequest (« Compléter ma demande »)", () => {
  it("sends the citizen's message and new piece: back to EN_COURS, acknowledged, and the town hall told", async () => {
    const { tenant, citizenOf, requestIn } = await commune();
    const { account, citizen } = await citizenOf();
    const request = await requestIn("INCOMPLETE", { accountId: account.id });
    const uploaded = await uploadAttachment(citizen, { draftId: request.id, fieldName: "justificatif", fileName: "facture.pdf", bytes: PDF });
    if (!uploaded.ok) throw new Error(uploaded.message);

    const result = await completeRequest(citizen, tenant, request.numero, {
      version: 0, message: "Voici ma facture d'électricité de février.",
      pieces: { justificatif: { kind: "upload", attachmentId: uploaded.data.id } },
    });
    expect(result).toMatchObject({ ok: true, data: { status: "EN_COURS", version: 1, notified: true } });
    expect(await stateOf(request.id)).toMatchObject({
      status: "EN_COURS", version: 1,
      answers: { objets: "Un canapé", justificatif: { kind: "upload", attachmentId: uploaded.data.id } },
    });
    expect(await eventsOf(request.id)).toEqual([
      { actorKind: "CITOYEN", actorId: citizen.id, fromStatus: "INCOMPLETE", toStatus: "EN_COURS", publicMessage: "Voici ma facture d'électricité de février.", internalNote: null },
    ]);
    const messages = await messagesOf(request.id);
    expect(messages.map((m) => [m.template, m.recipient, m.accountId])).toEqual(expect.arrayContaining([
      ["complementEnvoye", account.email, account.id],
      ["complementRecu", tenant.contactEmail, null],
    ]));
    const toTownHall = messages.find((m) => m.template === "complementRecu")!;
    expect(toTownHall.text).toContain(request.numero);
    expect(toTownHall.text).toContain("Voici ma facture d'électricité de février.");
    expect(toTownHall.text).toContain("Justificatif de domicile (fichier joint)");
  });

  it("asks for the message, refuses a piece that is not this request's, and changes nothing then", async () => {
    const { tenant, citizenOf, requestIn } = await commune();
    const { account, citizen } = await citizenOf();
    const request = await requestIn("INCOMPLETE", { accountId: account.id });
    expect(await completeRequest(citizen, tenant, request.numero, { version: 0, message: "  " })).toMatchObject({ ok: false, fieldErrors: { message: expect.any(String) } });

    const other = await requestIn("INCOMPLETE", { accountId: account.id });
    const foreign = await uploadAttachment(citizen, { draftId: other.id, fieldName: "justificatif", fileName: "autre.pdf", bytes: PDF });
    if (!foreign.ok) throw new Error(foreign.message);
    expect(await completeRequest(citizen, tenant, request.numero, {
      version: 0, message: "Ma pièce", pieces: { justificatif: { kind: "upload", attachmentId: foreign.data.id } },
    })).toMatchObject({ ok: false, fieldErrors: { "pieces.justificatif": expect.any(String) } });
    // A question of the form that takes no file is tampering.
    expect(await completeRequest(citizen, tenant, request.numero, { version: 0, message: "Ma pièce", pieces: { objets: { kind: "paper" } } }))
      .toMatchObject({ ok: false, message: expect.stringContaining("rechargez") });
    expect(await stateOf(request.id)).toMatchObject({ status: "INCOMPLETE", version: 0 });
    expect(await db.requestEvent.count()).toBe(0);
    expect(await db.message.count()).toBe(0);
  });

  it("is only for a request awaiting a complement, at the version read, of this citizen and commune", async () => {
    const { tenant, citizenOf, requestIn } = await commune();
    const { account, citizen } = await citizenOf();
    const inProgress = await requestIn("EN_COURS", { accountId: account.id });
    expect(await completeRequest(citizen, tenant, inProgress.numero, { version: 0, message: "Encore ceci" }))
      .toMatchObject({ ok: false, message: expect.stringContaining("n'attend pas de complément") });

    const incomplete = await requestIn("INCOMPLETE", { accountId: account.id });
    expect(await completeRequest(citizen, tenant, incomplete.numero, { version: 3, message: "Ceci" })).toEqual({ ok: false, message: REQUEST_CONFLICT });
    const { citizen: neighbour } = await citizenOf();
    expect(await completeRequest(neighbour, tenant, incomplete.numero, { version: 0, message: "Ceci" })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    const elsewhere = await commune("Sète");
    expect(await completeRequest(citizen, elsewhere.tenant, incomplete.numero, { version: 0, message: "Ceci" })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    const anonymous = await requestIn("INCOMPLETE", { email: "x@exemple.fr" });
    expect(await completeRequest(citizen, tenant, anonymous.numero, { version: 0, message: "Ceci" })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await db.requestEvent.count()).toBe(0);
  });
});

describe("withdrawRequest (« Retirer ma demande »)", () => {
  it("files the request without follow-up with the fixed motif and acknowledges it", async () => {
    const { tenant, citizenOf, requestIn } = await commune();
    const { account, citizen } = await citizenOf();
    for (const status of ["DEPOSEE", "EN_COURS", "INCOMPLETE"] as const) {
      const request = await requestIn(status, { accountId: account.id });
      expect(await withdrawRequest(citizen, tenant, request.numero, { version: 0 })).toMatchObject({ ok: true, data: { status: "SANS_SUITE", version: 1 } });
      expect(await eventsOf(request.id)).toEqual([
        { actorKind: "CITOYEN", actorId: citizen.id, fromStatus: status, toStatus: "SANS_SUITE", publicMessage: WITHDRAW_MOTIF, internalNote: null },
      ]);
      expect(await messagesOf(request.id)).toEqual([expect.objectContaining({ template: "demandeRetiree", recipient: account.email, idempotencyKey: `statut:${request.id}:1` })]);
    }
  });

  it("cannot withdraw a request already decided, an old version, nor someone else's", async () => {
    const { tenant, citizenOf, requestIn } = await commune();
    const { account, citizen } = await citizenOf();
    for (const status of ["COMPLETE", "ACCEPTEE", "REFUSEE", "SANS_SUITE"] as const) {
      const request = await requestIn(status, { accountId: account.id });
      expect(await withdrawRequest(citizen, tenant, request.numero, { version: 0 })).toMatchObject({ ok: false, message: expect.stringContaining("ne peut plus être retirée") });
    }
    const request = await requestIn("DEPOSEE", { accountId: account.id });
    expect(await withdrawRequest(citizen, tenant, request.numero, { version: 1 })).toEqual({ ok: false, message: REQUEST_CONFLICT });
    const { citizen: neighbour } = await citizenOf();
    expect(await withdrawRequest(neighbour, tenant, request.numero, { version: 0 })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    const elsewhere = await commune("Sète");
    expect(await withdrawRequest(citizen, elsewhere.tenant, request.numero, { version: 0 })).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await stateOf(request.id)).toMatchObject({ status: "DEPOSEE", version: 0 });
    expect(await db.requestEvent.count()).toBe(0);
    expect(await db.message.count()).toBe(0);
  });
});

describe("scheduleReminder", () => {
  /** A transport that records what it sends. */
  function recorder() {
    const sent: { subject: string; text: string }[] = [];
    const transport: Transport = { name: "recorder", async send(m) { sent.push({ subject: m.subject, text: m.text }); return "ok"; } };
    return { sent, transports: { EMAIL: transport, SMS: transport } };
  }

  it("is sent by the worker at the planned time in the commune's time zone, not before, and once", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const request = await requestIn("ACCEPTEE", { accountId: account.id });
    const now = new Date("2030-03-01T10:00:00Z");
    const message = "Sortez vos encombrants la veille du 12/03, devant votre domicile.";
    const planned = await scheduleReminder(agent, tenant, request.numero, { date: "2030-03-11", message }, now);
    // 09:00 in Paris in March (winter time, UTC+1).
    expect(planned).toMatchObject({ ok: true, data: { sendAt: new Date("2030-03-11T08:00:00Z") } });
    const [queued] = await messagesOf(request.id);
    expect(queued).toMatchObject({ template: "rappel", recipient: account.email, nextAttemptAt: new Date("2030-03-11T08:00:00Z") });

    const { sent, transports } = recorder();
    expect(await deliverDue({ now: new Date("2030-03-11T07:59:59Z"), transports })).toBe(0);
    expect(sent).toEqual([]);
    expect(await deliverDue({ now: new Date("2030-03-11T08:00:01Z"), transports })).toBe(1);
    expect(await deliverDue({ now: new Date("2030-03-11T09:00:00Z"), transports })).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(message);
    expect(await db.message.findFirstOrThrow({ where: { requestId: request.id } })).toMatchObject({ status: "ENVOYE" });
    // Planned twice (a double click), queued once.
    await scheduleReminder(agent, tenant, request.numero, { date: "2030-03-11", message }, now);
    expect(await db.message.count()).toBe(1);
  });

  it("refuses a past time or an impossible date, and another commune's request", async () => {
    const { tenant, agent, citizenOf, requestIn } = await commune();
    const { account } = await citizenOf();
    const request = await requestIn("ACCEPTEE", { accountId: account.id });
    const now = new Date("2030-03-11T08:30:00Z"); // 09:30 in Paris
    expect(await scheduleReminder(agent, tenant, request.numero, { date: "2030-03-11", time: "09:00", message: "Trop tard" }, now))
      .toMatchObject({ ok: false, fieldErrors: { date: expect.stringContaining("à venir") } });
    expect(await scheduleReminder(agent, tenant, request.numero, { date: "2030-02-30", message: "Rappel" }, now))
      .toMatchObject({ ok: false, fieldErrors: { date: expect.any(String) } });
    expect(await scheduleReminder(agent, tenant, request.numero, { date: "2030-03-12", time: "9h", message: "Rappel" }, now))
      .toMatchObject({ ok: false, fieldErrors: { time: expect.any(String) } });
    const there = await commune("Sète");
    expect(await scheduleReminder(there.agent, there.tenant, request.numero, { date: "2030-03-12", message: "Rappel" }, now)).toEqual({ ok: false, message: REQUEST_NOT_FOUND });
    expect(await db.message.count()).toBe(0);
  });

  it("reads wall-clock times in the commune's zone, summer time included", () => {
    expect(wallClockInstant("2030-07-01", "18:30", "Europe/Paris")).toEqual(new Date("2030-07-01T16:30:00Z"));
    expect(wallClockInstant("2030-01-15", "09:00", "Europe/Paris")).toEqual(new Date("2030-01-15T08:00:00Z"));
    expect(wallClockInstant("2030-03-31", "09:00", "Europe/Paris")).toEqual(new Date("2030-03-31T07:00:00Z")); // the day clocks go forward
    expect(wallClockInstant("2030-03-11", "09:00", "America/Cayenne")).toEqual(new Date("2030-03-11T12:00:00Z"));
  });
});
