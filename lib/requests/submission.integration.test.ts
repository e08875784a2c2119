import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { uploadAttachment } from "@/lib/attachments/attachments";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { saveDraft } from "@/lib/requests/drafts";
import { submitDraft } from "@/lib/requests/submission";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

const definition = {
  steps: [{ id: "objets", title: "Vos encombrants", fields: [
    { type: "textarea", name: "objets", label: "Objets", required: true },
    { type: "yesno", name: "lourd", label: "Objets lourds ?", required: true },
    { type: "text", name: "etage", label: "Étage", required: true, showIf: { field: "lourd", op: "equals", value: true } },
  ] }],
};

async function setup(status: "VALIDE" | "EN_ATTENTE" = "VALIDE", code = "BCZ") {
  const tenant = await createFullTenant({ code });
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  await createProcedure(tenant, theme, { slug: "encombrants", title: "Enlèvement des encombrants", processingDays: 10, definition });
  const account = await createAccountRow(tenant, { status });
  const citizen: Citizen = { kind: "citizen", id: account.id, tenantId: tenant.id, identifiant: account.identifiant, status, firstNames: "Camille", lastName: "Martin", emailConfirmed: true };
  const draft = async (answers: object) => {
    const saved = await saveDraft(citizen, { procedure: "encombrants", answers });
    if (!saved.ok) throw new Error(saved.message);
    return saved.data;
  };
  return { tenant, citizen, account, draft };
}

const year = new Date().getFullYear();

describe("submitDraft", () => {
  it("numbers the request, files it, starts its timeline and queues the acknowledgement, at once", async () => {
    const { tenant, citizen, account, draft } = await setup("EN_ATTENTE"); // allowed while pending
    const { draftId, version } = await draft({ objets: "Un canapé", lourd: false, etage: "3e" });

    const result = await submitDraft(citizen, tenant, { draftId, version });
    expect(result).toMatchObject({ ok: true, data: { numero: `BCZ-${year}-000001` } });
    expect(await db.request.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({
      status: "DEPOSEE", numero: `BCZ-${year}-000001`, submittedAt: expect.any(Date),
      answers: { objets: "Un canapé", lourd: false }, // the hidden answer is not kept
    });
    expect(await db.requestEvent.findMany({ select: { fromStatus: true, toStatus: true, actorKind: true } })).toEqual([
      { fromStatus: "BROUILLON", toStatus: "DEPOSEE", actorKind: "CITOYEN" },
    ]);
    const ack = await db.message.findFirstOrThrow({ where: { template: "demandeRecue" } });
    expect(ack).toMatchObject({ recipient: account.email, accountId: account.id });
    expect(ack.text).toContain(`BCZ-${year}-000001`);
    expect(ack.text).toContain("Enlèvement des encombrants");
  });

  it("refuses an incomplete draft with the fields to complete, changing nothing", async () => {
    const { tenant, citizen, draft } = await setup();
    const { draftId, version } = await draft({ lourd: true });
    const result = await submitDraft(citizen, tenant, { draftId, version });
    expect(result).toMatchObject({ ok: false, fieldErrors: { objets: expect.any(String), etage: expect.any(String) } });
    expect(await db.request.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({ status: "BROUILLON", numero: null });
    expect(await db.message.count()).toBe(0);
  });

  it("gives one request and one number to a double click or two tabs", async () => {
    const { tenant, citizen, draft } = await setup();
    const { draftId, version } = await draft({ objets: "Un matelas", lourd: false });
    const results = await Promise.all(Array.from({ length: 5 }, () => submitDraft(citizen, tenant, { draftId, version })));
    expect(new Set(results.map((r) => (r.ok ? r.data.numero : r.message)))).toEqual(new Set([`BCZ-${year}-000001`]));
    expect(await db.requestEvent.count()).toBe(1);
    expect(await db.message.count({ where: { template: "demandeRecue" } })).toBe(1);
    // The next request takes the next number: none was lost to the clicks that lost the race.
    const other = await draft({ objets: "Une armoire", lourd: false });
    expect(await submitDraft(citizen, tenant, other)).toMatchObject({ ok: true, data: { numero: `BCZ-${year}-000002` } });
  });

  it("cannot send another citizen's draft, nor one of another commune", async () => {
    const { tenant, draft } = await setup();
    const { draftId, version } = await draft({ objets: "À moi", lourd: false });
    const intruder = await createAccountRow(tenant);
    const asIntruder: Citizen = { kind: "citizen", id: intruder.id, tenantId: tenant.id, identifiant: intruder.identifiant, status: "VALIDE", firstNames: "X", lastName: "Y", emailConfirmed: true };
    expect(await submitDraft(asIntruder, tenant, { draftId, version })).toMatchObject({ ok: false });
    const elsewhere = await setup("VALIDE", "SET");
    expect(await submitDraft(elsewhere.citizen, elsewhere.tenant, { draftId, version })).toMatchObject({ ok: false });
    expect(await db.request.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({ status: "BROUILLON", numero: null });
  });
});

describe("pieces of a request", () => {
  let storageDir: string;
  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(tmpdir(), "pieces-submission-"));
    jest.replaceProperty(env, "STORAGE_DIR", storageDir);
  });
  afterAll(() => rm(storageDir, { recursive: true, force: true }));

  const withPiece = { steps: [{ id: "pieces", title: "Pièces", fields: [{ type: "file", name: "justificatif", label: "Justificatif", required: true }] }] };
  const PDF = new TextEncoder().encode("%PDF-1.7\n%…\n");

  it("keeps the piece the answers name, leaves a replaced one for the sweep, and refuses another draft's piece", async () => {
    const { tenant, citizen } = await setup();
    const theme = await db.theme.findFirstOrThrow({ where: { tenantId: tenant.id } });
    await createProcedure(tenant, theme, { slug: "avec-piece", title: "Avec pièce", definition: withPiece });
    const saved = await saveDraft(citizen, { procedure: "avec-piece", answers: {} });
    if (!saved.ok) throw new Error(saved.message);
    const { draftId } = saved.data;
    const upload = async (id: string) => {
      const result = await uploadAttachment(citizen, { draftId: id, fieldName: "justificatif", fileName: "avis.pdf", bytes: PDF });
      if (!result.ok) throw new Error(result.message);
      return result.data.id;
    };
    const replaced = await upload(draftId);
    const kept = await upload(draftId);

    // A piece of another draft (even the citizen's own) is not this draft's.
    const other = await saveDraft(citizen, { procedure: "avec-piece", answers: {} });
    if (!other.ok) throw new Error(other.message);
    const foreign = await upload(other.data.draftId);
    expect(await saveDraft(citizen, { procedure: "avec-piece", draftId, version: 0, answers: { justificatif: { kind: "upload", attachmentId: foreign } } }))
      .toMatchObject({ ok: false, fieldErrors: { justificatif: expect.any(String) } });

    const next = await saveDraft(citizen, { procedure: "avec-piece", draftId, version: 0, answers: { justificatif: { kind: "upload", attachmentId: kept } } });
    expect(next).toMatchObject({ ok: true, data: { version: 1 } });
    expect(await submitDraft(citizen, tenant, { draftId, version: 1 })).toMatchObject({ ok: true });
    expect(await db.attachment.findUniqueOrThrow({ where: { id: kept } })).toMatchObject({ requestId: draftId });
    expect(await db.attachment.findUniqueOrThrow({ where: { id: replaced } })).toMatchObject({ requestId: null });
    expect(await db.attachment.findUniqueOrThrow({ where: { id: foreign } })).toMatchObject({ requestId: other.data.draftId });
  });
});
