import { randomUUID } from "node:crypto";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { sendAnonymousRequest } from "@/app/(public)/services/[slug]/formulaire/actions";
import { createCaptchaChallenge } from "@/lib/captcha/captcha";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ANONYMOUS_RATE_LIMIT, submitAnonymous } from "@/lib/requests/anonymous";
import { findTrackedRequest } from "@/lib/requests/tracking";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { demoProceduresOf } from "@/prisma/demo-procedures";
import { createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// The action reads the commune from the Host header: Next's request headers are the one thing stood in for.
let mockHeaders = new Headers();
jest.mock("next/headers", () => ({ headers: async () => mockHeaders }));

/** What the widget posts once the browser has solved a (cheap) challenge. */
async function solvedCaptcha(): Promise<string> {
  const challenge = await createCaptchaChallenge({ cost: 1 });
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("challenge not solved");
  return Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString("base64");
}

// The real form of the demo « Acte de naissance ».
const acte = demoProceduresOf({ slug: "sete" }).find((p) => p.slug === "acte-de-naissance")!;

async function setup(code = "BCZ") {
  const tenant = await createFullTenant({ code, hosts: [`${code.toLowerCase()}-${randomUUID().slice(0, 8)}.localhost`] });
  const theme = await createTheme(tenant);
  await createProcedure(tenant, theme, {
    slug: acte.slug, title: acte.title, processingDays: acte.processingDays, requiresAccount: false, captcha: true, definition: acte.definition,
  });
  return tenant;
}

/** The answers as the wizard sends them: numbers and dates as typed in the inputs. */
const answers = {
  format: "copie", nom: "Durand", prenoms: "Jeanne Marie", date_evenement: "1990-05-14", exemplaires: "2",
  demandeur_nom: "Durand", demandeur_prenom: "Paul", demandeur_email: "Paul.Durand@exemple.fr",
  adresse_envoi: { line1: "3 rue des Lilas", line2: "", postalCode: "49070", city: "Beaucouzé" }, qualite: "famille",
};

async function form(overrides: Record<string, unknown> = {}) {
  return { procedure: "acte-de-naissance", answers, altcha: await solvedCaptcha(), website: "", submissionKey: randomUUID(), ...overrides };
}

const ADDRESS = "203.0.113.7";
const year = new Date().getFullYear();
const CODE = /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/;

const counts = async () => ({
  requests: await db.request.count(), events: await db.requestEvent.count(), messages: await db.message.count(),
});
const NOTHING = { requests: 0, events: 0, messages: 0 };

describe("submitAnonymous", () => {
  it("files the request under the next number, starts its timeline and emails the number, the code and a follow-up link", async () => {
    const tenant = await setup();
    const result = await submitAnonymous(tenant, await form(), ADDRESS);

    expect(result).toMatchObject({ ok: true, data: { numero: `BCZ-${year}-000001`, trackingCode: expect.stringMatching(CODE), email: "Paul.Durand@exemple.fr" } });
    if (!result.ok) return;
    const { numero, trackingCode } = result.data;
    expect(result.message).toContain(trackingCode!);

    const version = await db.procedureVersion.findFirstOrThrow({ where: { procedure: { tenantId: tenant.id, slug: "acte-de-naissance" } }, select: { id: true } });
    const request = await db.request.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(request).toMatchObject({
      numero, status: "DEPOSEE", accountId: null, versionId: version.id, submittedAt: expect.any(Date),
      answers: { nom: "Durand", exemplaires: 2, demandeur_email: "Paul.Durand@exemple.fr", adresse_envoi: { line1: "3 rue des Lilas", line2: "", postalCode: "49070", city: "Beaucouzé" } },
    });
    // Only a hash of the code is kept, under neither of its written forms.
    expect(request.trackingHash).toMatch(/^\$argon2id\$/);
    expect(request.trackingHash).not.toContain(trackingCode!.replace("-", ""));
    expect(JSON.stringify(request)).not.toContain(trackingCode!);

    expect(await db.requestEvent.findMany({ select: { requestId: true, actorKind: true, actorId: true, fromStatus: true, toStatus: true } })).toEqual([
      { requestId: request.id, actorKind: "CITOYEN", actorId: null, fromStatus: null, toStatus: "DEPOSEE" },
    ]);

    const messages = await db.message.findMany({ select: { recipient: true, channel: true, accountId: true, subject: true, text: true, html: true } });
    expect(messages).toHaveLength(1);
    const [mail] = messages;
    expect(mail).toMatchObject({ recipient: "paul.durand@exemple.fr", channel: "EMAIL", accountId: null, subject: `Demande ${numero} reçue` });
    expect(mail!.text).toContain(numero);
    expect(mail!.text).toContain(`Votre code de suivi : ${trackingCode}`);
    expect(mail!.text).toContain("Acte de naissance");
    expect(mail!.text).toMatch(new RegExp(`https?://${tenant.canonicalHost}(:\\d+)?/suivi#numero=${numero}&code=${trackingCode}`));
    expect(mail!.html).toContain(`/suivi#numero=${numero}&amp;code=${trackingCode}`);

    // The code of the email opens the follow-up.
    expect(await findTrackedRequest(tenant, numero, trackingCode!)).toMatchObject({ numero, status: "DEPOSEE", title: "Acte de naissance" });
  });

  it("gives a form sent again the request already filed, without a second request, captcha or rate-limit hit", async () => {
    const tenant = await setup();
    const first = await form();
    const sent = await submitAnonymous(tenant, first, ADDRESS);
    expect(sent.ok).toBe(true);
    const limitBefore = await db.rateLimit.findMany({ select: { count: true } });

    // Retry after a network error (the captcha already served, the answers may even have changed),
    // and the same form from a second tab, which solved its own captcha.
    const retry = await submitAnonymous(tenant, { ...first, answers: { ...answers, nom: "Autre" } }, ADDRESS);
    const secondTab = await submitAnonymous(tenant, { ...first, altcha: await solvedCaptcha() }, ADDRESS);
    for (const result of [retry, secondTab]) {
      expect(result).toEqual({
        ok: true,
        message: expect.stringMatching(/déjà enregistrée sous le numéro BCZ-\d{4}-000001\. Son code de suivi a été envoyé par courriel à P…@exemple\.fr\./),
        data: { numero: `BCZ-${year}-000001`, trackingCode: null, email: "P…@exemple.fr" },
      });
    }
    expect(await counts()).toEqual({ requests: 1, events: 1, messages: 1 });
    expect(await db.rateLimit.findMany({ select: { count: true } })).toEqual(limitBefore);
    expect(await db.captchaUse.count()).toBe(1);
  });

  it("gives two simultaneous sends of one form (two tabs, a double click) one request, and loses no number", async () => {
    const tenant = await setup();
    const submissionKey = randomUUID();
    const results = await Promise.all([
      submitAnonymous(tenant, await form({ submissionKey }), ADDRESS),
      submitAnonymous(tenant, await form({ submissionKey }), ADDRESS),
      submitAnonymous(tenant, await form({ submissionKey }), ADDRESS),
    ]);
    expect(results.map((r) => (r.ok ? r.data.numero : r.message))).toEqual(Array(3).fill(`BCZ-${year}-000001`));
    // Exactly one of them received the code: the one that filed the request.
    expect(results.filter((r) => r.ok && r.data.trackingCode)).toHaveLength(1);
    expect(await counts()).toEqual({ requests: 1, events: 1, messages: 1 });

    const next = await submitAnonymous(tenant, await form(), ADDRESS);
    expect(next).toMatchObject({ ok: true, data: { numero: `BCZ-${year}-000002` } });
  });

  it("refuses a missing or replayed captcha, creating nothing, and spends it only on answers that can be sent", async () => {
    const tenant = await setup();
    for (const altcha of ["", "pas-un-captcha", undefined]) {
      const refused = await submitAnonymous(tenant, await form({ altcha }), ADDRESS);
      expect(refused).toMatchObject({ ok: false, fieldErrors: { altcha: expect.stringContaining("Je ne suis pas un robot") } });
    }
    expect(await counts()).toEqual(NOTHING);

    const payload = await solvedCaptcha();
    const incomplete = await submitAnonymous(tenant, await form({ altcha: payload, answers: { ...answers, nom: "" } }), ADDRESS);
    expect(incomplete).toMatchObject({ ok: false, fieldErrors: { nom: expect.stringContaining("obligatoire") } });
    expect(incomplete.ok || incomplete.fieldErrors?.altcha).toBeUndefined();
    expect(await counts()).toEqual(NOTHING);

    // Corrected, the same payload goes through; a third use of it is a replay.
    expect((await submitAnonymous(tenant, await form({ altcha: payload }), ADDRESS)).ok).toBe(true);
    expect(await submitAnonymous(tenant, await form({ altcha: payload }), ADDRESS)).toMatchObject({ ok: false, fieldErrors: { altcha: expect.any(String) } });
    expect(await db.request.count()).toBe(1);
  });

  it("answers missing or wrong answers field by field, in French", async () => {
    const tenant = await setup();
    const result = await submitAnonymous(tenant, await form({ answers: { ...answers, demandeur_email: "", date_evenement: "2999-01-01", exemplaires: "9" } }), ADDRESS);
    expect(result).toMatchObject({
      ok: false,
      message: "Certaines réponses sont à compléter avant l'envoi.",
      fieldErrors: { demandeur_email: expect.stringContaining("obligatoire"), date_evenement: expect.any(String), exemplaires: expect.stringContaining("5") },
    });
    expect(await counts()).toEqual(NOTHING);
  });

  it("finds only the published démarches without an account of the commune of the request", async () => {
    const tenant = await setup("BCZ");
    const elsewhere = await setup("SET");
    const theme = await createTheme(tenant);
    await createProcedure(tenant, theme, { slug: "inscription-cantine", requiresAccount: true, captcha: true, definition: acte.definition });
    await createProcedure(tenant, theme, { slug: "acte-brouillon", requiresAccount: false, captcha: true, published: false, definition: acte.definition });
    await createProcedure(elsewhere, await createTheme(elsewhere), { slug: "acte-de-sete", requiresAccount: false, captcha: true, definition: acte.definition });

    for (const procedure of ["inscription-cantine", "acte-brouillon", "acte-de-sete", "inconnue"]) {
      const result = await submitAnonymous(tenant, await form({ procedure }), ADDRESS);
      expect({ procedure, result }).toEqual({ procedure, result: { ok: false, message: "Cette démarche n'existe pas ou ne se fait pas sans compte." } });
    }
    expect(await counts()).toEqual(NOTHING);
    expect(await db.captchaUse.count()).toBe(0);
  });

  describe("refuses tampering, creating nothing", () => {
    it.each([
      ["an answer the form does not ask", { ...answers, statut: "ACCEPTEE" }],
      ["a key of Object.prototype", JSON.parse(JSON.stringify({ ...answers, constructor: "x" }))],
      ["a __proto__ key", { ...JSON.parse('{"__proto__": {"status": "ACCEPTEE"}}'), ...answers }],
      ["answers that are not an object", "tout"],
      ["a list of answers", [answers]],
      ["an object for a text", { ...answers, nom: { $ne: "" } }],
      ["a huge answer", { ...answers, prenoms: "J".repeat(100_000) }],
      ["an option the form does not offer", { ...answers, format: "original" }],
    ])("%s", async (_label, tampered) => {
      const tenant = await setup();
      const result = await submitAnonymous(tenant, await form({ answers: tampered }), ADDRESS);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(Object.keys(result.fieldErrors ?? {}).length).toBeGreaterThan(0);
      for (const message of [result.message, ...Object.values(result.fieldErrors ?? {})]) {
        expect(message).not.toMatch(/\b(invalid|expected|received|unrecognized)\b/i);
      }
      expect(await counts()).toEqual(NOTHING);
    });

    it.each([
      ["nothing", undefined],
      ["a string", "acte"],
      ["the commune chosen by the client", { tenantId: "00000000-0000-4000-8000-000000000000" }],
      ["an account chosen by the client", { accountId: "00000000-0000-4000-8000-000000000000" }],
      ["no form key", { submissionKey: undefined }],
      ["a form key that is no UUID", { submissionKey: "1" }],
    ])("%s instead of a form", async (_label, overrides) => {
      const tenant = await setup();
      const input = overrides === undefined || typeof overrides === "string" ? overrides : await form(overrides);
      expect(await submitAnonymous(tenant, input, ADDRESS)).toEqual({ ok: false, message: expect.stringContaining("n'a pas pu être lue") });
      expect(await counts()).toEqual(NOTHING);
    });
  });

  it("accepts a piece promised on paper, and refuses an upload, which needs an account", async () => {
    const tenant = await setup();
    await createProcedure(tenant, await createTheme(tenant), {
      slug: "acte-avec-piece", requiresAccount: false, captcha: false,
      definition: { steps: [{ id: "demande", title: "Demande", fields: [
        { type: "email", name: "courriel", label: "Votre adresse électronique", required: true },
        { type: "file", name: "piece", label: "Pièce d'identité", required: true },
      ] }] },
    });
    const send = (piece: unknown) => submitAnonymous(tenant, { procedure: "acte-avec-piece", answers: { courriel: "a@exemple.fr", piece }, submissionKey: randomUUID() }, ADDRESS);

    expect(await send({ kind: "upload", attachmentId: "a1b2c3" })).toMatchObject({ ok: false, fieldErrors: { piece: expect.stringContaining("sur papier") } });
    expect(await counts()).toEqual(NOTHING);
    // No captcha asked by this démarche: none needed.
    expect(await send({ kind: "paper" })).toMatchObject({ ok: true, data: { numero: `BCZ-${year}-000001` } });
    expect(await db.request.findFirstOrThrow({ select: { answers: true } })).toEqual({ answers: { courriel: "a@exemple.fr", piece: { kind: "paper" } } });
  });

  it("needs an email to send the code to, even when the form leaves it optional", async () => {
    const tenant = await setup();
    const theme = await createTheme(tenant);
    const field = (name: string, type: string, required: boolean) => ({ type, name, label: name, required });
    await createProcedure(tenant, theme, { slug: "courriel-facultatif", requiresAccount: false, definition: { steps: [{ id: "a", title: "A", fields: [field("nom", "text", true), field("courriel", "email", false)] }] } });
    await createProcedure(tenant, theme, { slug: "sans-courriel", requiresAccount: false, definition: { steps: [{ id: "a", title: "A", fields: [field("nom", "text", true)] }] } });

    const optional = await submitAnonymous(tenant, { procedure: "courriel-facultatif", answers: { nom: "Durand", courriel: "" }, submissionKey: randomUUID() }, ADDRESS);
    expect(optional).toMatchObject({ ok: false, fieldErrors: { courriel: expect.stringContaining("Indiquez votre adresse électronique") } });
    const none = await submitAnonymous(tenant, { procedure: "sans-courriel", answers: { nom: "Durand" }, submissionKey: randomUUID() }, ADDRESS);
    expect(none).toEqual({ ok: false, message: expect.stringContaining("Contactez la mairie") });
    expect(await counts()).toEqual(NOTHING);
  });

  it("creates nothing when the hidden honeypot field is filled", async () => {
    const tenant = await setup();
    const result = await submitAnonymous(tenant, await form({ website: "http://promo.example" }), ADDRESS);
    expect(result).toEqual({ ok: false, message: expect.stringContaining("n'a pas pu être enregistrée") });
    expect(await counts()).toEqual(NOTHING);
  });

  it("stops requests from one address past the hourly limit, and not from another", async () => {
    const tenant = await setup();
    const limit = env.ANONYMOUS_REQUESTS_PER_HOUR;
    for (let i = 0; i < limit; i++) await hitRateLimit(ANONYMOUS_RATE_LIMIT, "198.51.100.9", limit, 3_600_000);

    const refused = await submitAnonymous(tenant, await form(), "198.51.100.9");
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/^Trop de demandes .* Réessayez dans \d+ minutes?/) });
    expect(await counts()).toEqual(NOTHING);

    expect((await submitAnonymous(tenant, await form(), "198.51.100.10")).ok).toBe(true);
  });
});

describe("sendAnonymousRequest (the wizard's action)", () => {
  it("files the request in the commune of the host, whatever the form says", async () => {
    const beaucouze = await setup("BCZ");
    await setup("SET");
    mockHeaders = new Headers({ host: `${beaucouze.canonicalHost}:3000`, "x-forwarded-for": ADDRESS });

    const result = await sendAnonymousRequest(await form({ tenantId: "ailleurs" }));
    expect(result).toMatchObject({ ok: false });
    expect(await sendAnonymousRequest(await form())).toMatchObject({ ok: true, data: { numero: `BCZ-${year}-000001` } });
    expect(await db.request.findFirstOrThrow({ select: { tenantId: true } })).toEqual({ tenantId: beaucouze.id });
  });

  it("is a 404 on a host that is no commune", async () => {
    await setup();
    mockHeaders = new Headers({ host: "inconnue.localhost:3000", "x-forwarded-for": ADDRESS });
    await expect(sendAnonymousRequest(await form())).rejects.toThrow();
    expect(await counts()).toEqual(NOTHING);
  });
});
