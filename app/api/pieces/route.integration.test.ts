import { onRequest } from "@/tests/next-headers";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { GET } from "@/app/api/pieces/[id]/route";
import { POST } from "@/app/api/pieces/route";
import { SESSION_COOKIE } from "@/lib/auth/options";
import type { Citizen } from "@/lib/auth/session";
import { authSecret, env } from "@/lib/env";
import { saveDraft } from "@/lib/requests/drafts";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// The routes as the browser calls them: the commune comes from the Host header and the citizen
// from the session cookie. Next's request headers and cookies are the one thing stood in for.
jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);

let storageDir: string;
beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), "pieces-route-"));
  jest.replaceProperty(env, "STORAGE_DIR", storageDir);
});
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
        { type: "file", name: "justificatif", label: "Justificatif de domicile" },
        { type: "file", name: "photo", label: "Photo d'identité", accept: ["jpeg", "png"], maxSizeMb: 1 },
      ],
    },
  ],
};
const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function commune(host: string) {
  const tenant = await createFullTenant({ hosts: [host] });
  const theme = await createTheme(tenant);
  const procedure = await createProcedure(tenant, theme, { definition: form });
  /** A signed-in citizen of this commune with a draft, and the cookie of their session. */
  const citizen = async () => {
    const account = await createAccountRow(tenant);
    const actor: Citizen = { kind: "citizen", id: account.id, tenantId: tenant.id, identifiant: account.identifiant, status: "VALIDE", firstNames: "Camille", lastName: "Martin", emailConfirmed: true };
    const saved = await saveDraft(actor, { procedure: procedure.slug, answers: {} });
    if (!saved.ok) throw new Error("draft not saved");
    const draft = { id: saved.data.draftId };
    const token = { accountId: account.id, tenantId: tenant.id, sv: account.sessionVersion, authTime: Math.floor(Date.now() / 1000) };
    const cookie = `${SESSION_COOKIE}=${await encode({ token, secret: authSecret(), maxAge: 1800 })}`;
    return { account, draft, cookie, host };
  };
  return { tenant, citizen };
}

type Session = { host: string; cookie?: string };

function post(session: Session, body: BodyInit, headers: Record<string, string> = {}) {
  const request = new Request(`http://${session.host}/api/pieces`, {
    method: "POST", body, headers: { host: session.host, ...(session.cookie ? { cookie: session.cookie } : {}), ...headers },
  });
  onRequest(request.headers);
  return POST(request);
}

function upload(session: Session, fields: { draftId: string; field?: string; name?: string; bytes?: Buffer }, headers?: Record<string, string>) {
  const data = new FormData();
  data.set("draftId", fields.draftId);
  data.set("field", fields.field ?? "justificatif");
  // The type the browser declares is whatever it likes: never looked at.
  if (fields.bytes) data.set("file", new File([new Uint8Array(fields.bytes)], fields.name ?? "piece.pdf", { type: "application/pdf" }));
  return post(session, data, headers);
}

function get(session: Session, id: string) {
  const request = new Request(`http://${session.host}/api/pieces/${encodeURIComponent(id)}`, {
    headers: { host: session.host, ...(session.cookie ? { cookie: session.cookie } : {}) },
  });
  onRequest(request.headers);
  return GET(request, { params: Promise.resolve({ id }) });
}

