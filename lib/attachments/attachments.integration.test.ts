import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { StaffActor } from "@/lib/agents/scope";
import {
  attachmentProblems,
  detachUnused,
  MAX_ATTACHMENTS_PER_DRAFT,
  MISSING_ATTACHMENT,
  readAttachment,
  unsafeSweepAttachments,
  uploadAttachment,
} from "@/lib/attachments/attachments";
import { attachmentStorage } from "@/lib/attachments/storage";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { procedureDefinitionSchema } from "@/lib/procedures/definition";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// Files go to a folder of this test file's own, removed at the end.
let storageDir: string;
beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), "pieces-test-"));
  jest.replaceProperty(env, "STORAGE_DIR", storageDir);
});
// The database is emptied before each test (tests/setup-integration.ts): the files go with it.
beforeEach(async () => {
  for (const entry of await readdir(storageDir)) await rm(path.join(storageDir, entry), { recursive: true, force: true });
});
afterAll(() => rm(storageDir, { recursive: true, force: true }));

const form = {
  steps: [
    {
      id: "pieces",
      title: "Vos justificatifs",
      fields: [
        { type: "text", name: "nom", label: "Votre nom" },
        { type: "file", name: "justificatif", label: "Justificatif de domicile" },
        { type: "file", name: "photo", label: "Photo d'identité", accept: ["jpeg", "png"], maxSizeMb: 1 },
        { type: "file", name: "attestation", label: "Attestation", accept: ["pdf"], maxSizeMb: 1 },
      ],
    },
  ],
};
const definition = procedureDefinitionSchema.parse(form);

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("\0\0\0\rIHDR fausse image")]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><rect width="10" height="10"/></svg>');

const citizenOf = (account: { id: string; tenantId: string; identifiant: string }): Citizen => ({
  kind: "citizen", id: account.id, tenantId: account.tenantId, identifiant: account.identifiant,
  status: "VALIDE", firstNames: "Camille", lastName: "Martin", emailConfirmed: true,
});

async function commune() {
  const tenant = await createFullTenant();
  const theme = await createTheme(tenant);
  const procedure = await createProcedure(tenant, theme, { slug: "justificatifs", definition: form });
  const version = await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } });
  const draftOf = async (accountId: string, status: "BROUILLON" | "DEPOSEE" | "EN_COURS" | "INCOMPLETE" = "BROUILLON") =>
    db.request.create({ data: { tenantId: tenant.id, procedureId: procedure.id, versionId: version.id, accountId, status }, select: { id: true } });
  return { tenant, draftOf };
}

async function setup() {
  const { tenant, draftOf } = await commune();
  const citizen = citizenOf(await createAccountRow(tenant));
  const draft = await draftOf(citizen.id);
  return { tenant, citizen, draft, draftOf };
}

