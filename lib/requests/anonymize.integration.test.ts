import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { StaffActor } from "@/lib/agents/scope";
import { uploadAttachment } from "@/lib/attachments/attachments";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createProcedure as createInBuilder, openProcedure, saveProcedureDetails } from "@/lib/procedures/builder";
import { impersonalAnswers, unsafeAnonymizeExpiredRequests } from "@/lib/requests/anonymize";
import { changeStatus } from "@/lib/requests/transitions";
import { citizenOf, createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// The retention of closed requests: the job runs on a clock given as `now`, far in the future;
// closedAt values are set on that clock.
let storageDir: string;
beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), "pieces-retention-"));
  jest.replaceProperty(env, "STORAGE_DIR", storageDir);
});
afterAll(() => rm(storageDir, { recursive: true, force: true }));

const NOW = new Date("2031-06-15T10:00:00Z");
const monthsBefore = (months: number, from = NOW) => {
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};
const PDF = new TextEncoder().encode("%PDF-1.7\n%…\n");
const definition = {
  steps: [{ id: "demande", title: "Votre demande", fields: [
    { type: "choice", name: "nature", label: "Nature", options: [{ value: "meubles", label: "Meubles" }, { value: "gravats", label: "Gravats" }] },
    { type: "number", name: "volume", label: "Volume (m³)" },
    { type: "textarea", name: "objets", label: "Objets", required: true },
    { type: "phone", name: "telephone", label: "Téléphone" },
    { type: "file", name: "justificatif", label: "Justificatif" },
  ] }],
};
let sequence = 0;

async function commune(retentionMonths = 12) {
  const tenant = await createFullTenant();
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  const procedure = await createProcedure(tenant, theme, { title: "Encombrants", definition });
  await db.procedure.update({ where: { id: procedure.id }, data: { retentionMonths } });
  const versionId = (await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } })).id;
  const account = await createAccountRow(tenant);
  const citizen = citizenOf(account);

  /** A request of the account, closed (or not) at `closedAt`, with a piece, a note and a message. */
  const request = async (closedAt: Date | null, status: "ACCEPTEE" | "REFUSEE" | "SANS_SUITE" | "EN_COURS" = "ACCEPTEE", procedureId = procedure.id, formId = versionId) => {
    const row = await db.request.create({
      data: {
        tenantId: tenant.id, procedureId, versionId: formId, accountId: account.id, status: "BROUILLON",
        answers: { objets: "Un canapé" },
      },
      select: { id: true },
    });
    const piece = await uploadAttachment(citizen, { draftId: row.id, fieldName: "justificatif", fileName: "domicile.pdf", bytes: PDF });
    if (!piece.ok) throw new Error("upload failed");
    const numero = `${tenant.code}-2030-${String(++sequence).padStart(6, "0")}`;
    await db.request.update({
      where: { id: row.id },
      data: {
        status, numero, submittedAt: monthsBefore(30), closedAt,
        answers: { nature: "meubles", volume: 3, objets: "Un canapé de Mme Martin", telephone: "0612345678", justificatif: { kind: "upload", attachmentId: piece.data.id } },
        trackingHash: null,
        events: { create: [{ actorKind: "AGENT", fromStatus: "EN_COURS", toStatus: status, publicMessage: "Passage mardi chez Mme Martin.", internalNote: "Voisin difficile" }] },
        notes: { create: [{ tenantId: tenant.id, agentId: randomUUID(), text: "Mme Martin rappelle souvent" }] },
      },
    });
    await db.message.create({
      data: {
        tenantId: tenant.id, accountId: account.id, requestId: row.id, channel: "EMAIL", recipient: account.email, template: "demandeAcceptee",
        senderName: "Mairie", subject: "Demande acceptée", text: "Bonjour Mme Martin", status: "ENVOYE", idempotencyKey: randomUUID(),
      },
    });
    return { id: row.id, attachmentId: piece.data.id };
  };
  return { tenant, theme, procedure, versionId, account, request };
}

const stateOf = (id: string) =>
  db.request.findUniqueOrThrow({
    where: { id },
    select: {
      anonymizedAt: true, accountId: true, memberId: true, answers: true, status: true, numero: true,
      notes: { select: { id: true } }, events: { select: { publicMessage: true, internalNote: true, toStatus: true } }, attachments: { select: { id: true } },
    },
  });
