import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { uploadAttachment } from "@/lib/attachments/attachments";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { ActorKind, RequestStatus } from "@/lib/generated/prisma/enums";
import { fileSize } from "@/lib/procedures/answer-text";
import { getRequestDetail } from "@/lib/requests/detail";
import { saveDraft } from "@/lib/requests/drafts";
import { submitDraft } from "@/lib/requests/submission";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

let storageDir: string;
beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), "request-detail-"));
  jest.replaceProperty(env, "STORAGE_DIR", storageDir);
});
afterAll(() => rm(storageDir, { recursive: true, force: true }));

const definition = {
  steps: [
    {
      id: "enfant",
      title: "L'enfant concerné",
      fields: [
        { type: "member", name: "enfant", label: "Enfant concerné", among: "children", required: true },
        { type: "choice", name: "classe", label: "Classe", required: true, options: [{ value: "cp", label: "Cours préparatoire (CP)" }, { value: "ce1", label: "Cours élémentaire (CE1)" }] },
        { type: "info", name: "rappel", label: "Rappel", text: "La cantine est facturée au mois." },
        { type: "yesno", name: "cantine", label: "Déjeune-t-il à la cantine ?", required: true },
        { type: "text", name: "regime", label: "Régime alimentaire", showIf: { field: "cantine", op: "equals", value: true } },
        { type: "date", name: "rentree", label: "Date de la rentrée" },
        { type: "textarea", name: "remarques", label: "Remarques" },
      ],
    },
    {
      id: "pieces",
      title: "Les justificatifs",
      fields: [
        { type: "file", name: "domicile", label: "Justificatif de domicile", required: true },
        { type: "file", name: "livret", label: "Livret de famille" },
        { type: "file", name: "assurance", label: "Attestation d'assurance" },
        { type: "file", name: "certificat", label: "Certificat médical", showIf: { field: "cantine", op: "equals", value: true } },
      ],
    },
  ],
};
const PDF = new TextEncoder().encode("%PDF-1.7\n%…\n");

const citizenOf = (account: { id: string; identifiant: string }, tenantId: string): Citizen => ({
  kind: "citizen", id: account.id, tenantId, identifiant: account.identifiant, status: "VALIDE", firstNames: "Camille", lastName: "Dupré", emailConfirmed: true,
});

let people = 0;

async function commune(code: string) {
  const tenant = await createFullTenant({ code });
  const theme = await createTheme(tenant, "enfance", "Enfance");
  const procedure = await createProcedure(tenant, theme, { slug: "inscription-scolaire", title: "Inscription à l'école", processingDays: 15, concernsMember: true, definition });
  /** A citizen of this commune with a child, Léa. */
  const citizen = async () => {
    const account = await createAccountRow(tenant, { birthName: "Dupré", identifiant: `camille.dupre${++people}`, children: [{ firstNames: "Léa", birthDate: "2019-05-02", sex: "F" }] });
    const lea = await db.householdMember.findFirstOrThrow({ where: { accountId: account.id, relation: "ENFANT" } });
    return { account, citizen: citizenOf(account, tenant.id), lea };
  };
  return { tenant, procedure, citizen };
}

/** A request sent by the product's own functions: a draft with a piece, then « Envoyer ». */
async function sentRequest(tenant: Awaited<ReturnType<typeof createFullTenant>>, citizen: Citizen, leaId: string) {
  const saved = await saveDraft(citizen, { procedure: "inscription-scolaire", answers: {} });
  if (!saved.ok) throw new Error(saved.message);
  const { draftId } = saved.data;
  const piece = await uploadAttachment(citizen, { draftId, fieldName: "domicile", fileName: "Facture d'électricité.pdf", bytes: PDF });
  if (!piece.ok) throw new Error(piece.message);
  const answers = {
    enfant: leaId, classe: "cp", cantine: false, regime: "Sans porc", rentree: "2026-09-01",
    domicile: { kind: "upload", attachmentId: piece.data.id }, livret: { kind: "paper" },
  };
  const next = await saveDraft(citizen, { procedure: "inscription-scolaire", draftId, version: saved.data.version, answers });
  if (!next.ok) throw new Error(next.message);
  const sent = await submitDraft(citizen, tenant, { draftId, version: next.data.version });
  if (!sent.ok) throw new Error(sent.message);
  return { id: draftId, numero: sent.data.numero, pieceId: piece.data.id };
}