const storedFiles = async () => (await readdir(storageDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
const bytesOf = async (body: ReadableStream<Uint8Array>) => Buffer.from(await new Response(body).arrayBuffer());

describe("uploadAttachment", () => {
  it("accepts a PDF and a PNG, stored under a random key and read back by their owner", async () => {
    const { citizen, draft } = await setup();
    const pdf = await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "C:\\fakepath\\Facture EDF.pdf", bytes: PDF });
    expect(pdf).toEqual({ ok: true, data: { id: expect.any(String), fileName: "Facture EDF.pdf", kind: "pdf", size: PDF.length } });
    const png = await uploadAttachment(citizen, { draftId: draft.id, fieldName: "photo", fileName: "../../photo\u202Egnp.exe", bytes: PNG });
    expect(png).toMatchObject({ ok: true, data: { fileName: "photognp.exe", kind: "png", size: PNG.length } });
    if (!pdf.ok || !png.ok) throw new Error("upload failed");

    const row = await db.attachment.findUniqueOrThrow({ where: { id: pdf.data.id } });
    expect(row).toMatchObject({ tenantId: citizen.tenantId, accountId: citizen.id, requestId: draft.id, fieldName: "justificatif" });
    expect(row.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.storageKey).not.toContain("Facture");

    const read = await readAttachment(citizen, pdf.data.id);
    expect(read).toMatchObject({ fileName: "Facture EDF.pdf", kind: "pdf", size: PDF.length });
    expect((await bytesOf(read!.body)).equals(PDF)).toBe(true);
    const image = await readAttachment(citizen, png.data.id);
    expect((await bytesOf(image!.body)).equals(PNG)).toBe(true);
  });

  it("refuses a program renamed .pdf and an SVG, whatever their names, storing nothing", async () => {
    const { citizen, draft } = await setup();
    const exe = await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "x.pdf", bytes: EXE });
    const message = "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG : choisissez un fichier dans l'un de ces formats (un document scanné peut s'enregistrer en PDF).";
    expect(exe).toEqual({ ok: false, reason: "rejected", message, fieldErrors: { justificatif: message } });
    expect(await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "plan.png", bytes: SVG })).toMatchObject({ ok: false, reason: "rejected", message });
    // The field's own formats are the ones named.
    expect(await uploadAttachment(citizen, { draftId: draft.id, fieldName: "photo", fileName: "photo.png", bytes: PDF })).toMatchObject({
      ok: false, message: "Ce fichier n'est pas une image JPEG ou PNG : choisissez un fichier dans l'un de ces formats.",
    });
    expect(await uploadAttachment(citizen, { draftId: draft.id, fieldName: "attestation", fileName: "a.pdf", bytes: PNG })).toMatchObject({
      ok: false, message: "Ce fichier n'est pas un PDF : choisissez un fichier dans ce format (un document scanné peut s'enregistrer en PDF).",
    });
    expect(await db.attachment.count()).toBe(0);
    expect(await storedFiles()).toEqual([]);
  });

  it("refuses a file over the field's size and an empty file", async () => {
    const { citizen, draft } = await setup();
    const heavy = Buffer.concat([PDF, Buffer.alloc(Math.round(1.2 * 1024 * 1024) - PDF.length, 0x20)]);
    expect(await uploadAttachment(citizen, { draftId: draft.id, fieldName: "attestation", fileName: "scan.pdf", bytes: heavy })).toMatchObject({
      ok: false, reason: "too-large", message: "Ce fichier pèse 1,2 Mo : 1 Mo au plus par pièce.",
    });
    // The same file is fine in a field that allows 10 Mo.
    expect(await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "scan.pdf", bytes: heavy })).toMatchObject({ ok: true });
    expect(await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "vide.pdf", bytes: new Uint8Array() })).toMatchObject({
      ok: false, reason: "rejected", message: "Ce fichier est vide : choisissez-en un autre.",
    });
  });

  it("finds no draft of another account, of another commune, already sent, or of a made-up id", async () => {
    const { tenant, citizen, draftOf } = await setup();
    const neighbour = citizenOf(await createAccountRow(tenant));
    const theirDraft = await draftOf(neighbour.id);
    const sent = await draftOf(citizen.id, "DEPOSEE");
    const elsewhere = await commune();
    const foreignDraft = await elsewhere.draftOf(citizen.id); // same account id, other commune's draft
    const upload = (draftId: string) => uploadAttachment(citizen, { draftId, fieldName: "justificatif", fileName: "a.pdf", bytes: PDF });

    for (const draftId of [theirDraft.id, sent.id, foreignDraft.id, "6f1d2c3b-0000-4000-8000-000000000000"]) {
      expect(await upload(draftId)).toMatchObject({ ok: false, reason: "not-found" });
    }
    expect(await upload("'; DROP TABLE \"Attachment\"; --")).toMatchObject({ ok: false, reason: "rejected", message: "Brouillon illisible : rechargez la page." });
    expect(await db.attachment.count()).toBe(0);
  });

  it("adds a piece to the citizen's own request awaiting a complement, and to no other sent request", async () => {
    const { tenant, citizen, draftOf } = await setup();
    const incomplete = await draftOf(citizen.id, "INCOMPLETE");
    const upload = (draftId: string, who = citizen) => uploadAttachment(who, { draftId, fieldName: "justificatif", fileName: "avis.pdf", bytes: PDF });

    const added = await upload(incomplete.id);
    expect(added).toMatchObject({ ok: true, data: { fileName: "avis.pdf", kind: "pdf" } });
    if (!added.ok) throw new Error(added.message);
    expect(await db.attachment.findUniqueOrThrow({ where: { id: added.data.id } })).toMatchObject({ requestId: incomplete.id, accountId: citizen.id });

    // Being processed: nothing asked of the citizen, so no piece. Someone else's request awaiting a complement: not found.
    const inProgress = await draftOf(citizen.id, "EN_COURS");
    const neighbour = citizenOf(await createAccountRow(tenant));
    expect(await upload(inProgress.id)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await upload(incomplete.id, neighbour)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await db.attachment.count()).toBe(1);
  });

  it("refuses a field that takes no file, or that the form does not have", async () => {
    const { citizen, draft } = await setup();
    for (const fieldName of ["nom", "inconnu", "constructor"]) {
      expect(await uploadAttachment(citizen, { draftId: draft.id, fieldName, fileName: "a.pdf", bytes: PDF })).toEqual({
        ok: false, reason: "rejected", message: "Cette question n'attend pas de pièce jointe : rechargez la page.",
      });
    }
  });

  it(`stops at ${MAX_ATTACHMENTS_PER_DRAFT} pieces in one draft`, async () => {
    const { citizen, draft } = await setup();
    await db.attachment.createMany({
      data: Array.from({ length: MAX_ATTACHMENTS_PER_DRAFT }, (_, i) => ({
        tenantId: citizen.tenantId, accountId: citizen.id, requestId: draft.id, fieldName: "justificatif",
        fileName: `p${i}.pdf`, kind: "pdf", size: 10, storageKey: `cle-${i}`,
      })),
    });
    expect(await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "a.pdf", bytes: PDF })).toMatchObject({
      ok: false, reason: "rejected", message: `Ce brouillon compte déjà ${MAX_ATTACHMENTS_PER_DRAFT} pièces jointes : retirez-en une avant d'en ajouter une autre.`,
    });
  });
});