const files = async () => (await readdir(storageDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

describe("retention of closed requests", () => {
  it("anonymizes a request on the day its retention ends, not a moment before", async () => {
    const { request } = await commune(12);
    const closedAt = monthsBefore(12);
    const r = await request(closedAt);
    const filesBefore = await files();

    await unsafeAnonymizeExpiredRequests(new Date(NOW.getTime() - 1_000));
    expect((await stateOf(r.id)).anonymizedAt).toBeNull();

    await unsafeAnonymizeExpiredRequests(NOW);
    const state = await stateOf(r.id);
    expect(state).toMatchObject({ anonymizedAt: NOW, accountId: null, memberId: null, status: "ACCEPTEE" });
    expect(state.numero).toMatch(/-2030-/); // the number, the status and the dates stay
    // Only the commune's own options and numbers are kept: no typed text, no contact, no piece.
    expect(state.answers).toEqual({ nature: "meubles", volume: 3 });
    expect(state.notes).toEqual([]);
    expect(state.events).toEqual([{ toStatus: "ACCEPTEE", publicMessage: null, internalNote: null }]);
    expect(state.attachments).toEqual([]);
    expect(await db.attachment.count({ where: { id: r.attachmentId } })).toBe(0);
    expect(await files()).toBe(filesBefore - 1);
    expect(await db.message.count({ where: { requestId: r.id } })).toBe(0);
  });

  it("follows each démarche's own retention, and leaves open and recent requests alone", async () => {
    const short = await commune(3);
    const long = await commune(24);
    const fourMonths = monthsBefore(4);
    const shortOne = await short.request(fourMonths, "REFUSEE");
    const shortRecent = await short.request(monthsBefore(2), "SANS_SUITE");
    const shortOpen = await short.request(null, "EN_COURS");
    const longOne = await long.request(monthsBefore(20), "ACCEPTEE");

    await unsafeAnonymizeExpiredRequests(NOW);
    expect((await stateOf(shortOne.id)).anonymizedAt).toEqual(NOW);
    expect((await stateOf(shortRecent.id)).anonymizedAt).toBeNull();
    expect((await stateOf(shortOpen.id)).anonymizedAt).toBeNull();
    // Another commune's démarche keeps its requests two years: twenty months is not enough.
    const kept = await stateOf(longOne.id);
    expect(kept).toMatchObject({ anonymizedAt: null, accountId: long.account.id });
    expect(kept.answers).toMatchObject({ objets: "Un canapé de Mme Martin" });
    expect(kept.notes).toHaveLength(1);
    expect(kept.attachments).toHaveLength(1);
  });

  it("is idempotent, and two runs at once anonymize each request once", async () => {
    const { request } = await commune(1);
    const rows = await Promise.all([1, 2, 3, 4, 5].map((i) => request(monthsBefore(1 + i))));
    const at = new Date(NOW.getTime() + 60_000);
    const [first, second] = await Promise.all([unsafeAnonymizeExpiredRequests(at), unsafeAnonymizeExpiredRequests(at)]);
    const done = await db.request.count({ where: { anonymizedAt: at } });
    expect(first.anonymized + second.anonymized).toBe(done);
    for (const row of rows) expect((await stateOf(row.id)).anonymizedAt).toEqual(at);

    const later = new Date(at.getTime() + 60_000);
    await unsafeAnonymizeExpiredRequests(later);
    for (const row of rows) expect((await stateOf(row.id)).anonymizedAt).toEqual(at);
  });

  it("skips a request reopened since it was listed", async () => {
    const { request } = await commune(1);
    const r = await request(monthsBefore(3), "SANS_SUITE");
    await db.request.update({ where: { id: r.id }, data: { status: "EN_COURS", closedAt: null } });
    await unsafeAnonymizeExpiredRequests(NOW);
    expect((await stateOf(r.id)).anonymizedAt).toBeNull();
  });
});

describe("closedAt", () => {
  it("is set by a final decision and cleared when the request is reopened", async () => {
    const { tenant, request } = await commune(12);
    const r = await request(null, "EN_COURS");
    const { numero } = await db.request.findUniqueOrThrow({ where: { id: r.id }, select: { numero: true } });
    const agent: StaffActor = { kind: "agent", id: randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] };
    const closed = () => db.request.findUniqueOrThrow({ where: { id: r.id }, select: { closedAt: true } });

    expect(await changeStatus(agent, tenant, numero!, { to: "ACCEPTEE", version: 0 })).toMatchObject({ ok: true });
    const first = (await closed()).closedAt;
    expect(first).toBeInstanceOf(Date);
    expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);

    expect(await changeStatus(agent, tenant, numero!, { to: "EN_COURS", motif: "Erreur de date.", version: 1 })).toMatchObject({ ok: true });
    expect((await closed()).closedAt).toBeNull();
    expect(await changeStatus(agent, tenant, numero!, { to: "SANS_SUITE", motif: "Doublon.", version: 2 })).toMatchObject({ ok: true });
    expect((await closed()).closedAt).toBeInstanceOf(Date);
  });
});

describe("impersonalAnswers", () => {
  it("keeps the answers of choice, multi, yes/no and number fields only", () => {
    const form = { steps: [{ fields: [
      { type: "choice", name: "a" }, { type: "multi", name: "b" }, { type: "yesno", name: "c" }, { type: "number", name: "d" },
      { type: "text", name: "e" }, { type: "address", name: "f" }, { type: "member", name: "g" }, { type: "date", name: "h" },
    ] }] };
    expect(impersonalAnswers({ a: "x", b: ["y"], c: true, d: 2, e: "Martin", f: { line1: "1 rue" }, g: "id", h: "2000-01-01", z: "?" }, form))
      .toEqual({ a: "x", b: ["y"], c: true, d: 2 });
  });
});

describe("retention in the builder", () => {
  it("is 12 months by default, set from 1 to 120 months, and refused outside with a French reason", async () => {
    const tenant = await createFullTenant();
    const theme = await createTheme(tenant, "vie-associative", "Vie associative");
    const admin: StaffActor = { kind: "agent", id: randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] };
    const created = await createInBuilder(admin, tenant, { title: "Prêt de salle", themeId: theme.id });
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    expect((await openProcedure(admin, id))?.retentionMonths).toBe(12);
    const details = { title: "Prêt de salle", summary: "Une salle.", preparation: "", processingDays: "10", requiresAccount: true, captcha: false, concernsMember: false, themeId: theme.id };

    for (const [months, error] of [["0", "Au moins un mois."], ["121", "120 mois (10 ans) au plus."], ["deux", "Indiquez un nombre de mois."], ["1.5", "Indiquez un nombre entier de mois."]] as const) {
      expect(await saveProcedureDetails(admin, tenant, id, 0, { ...details, retentionMonths: months })).toMatchObject({ ok: false, fieldErrors: { retentionMonths: error } });
    }
    expect(await saveProcedureDetails(admin, tenant, id, 0, { ...details, retentionMonths: "36" })).toEqual({ ok: true });
    expect((await openProcedure(admin, id))?.retentionMonths).toBe(36);
  });
});