describe("POST /api/pieces", () => {
  it("stores a piece (201) that its owner then downloads with safe headers", async () => {
    const sete = await commune("sete.test");
    const me = await sete.citizen();
    const res = await upload(me, { draftId: me.draft.id, name: "Avis d'impôt 2025 été.pdf", bytes: PDF });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ ok: true, attachment: { id: expect.any(String), fileName: "Avis d'impôt 2025 été.pdf", kind: "pdf", size: PDF.length } });

    const file = await get(me, body.attachment.id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="Avis d'impot 2025 ete.pdf"; filename*=UTF-8''Avis%20d%27imp%C3%B4t%202025%20%C3%A9t%C3%A9.pdf`,
    );
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);

    // A PNG named .html downloads as a .png: its name never makes a browser run it as a page.
    const png = await (await upload(me, { draftId: me.draft.id, field: "photo", name: "photo.html", bytes: PNG })).json();
    const image = await get(me, png.attachment.id);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-disposition")).toContain("filename*=UTF-8''photo.html.png");
  });

  it("answers 401 with a French message when signed out", async () => {
    const sete = await commune("sete.test");
    const me = await sete.citizen();
    const res = await upload({ host: me.host }, { draftId: me.draft.id, bytes: PDF });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, message: "Votre session a expiré : reconnectez-vous, vos réponses sont gardées." });
  });

  it("answers 400 to unreadable input, never 500", async () => {
    const sete = await commune("sete.test");
    const me = await sete.citizen();
    const cases: [Promise<Response>, string][] = [
      [post(me, JSON.stringify({ draftId: me.draft.id }), { "content-type": "application/json" }), "choisissez-le de nouveau"],
      [post(me, "--x\r\ngarbage", { "content-type": "multipart/form-data; boundary=x" }), "choisissez-le de nouveau"],
      [upload(me, { draftId: me.draft.id }), "Aucun fichier reçu"],
      [upload(me, { draftId: "../../etc/passwd", bytes: PDF }), "Brouillon illisible"],
      [upload(me, { draftId: me.draft.id, name: "x.pdf", bytes: Buffer.from("MZ\x90\x00 programme") }), "n'est ni un PDF, ni une image JPEG ou PNG"],
      [upload(me, { draftId: me.draft.id, field: "inconnu", bytes: PDF }), "n'attend pas de pièce jointe"],
      // A page of another site (or another commune) posting with the citizen's cookie.
      [upload(me, { draftId: me.draft.id, bytes: PDF }, { origin: "http://ailleurs.test" }), "choisissez-le de nouveau"],
    ];
    for (const [response, message] of cases) {
      const res = await response;
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.ok).toBe(false);
      expect(body.message).toContain(message);
    }
    expect(await readdir(storageDir)).toEqual([]); // nothing stored
    // The page's own origin is fine.
    expect((await upload(me, { draftId: me.draft.id, bytes: PDF }, { origin: "http://sete.test" })).status).toBe(201);
  });

  it("answers 413 to a body announced too large, a body too large, and a file over the field's size", async () => {
    const sete = await commune("sete.test");
    const me = await sete.citizen();
    const announced = await post(me, "court", { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({ ok: false, message: "Ce fichier est trop lourd : 10 Mo au plus par pièce." });
    // No Content-Length (a chunked upload): counted while read.
    const huge = await upload(me, { draftId: me.draft.id, bytes: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]) });
    expect(huge.status).toBe(413);
    const heavy = await upload(me, { draftId: me.draft.id, field: "photo", bytes: Buffer.concat([PNG, Buffer.alloc(Math.round(1.2 * 1024 * 1024))]) });
    expect(heavy.status).toBe(413);
    expect((await heavy.json()).message).toBe("Ce fichier pèse 1,2 Mo : 1 Mo au plus par pièce.");
  });

  it("answers 404 for another account's draft and another commune's draft", async () => {
    const sete = await commune("sete.test");
    const me = await sete.citizen();
    const neighbour = await sete.citizen();
    const other = await (await commune("beaucouze.test")).citizen();
    for (const draftId of [neighbour.draft.id, other.draft.id]) {
      const res = await upload(me, { draftId, bytes: PDF });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ ok: false, message: expect.stringContaining("Ce brouillon n'existe pas") });
    }
    // My session is for my commune only: on another commune's address I am signed out.
    expect((await upload({ host: other.host, cookie: me.cookie }, { draftId: other.draft.id, bytes: PDF })).status).toBe(401);
  });
});

describe("GET /api/pieces/:id", () => {
  it("is a 404 for another citizen, another commune, the signed-out, and unknown ids", async () => {
    const sete = await commune("sete.test");
    const me = await sete.citizen();
    const neighbour = await sete.citizen();
    const other = await (await commune("beaucouze.test")).citizen();
    const { attachment } = await (await upload(me, { draftId: me.draft.id, bytes: PDF })).json();

    for (const [session, id] of [
      [neighbour, attachment.id],
      [other, attachment.id],
      [{ host: me.host, cookie: other.cookie }, attachment.id],
      [{ host: me.host }, attachment.id],
      [me, "8d3c1f2a-0000-4000-8000-000000000000"],
      [me, "n'importe quoi"],
    ] as [Session, string][]) {
      const res = await get(session, id);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ ok: false, message: "Cette pièce est introuvable." });
    }
    expect((await get(me, attachment.id)).status).toBe(200);
  });
});
