import { randomUUID } from "node:crypto";
import { trackRequestAction } from "@/app/(public)/suivi/actions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { submitAnonymous } from "@/lib/requests/anonymous";
import { TRACKING_NOT_FOUND, findTrackedRequest, newTrackingCode, trackRequest } from "@/lib/requests/tracking";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

let mockHeaders = new Headers();
jest.mock("next/headers", () => ({ headers: async () => mockHeaders }));

const definition = {
  steps: [{ id: "demande", title: "Votre demande", fields: [
    { type: "text", name: "nom", label: "Nom sur l'acte", required: true },
    { type: "email", name: "courriel", label: "Votre adresse électronique", required: true },
  ] }],
};

/** A commune with a démarche without an account (no captcha here: lib/requests/anonymous tests it), and one request sent. */
async function sent(code = "BCZ") {
  const tenant = await createFullTenant({ code, hosts: [`${code.toLowerCase()}-${randomUUID().slice(0, 8)}.localhost`] });
  await createProcedure(tenant, await createTheme(tenant), { slug: "acte-de-deces", title: "Acte de décès", requiresAccount: false, definition });
  const result = await submitAnonymous(tenant, { procedure: "acte-de-deces", answers: { nom: "Martin", courriel: "a@exemple.fr" }, submissionKey: randomUUID() }, "192.0.2.1");
  if (!result.ok || !result.data.trackingCode) throw new Error("not sent");
  return { tenant, numero: result.data.numero, code: result.data.trackingCode };
}

const year = new Date().getFullYear();