describe("readAttachment", () => {
  it("gives a piece to its owner and, once its request is sent, the commune's agents; to no one else", async () => {
    const { tenant, citizen, draft } = await setup();
    const up = await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "a.pdf", bytes: PDF });
    if (!up.ok) throw new Error("upload failed");
    const neighbour = citizenOf(await createAccountRow(tenant));
    const elsewhere = await createFullTenant();
    const agent: StaffActor = { kind: "agent", id: "agent-1", tenantId: tenant.id, role: "ADMIN", serviceIds: [] };
    const foreignAgent: StaffActor = { kind: "agent", id: "agent-2", tenantId: elsewhere.id, role: "ADMIN", serviceIds: [] };

    expect(await readAttachment(neighbour, up.data.id)).toBeNull();
    expect(await readAttachment({ ...citizen, tenantId: elsewhere.id }, up.data.id)).toBeNull();
    expect(await readAttachment(foreignAgent, up.data.id)).toBeNull();
    expect(await readAttachment(citizen, "pas-un-identifiant")).toBeNull();
    // A draft is the citizen's own until sent: not even the agents read its pieces.
    expect(await readAttachment(agent, up.data.id)).toBeNull();
    await db.request.update({ where: { id: draft.id }, data: { status: "DEPOSEE", numero: `${tenant.code}-2026-000001`, submittedAt: new Date() } });
    const read = await readAttachment(agent, up.data.id);
    expect((await bytesOf(read!.body)).equals(PDF)).toBe(true);

    // A row whose file is gone from storage reads as nothing rather than failing.
    const row = await db.attachment.findUniqueOrThrow({ where: { id: up.data.id } });
    await attachmentStorage().remove(row.storageKey);
    expect(await readAttachment(citizen, up.data.id)).toBeNull();
  });
});