/** A change of status as the lifecycle writes it: the request and its event (the event a second later). */
async function move(requestId: string, from: RequestStatus, to: RequestStatus, actorKind: ActorKind, publicMessage: string | null, internalNote: string | null, seconds: number) {
  await db.request.update({ where: { id: requestId }, data: { status: to, version: { increment: 1 } } });
  await db.requestEvent.create({
    data: { requestId, actorKind, fromStatus: from, toStatus: to, publicMessage, internalNote, createdAt: new Date(Date.now() + seconds * 1000) },
  });
}

describe("getRequestDetail", () => {
  it("reads a sent request back: answers as text, shown questions only, member, pieces, public timeline, decision", async () => {
    const { tenant, procedure, citizen } = await commune("BCZ");
    const me = await citizen();
    const request = await sentRequest(tenant, me.citizen, me.lea.id);
    await move(request.id, "DEPOSEE", "EN_COURS", "AGENT", "Votre dossier est à l'étude.", "Appeler l'école Jules-Ferry", 1);
    await move(request.id, "EN_COURS", "REFUSEE", "AGENT", "L'école n'a plus de place en CP.", "Note interne : secteur saturé", 2);
    // A message sent after the decision (from and to the same status) changes nothing, not even the motif.
    await db.requestEvent.create({
      data: { requestId: request.id, actorKind: "AGENT", fromStatus: "REFUSEE", toStatus: "REFUSEE", publicMessage: "Passez en mairie récupérer votre dossier.", createdAt: new Date(Date.now() + 3000) },
    });
    // A later publication of the démarche renames its questions: the request keeps its own form.
    const renamed = JSON.parse(JSON.stringify(definition).replace("\"Classe\"", "\"Classe demandée\""));
    await db.procedureVersion.create({ data: { procedureId: procedure.id, number: 2, definition: renamed } });

    const detail = await getRequestDetail(me.citizen, request.numero);
    expect(detail).toEqual({
      id: request.id,
      numero: request.numero,
      version: 4, // saved twice, sent, then two changes of status
      status: "REFUSEE",
      title: "Inscription à l'école",
      submittedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      processingDays: 15,
      member: { firstNames: "Léa", lastName: "Dupré" },
      sections: [
        {
          title: "L'enfant concerné",
          items: [
            { label: "Enfant concerné", text: "Léa Dupré" },
            { label: "Classe", text: "Cours préparatoire (CP)" },
            { label: "Déjeune-t-il à la cantine ?", text: "Non" },
            { label: "Date de la rentrée", text: "1 septembre 2026" },
            { label: "Remarques", text: "Non renseigné" },
          ],
        },
        {
          title: "Les justificatifs",
          items: [
            { label: "Justificatif de domicile", text: `Facture d'électricité.pdf (${fileSize(PDF.length)})` },
            { label: "Livret de famille", text: "Fournie sur papier (à l'accueil de la mairie ou par courrier)" },
            { label: "Attestation d'assurance", text: "Non renseigné" },
          ],
        },
      ],
      pieces: [
        { field: "domicile", label: "Justificatif de domicile", state: "en ligne", fileName: "Facture d'électricité.pdf", attachmentId: request.pieceId, size: PDF.length },
        { field: "livret", label: "Livret de famille", state: "sur papier" },
        { field: "assurance", label: "Attestation d'assurance", state: "manquante" },
      ],
      events: [
        { at: expect.any(String), from: "BROUILLON", to: "DEPOSEE", actor: "vous", publicMessage: null },
        { at: expect.any(String), from: "DEPOSEE", to: "EN_COURS", actor: "la mairie", publicMessage: "Votre dossier est à l'étude." },
        { at: expect.any(String), from: "EN_COURS", to: "REFUSEE", actor: "la mairie", publicMessage: "L'école n'a plus de place en CP." },
        { at: expect.any(String), from: "REFUSEE", to: "REFUSEE", actor: "la mairie", publicMessage: "Passez en mairie récupérer votre dossier." },
      ],
      decision: { status: "REFUSEE", motif: "L'école n'a plus de place en CP." },
    });
    // Plain JSON, as a page hands it to the browser; and nothing an agent wrote for agents only.
    expect(JSON.parse(JSON.stringify(detail))).toEqual(detail);
    expect(JSON.stringify(detail)).not.toMatch(/Jules-Ferry|Note interne|internalNote/);
    const times = detail!.events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("leaves out the answers to questions that were not shown, whatever is stored", async () => {
    const { tenant, citizen } = await commune("BCZ");
    const me = await citizen();
    const request = await sentRequest(tenant, me.citizen, me.lea.id);
    // Sending drops hidden answers; a request stored with some (older data) must not show them either.
    const stored = await db.request.findUniqueOrThrow({ where: { id: request.id }, select: { answers: true } });
    await db.request.update({ where: { id: request.id }, data: { answers: { ...(stored.answers as object), regime: "Sans porc", certificat: { kind: "paper" } } } });

    const detail = (await getRequestDetail(me.citizen, request.numero))!;
    const labels = detail.sections.flatMap((s) => s.items.map((i) => i.label));
    expect(labels).not.toContain("Régime alimentaire");
    expect(labels).not.toContain("Certificat médical");
    expect(labels).not.toContain("Rappel"); // an information paragraph takes no answer
    expect(detail.pieces.map((p) => p.field)).toEqual(["domicile", "livret", "assurance"]);
    expect(detail.decision).toBeNull(); // still DEPOSEE
    expect(detail.status).toBe("DEPOSEE");
  });

  it("is null for another citizen, another commune, a draft and an unknown number", async () => {
    const sete = await commune("SET");
    const me = await sete.citizen();
    const request = await sentRequest(sete.tenant, me.citizen, me.lea.id);
    const neighbour = await sete.citizen();
    const elsewhere = await (await commune("BCZ")).citizen();

    expect(await getRequestDetail(me.citizen, request.numero)).not.toBeNull();
    expect(await getRequestDetail(neighbour.citizen, request.numero)).toBeNull();
    expect(await getRequestDetail(elsewhere.citizen, request.numero)).toBeNull();
    // The right account id under another commune (a session of that commune) is not enough either.
    expect(await getRequestDetail({ ...me.citizen, tenantId: elsewhere.citizen.tenantId }, request.numero)).toBeNull();
    expect(await getRequestDetail(me.citizen, "SET-2000-000001")).toBeNull();
    expect(await getRequestDetail(me.citizen, "x".repeat(5000))).toBeNull();

    // A draft is no request to read back, even one that somehow carries a number.
    const draft = await saveDraft(me.citizen, { procedure: "inscription-scolaire", answers: {} });
    if (!draft.ok) throw new Error(draft.message);
    await db.request.update({ where: { id: draft.data.draftId }, data: { numero: "SET-2026-999999" } });
    expect(await getRequestDetail(me.citizen, "SET-2026-999999")).toBeNull();
  });

  it("runs the same number of queries however long the timeline and the household", async () => {
    const { tenant, citizen } = await commune("BCZ");
    const me = await citizen();
    const request = await sentRequest(tenant, me.citizen, me.lea.id);
    const count = async () => {
      // Every SQL statement goes through pg's Client#query: counting there counts what reaches PostgreSQL.
      const spy = jest.spyOn(pg.Client.prototype, "query");
      try {
        await getRequestDetail(me.citizen, request.numero);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const few = await count();
    for (let i = 0; i < 20; i++) await move(request.id, i % 2 ? "INCOMPLETE" : "EN_COURS", i % 2 ? "EN_COURS" : "INCOMPLETE", "AGENT", `Message ${i}`, null, i + 1);
    await db.householdMember.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        tenantId: tenant.id, accountId: me.account.id, kind: "ENFANT" as const, relation: "ENFANT", firstNames: `Enfant ${i}`, lastName: "Dupré", birthDate: new Date("2020-01-01"), sex: "M",
      })),
    });
    expect(few).toBeGreaterThan(0);
    expect(few).toBeLessThanOrEqual(7); // the request, its démarche, form, events and paper receipts; its pieces; the household
    expect(await count()).toBe(few);
  });
});