describe("newTrackingCode", () => {
  it("draws ten symbols without 0, O, 1 or I, in two groups, never twice the same", () => {
    const codes = Array.from({ length: 500 }, newTrackingCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol of the alphabet comes out (5 000 draws of 32 symbols).
    expect(new Set(codes.join("").replace(/-/g, "")).size).toBe(32);
  });
});

describe("findTrackedRequest", () => {
  it("gives the number, title, status, date and steps to the right code, and nothing else", async () => {
    const { tenant, numero, code } = await sent();
    const found = await findTrackedRequest(tenant, numero, code);
    expect(found).toEqual({
      numero, title: "Acte de décès", status: "DEPOSEE", submittedAt: expect.any(Date),
      events: [{ date: expect.any(Date), status: "DEPOSEE", message: null, isMessage: false }],
    });

    // An agent takes it in charge: the step shows with its public message, never the internal note.
    const request = await db.request.findFirstOrThrow({ select: { id: true } });
    await db.request.update({ where: { id: request.id }, data: { status: "INCOMPLETE" } });
    await db.requestEvent.create({
      data: { requestId: request.id, actorKind: "AGENT", fromStatus: "DEPOSEE", toStatus: "INCOMPLETE", publicMessage: "Envoyez-nous une copie de votre pièce d'identité.", internalNote: "Note interne", createdAt: new Date(Date.now() + 1000) },
    });
    const later = await findTrackedRequest(tenant, numero, code);
    expect(later).toMatchObject({ status: "INCOMPLETE" });
    expect(later!.events.map((e) => [e.status, e.message])).toEqual([
      ["DEPOSEE", null],
      ["INCOMPLETE", "Envoyez-nous une copie de votre pièce d'identité."],
    ]);
    expect(JSON.stringify(later)).not.toContain("Note interne");
    expect(JSON.stringify(later)).not.toContain("Martin");
  });

  it("tolerates case, spaces and dashes in the number and the code", async () => {
    const { tenant, numero, code } = await sent();
    const plain = code.replace("-", "");
    const typings: [string, string][] = [
      [numero.toLowerCase(), code.toLowerCase()],
      [` ${numero.replace(/-/g, "")} `, plain],
      [numero.replace(/-/g, " "), `${plain.slice(0, 3)} ${plain.slice(3, 7)} ${plain.slice(7)}`],
      [`bcz-${year}-1`, ` ${code.toLowerCase()} `],
    ];
    for (const [typedNumero, typedCode] of typings) {
      expect({ typedNumero, typedCode, found: (await findTrackedRequest(tenant, typedNumero, typedCode))?.numero }).toEqual({ typedNumero, typedCode, found: numero });
    }
  });

  it("gives null to a wrong code, an unknown number, another commune, and a request made with an account", async () => {
    const { tenant, numero, code } = await sent("BCZ");
    const other = await sent("SET");
    expect(await findTrackedRequest(tenant, numero, newTrackingCode())).toBeNull();
    expect(await findTrackedRequest(tenant, `BCZ-${year}-000999`, code)).toBeNull();
    expect(await findTrackedRequest(tenant, numero, "")).toBeNull();
    expect(await findTrackedRequest(tenant, numero, "X".repeat(100_000))).toBeNull();
    // The other commune's number with its own good code, asked on this commune's host.
    expect(await findTrackedRequest(tenant, other.numero, other.code)).toBeNull();
    expect(await findTrackedRequest(other.tenant, numero, code)).toBeNull();

    // A citizen's request (no code) is never found here, whatever is typed.
    const account = await createAccountRow(tenant);
    const procedure = await db.procedure.findFirstOrThrow({ where: { tenantId: tenant.id }, select: { id: true, versions: { select: { id: true } } } });
    await db.request.create({ data: { tenantId: tenant.id, procedureId: procedure.id, versionId: procedure.versions[0]!.id, accountId: account.id, status: "DEPOSEE", numero: `BCZ-${year}-000500`, submittedAt: new Date() } });
    expect(await findTrackedRequest(tenant, `BCZ-${year}-000500`, code)).toBeNull();
  });
});

describe("trackRequest", () => {
  const ADDRESS = "198.51.100.20";

  it("answers an unknown number or a wrong code with one message that does not tell which", async () => {
    const { tenant, numero, code } = await sent();
    const wrongCode = await trackRequest(tenant, { numero, code: newTrackingCode() }, ADDRESS);
    const wrongNumero = await trackRequest(tenant, { numero: `BCZ-${year}-000777`, code }, ADDRESS);
    expect(wrongCode).toEqual({ ok: false, message: TRACKING_NOT_FOUND });
    expect(wrongNumero).toEqual(wrongCode);
    expect(await trackRequest(tenant, { numero, code }, ADDRESS)).toMatchObject({ ok: true, data: { numero, status: "DEPOSEE" } });
  });

  it("says what is wrong with a number or code that cannot be one, in French", async () => {
    const { tenant } = await sent();
    const result = await trackRequest(tenant, { numero: "", code: "O0I1-ABCDE" }, ADDRESS);
    expect(result).toMatchObject({ ok: false, fieldErrors: { numero: "Indiquez le numéro de votre demande.", code: expect.stringContaining("ni I ni O") } });
    for (const input of [undefined, "x", { numero: 12, code: ["a"] }]) {
      expect(await trackRequest(tenant, input, ADDRESS)).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
    }
  });

  it("stops an address after too many wrong codes, even with the right one then, and not another address", async () => {
    const { tenant, numero, code } = await sent();
    for (let i = 0; i < env.TRACKING_FAILURES_PER_HOUR; i++) {
      expect(await trackRequest(tenant, { numero, code: newTrackingCode() }, ADDRESS)).toEqual({ ok: false, message: TRACKING_NOT_FOUND });
    }
    const blocked = await trackRequest(tenant, { numero, code }, ADDRESS);
    expect(blocked).toEqual({ ok: false, message: expect.stringMatching(/^Trop de numéros ou de codes erronés .* Réessayez dans \d+ minutes?/) });

    expect(await trackRequest(tenant, { numero, code }, "198.51.100.21")).toMatchObject({ ok: true });
    // An hour later, the address may try again.
    expect(await trackRequest(tenant, { numero, code }, ADDRESS, new Date(Date.now() + 3_600_001))).toMatchObject({ ok: true });
  });

  it("never counts a successful lookup: a person may reopen their follow-up as often as they like", async () => {
    const { tenant, numero, code } = await sent();
    for (let i = 0; i < env.TRACKING_FAILURES_PER_HOUR + 5; i++) {
      expect(await trackRequest(tenant, { numero, code }, ADDRESS)).toMatchObject({ ok: true });
    }
  });
});

describe("trackRequestAction (the /suivi form)", () => {
  it("looks in the commune of the host only", async () => {
    const { tenant, numero, code } = await sent("BCZ");
    const other = await sent("SET");
    mockHeaders = new Headers({ host: `${other.tenant.canonicalHost}:3000`, "x-forwarded-for": "192.0.2.50" });
    expect(await trackRequestAction({ numero, code })).toEqual({ ok: false, message: TRACKING_NOT_FOUND });
    mockHeaders = new Headers({ host: `${tenant.canonicalHost}:3000`, "x-forwarded-for": "192.0.2.50" });
    expect(await trackRequestAction({ numero, code })).toMatchObject({ ok: true, data: { numero, title: "Acte de décès" } });
  });
});