describe("attachmentProblems and detachUnused", () => {
  it("flags a piece of another draft or of another field, and accepts the draft's own", async () => {
    const { citizen, draft, draftOf } = await setup();
    const other = await draftOf(citizen.id);
    const mine = await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "a.pdf", bytes: PDF });
    const photo = await uploadAttachment(citizen, { draftId: draft.id, fieldName: "photo", fileName: "p.png", bytes: PNG });
    const foreign = await uploadAttachment(citizen, { draftId: other.id, fieldName: "attestation", fileName: "b.pdf", bytes: PDF });
    if (!mine.ok || !photo.ok || !foreign.ok) throw new Error("upload failed");
    const upload = (attachmentId: string) => ({ kind: "upload", attachmentId });

    expect(await attachmentProblems(db, citizen, draft.id, { nom: "Martin", justificatif: upload(mine.data.id), photo: upload(photo.data.id), attestation: { kind: "paper" } }, definition)).toEqual({});
    expect(await attachmentProblems(db, citizen, draft.id, { justificatif: upload(mine.data.id), attestation: upload(foreign.data.id) }, definition)).toEqual({ attestation: MISSING_ATTACHMENT });
    // The draft's own piece, but uploaded for another field (its size and formats were checked for that one).
    expect(await attachmentProblems(db, citizen, draft.id, { attestation: upload(photo.data.id) }, definition)).toEqual({ attestation: MISSING_ATTACHMENT });
    expect(await attachmentProblems(db, citizen, draft.id, { justificatif: upload("n'importe quoi") }, definition)).toEqual({ justificatif: MISSING_ATTACHMENT });
    expect(await db.$transaction((tx) => attachmentProblems(tx, citizen, other.id, { attestation: upload(foreign.data.id) }, definition))).toEqual({});
  });

  it("detaches the pieces a draft no longer uses", async () => {
    const { citizen, draft } = await setup();
    const kept = await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "a.pdf", bytes: PDF });
    const replaced = await uploadAttachment(citizen, { draftId: draft.id, fieldName: "justificatif", fileName: "b.pdf", bytes: PDF });
    if (!kept.ok || !replaced.ok) throw new Error("upload failed");
    expect(await db.$transaction((tx) => detachUnused(tx, citizen, draft.id, [kept.data.id]))).toBe(1);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: kept.data.id } })).requestId).toBe(draft.id);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: replaced.data.id } })).requestId).toBeNull();
  });
});

describe("unsafeSweepAttachments", () => {
  it("removes pieces detached for over a day with their files, keeps the others, and can run again", async () => {
    const { citizen, draft, draftOf } = await setup();
    const doomed = await draftOf(citizen.id);
    const upload = async (draftId: string, fileName: string) => {
      const result = await uploadAttachment(citizen, { draftId, fieldName: "justificatif", fileName, bytes: PDF });
      if (!result.ok) throw new Error("upload failed");
      return result.data.id;
    };
    const attachedOld = await upload(draft.id, "garde.pdf");
    const orphanOld = await upload(doomed.id, "brouillon-supprime.pdf");
    const detachedRecent = await upload(draft.id, "remplace-a-l-instant.pdf");
    const noFile = await upload(doomed.id, "fichier-deja-efface.pdf");
    await db.request.delete({ where: { id: doomed.id } }); // its pieces become detached (SetNull)
    await db.attachment.update({ where: { id: detachedRecent }, data: { requestId: null } });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3_600_000);
    await db.attachment.updateMany({ where: { id: { in: [attachedOld, orphanOld, noFile] } }, data: { createdAt: twoDaysAgo } });
    const keyOf = async (id: string) => (await db.attachment.findUniqueOrThrow({ where: { id } })).storageKey;
    const orphanKey = await keyOf(orphanOld);
    await attachmentStorage().remove(await keyOf(noFile));

    expect(await unsafeSweepAttachments()).toBe(2);
    expect((await db.attachment.findMany({ select: { id: true } })).map((a) => a.id).sort()).toEqual([attachedOld, detachedRecent].sort());
    expect(await storedFiles()).not.toContain(orphanKey);
    expect((await storedFiles()).sort()).toEqual([await keyOf(attachedOld), await keyOf(detachedRecent)].sort());
    expect(await unsafeSweepAttachments()).toBe(0);
    // A day later, the recently detached one goes too.
    expect(await unsafeSweepAttachments(new Date(Date.now() + 25 * 3_600_000))).toBe(1);
  });
});
