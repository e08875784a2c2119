import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { signUp } from "@/app/(public)/creer-mon-compte/actions";
import { SIGNUP_RATE_LIMIT } from "@/lib/accounts/registration";
import { SECURITY_QUESTIONS } from "@/lib/accounts/schema";
import { verifySecret } from "@/lib/accounts/secret-hash";
import { createCaptchaChallenge } from "@/lib/captcha/captcha";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { resolveHost } from "@/lib/tenancy/resolve";
import { createTenant } from "@/tests/factories";

// The sign-up action as the browser calls it: the commune comes from the Host header of the request
// (Next's request headers are the one thing stood in for), everything else is real.
let mockHeaders = new Headers();
// Cookies set by the action (the session of a sign-up begun inside a démarche).
const mockCookies = new Map<string, string>();
jest.mock("next/headers", () => ({
  headers: async () => mockHeaders,
  cookies: async () => ({ get: (name: string) => (mockCookies.has(name) ? { name, value: mockCookies.get(name) } : undefined), set: (name: string, value: string) => mockCookies.set(name, value) }),
}));

function onHost(host: string, address = "203.0.113.7") {
  mockHeaders = new Headers({ host: `${host}:3000`, "x-forwarded-for": address });
}

/** What the widget posts once the browser has solved a (cheap) challenge. */
async function solvedCaptcha(): Promise<string> {
  const challenge = await createCaptchaChallenge({ cost: 1 });
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("challenge not solved");
  return Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString("base64");
}

const PASSWORD = "girafe-violon-nuage-42";

/** The form of « Amélie Lire » as the browser sends it, every field a string as typed. */
async function amelie(overrides: Record<string, unknown> = {}) {
  return {
    acceptTerms: true,
    civility: "Madame",
    firstNames: "Amélie",
    birthName: "Lire",
    usageName: "",
    birthDate: "1990-05-14",
    birthPlace: "Angers",
    addressLine1: "3 rue des Lilas",
    addressLine2: "",
    postalCode: "49070",
    city: "Beaucouzé",
    email: "amelie.lire@exemple.fr",
    phone: "",
    mobile: "06 12 34 56 78",
    channel: "SMS",
    members: [],
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    securityQuestion: SECURITY_QUESTIONS[0],
    securityAnswer: "Caramel",
    altcha: await solvedCaptcha(),
    website: "",
    ...overrides,
  };
}

const counts = async () => ({
  accounts: await db.account.count(),
  members: await db.householdMember.count(),
  messages: await db.message.count(),
  tokens: await db.accountToken.count(),
});
const NOTHING = { accounts: 0, members: 0, messages: 0, tokens: 0 };

describe("signUp (« Envoyer » of /creer-mon-compte)", () => {
  it("creates a pending account with its household in the commune of the host, and queues the identifiant by email", async () => {
    const beaucouze = await createTenant({ name: "Beaucouzé", hosts: ["beaucouze.localhost"] });
    await createTenant({ hosts: ["ailleurs.localhost"] });
    onHost("beaucouze.localhost");

    const result = await signUp(
      await amelie({
        members: [
          { relation: "CONJOINT", firstNames: "Marc", lastName: "Lire", birthDate: "1988-02-01", sex: "M" },
          { relation: "ENFANT", firstNames: "Léa", lastName: "Lire", birthDate: "2016-09-30", sex: "F" },
        ],
      }),
    );

    expect(result).toEqual({ ok: true, data: { identifiant: "amélie.lire", created: true } });
    const account = await db.account.findFirstOrThrow({
      select: {
        tenantId: true, identifiant: true, status: true, email: true, emailConfirmedAt: true, mobile: true, channel: true, passwordHash: true,
        members: { select: { relation: true, kind: true, firstNames: true, lastName: true }, orderBy: { createdAt: "asc" } },
      },
    });
    expect(account).toMatchObject({
      tenantId: beaucouze.id, identifiant: "amélie.lire", status: "EN_ATTENTE", email: "amelie.lire@exemple.fr",
      emailConfirmedAt: null, mobile: "0612345678", channel: "SMS",
    });
    expect(await verifySecret(account.passwordHash, PASSWORD)).toBe(true);
    expect(account.members).toEqual(
      expect.arrayContaining([
        { relation: "TITULAIRE", kind: "ADULTE", firstNames: "Amélie", lastName: "Lire" },
        { relation: "CONJOINT", kind: "ADULTE", firstNames: "Marc", lastName: "Lire" },
        { relation: "ENFANT", kind: "ENFANT", firstNames: "Léa", lastName: "Lire" },
      ]),
    );
    expect(account.members).toHaveLength(3);

    // Whatever the channel chosen, the identifiant and the confirmation link go to the email address
    // (the SMS channel also gets its own confirmation code, by SMS).
    const messages = await db.message.findMany({ where: { channel: "EMAIL" }, select: { tenantId: true, channel: true, recipient: true, text: true } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ tenantId: beaucouze.id, channel: "EMAIL", recipient: "amelie.lire@exemple.fr" });
    expect(messages[0]!.text).toContain("amélie.lire");
    expect(messages[0]!.text).toMatch(/https?:\/\/beaucouze\.localhost(:\d+)?\/confirmer-mon-adresse\/[A-Za-z0-9_-]{43}/);
  });

  it("gives two simultaneous homonyms of one commune amélie.lire and amélie.lire2", async () => {
    await createTenant({ hosts: ["beaucouze.localhost"] });
    onHost("beaucouze.localhost");
    const forms = [await amelie({ email: "amelie.1@exemple.fr" }), await amelie({ email: "amelie.2@exemple.fr" })];

    const results = await Promise.all(forms.map((form) => signUp(form)));

    const identifiants = results.map((r) => (r.ok ? r.data.identifiant : r.message)).sort();
    expect(identifiants).toEqual(["amélie.lire", "amélie.lire2"]);
    expect(await db.account.count()).toBe(2);
    // Each one's email carries its own identifiant.
    const lire2 = await db.account.findFirstOrThrow({ where: { identifiant: "amélie.lire2" }, select: { email: true } });
    const mail = await db.message.findFirstOrThrow({ where: { recipient: lire2.email }, select: { text: true } });
    expect(mail.text).toContain("amélie.lire2");
  });

  it("creates one account when the same form is sent again, at once or after a network error", async () => {
    await createTenant({ hosts: ["beaucouze.localhost"] });
    onHost("beaucouze.localhost");
    const submissionKey = "6f1c2a57-3e0b-4c7e-9a51-0d4b8e2f9c13";
    const form = await amelie({ submissionKey });
    const [first, second] = await Promise.all([signUp(form), signUp({ ...form, altcha: await solvedCaptcha() })]);
    const retry = await signUp({ ...form, altcha: "" }); // the captcha served already: still the same account

    for (const result of [first, second, retry]) expect(result).toMatchObject({ ok: true, data: { identifiant: "amélie.lire" } });
    expect([first, second, retry].filter((r) => r.ok && r.data.created)).toHaveLength(1);
    expect(await db.account.count()).toBe(1);
    expect(await db.message.count({ where: { template: "compteCree" } })).toBe(1);
  });

  it("signs in the account it creates for a démarche, once: the same form sent again mints no session", async () => {
    await createTenant({ hosts: ["beaucouze.localhost"] });
    onHost("beaucouze.localhost");
    mockCookies.clear();
    const form = await amelie({ submissionKey: "0b7e4a8e-5d1c-4f2a-8c3b-9e6d1a2b3c4d", continueInDemarche: true });
    expect(await signUp(form)).toMatchObject({ ok: true, data: { created: true } });
    expect(mockCookies.size).toBe(1);

    mockCookies.clear();
    expect(await signUp({ ...form, altcha: "" })).toMatchObject({ ok: true, data: { created: false } });
    expect(mockCookies.size).toBe(0);
    // Without a démarche, a sign-up signs nobody in.
    expect(await signUp(await amelie({ email: "autre.amelie@exemple.fr" }))).toMatchObject({ ok: true, data: { created: true } });
    expect(mockCookies.size).toBe(0);
  });

  it("lets the same person hold an account in two communes, with the same identifiant in each", async () => {
    const sete = await createTenant({ hosts: ["sete.localhost"] });
    const beaucouze = await createTenant({ hosts: ["beaucouze.localhost"] });

    onHost("sete.localhost");
    expect(await signUp(await amelie())).toEqual({ ok: true, data: { identifiant: "amélie.lire", created: true } });
    onHost("beaucouze.localhost");
    expect(await signUp(await amelie())).toEqual({ ok: true, data: { identifiant: "amélie.lire", created: true } });

    const rows = await db.account.findMany({ select: { tenantId: true, identifiant: true } });
    expect(rows).toEqual(
      expect.arrayContaining([
        { tenantId: sete.id, identifiant: "amélie.lire" },
        { tenantId: beaucouze.id, identifiant: "amélie.lire" },
      ]),
    );
  });

  describe("refuses a tampered or malformed form, in French, and creates nothing", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["another commune's id", { tenantId: "00000000-0000-4000-8000-000000000000" }, "_"],
      ["a status chosen by the client", { status: "VALIDE" }, "_"],
      ["an identifiant chosen by the client", { identifiant: "maire" }, "_"],
      ["a number for a name", { firstNames: 42 }, "firstNames"],
      ["a huge name", { birthName: "L".repeat(100_000) }, "birthName"],
      ["terms « accepted » as text", { acceptTerms: "true" }, "acceptTerms"],
      ["a household that is not a list", { members: "tout le monde" }, "members"],
      ["a second holder in the household", { members: [{ relation: "TITULAIRE", firstNames: "Eve", lastName: "Lire", birthDate: "1990-01-01", sex: "F" }] }, "members.0.relation"],
      ["sixteen household members", { members: Array.from({ length: 16 }, () => ({ relation: "ENFANT", firstNames: "Léo", lastName: "Lire", birthDate: "2015-01-01", sex: "M" })) }, "members"],
      ["a birth date in the future", { birthDate: "2999-01-01" }, "birthDate"],
      ["SMS without a mobile", { mobile: "", channel: "SMS" }, "mobile"],
      ["a password built on the person's name", { password: "amelie-lire-amelie", passwordConfirm: "amelie-lire-amelie" }, "password"],
      ["two different passwords", { passwordConfirm: "girafe-violon-nuage-43" }, "passwordConfirm"],
      ["an object for the email", { email: { $ne: "" } }, "email"],
    ];

    it.each(cases)("%s", async (_label, overrides, field) => {
      await createTenant({ hosts: ["beaucouze.localhost"] });
      onHost("beaucouze.localhost");
      const result = await signUp(await amelie(overrides));

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.fieldErrors?.[field]).toEqual(expect.any(String));
      for (const message of [result.message, ...Object.values(result.fieldErrors ?? {})]) {
        expect(message).not.toMatch(/\b(invalid|expected|received|too big|too small)\b/i);
      }
      expect(await counts()).toEqual(NOTHING);
    });

    it.each([
      ["nothing", undefined],
      ["a string", "amélie"],
      ["a list", [1, 2]],
    ])("%s instead of a form", async (_label, input) => {
      await createTenant({ hosts: ["beaucouze.localhost"] });
      onHost("beaucouze.localhost");
      const result = await signUp(input);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/pas pu être enregistrée/) });
      expect(await counts()).toEqual(NOTHING);
    });
  });

  it("creates nothing when the hidden honeypot field is filled", async () => {
    await createTenant({ hosts: ["beaucouze.localhost"] });
    onHost("beaucouze.localhost");
    const result = await signUp(await amelie({ website: "http://promo.example" }));
    expect(result.ok).toBe(false);
    expect(await counts()).toEqual(NOTHING);
  });

  it("asks for the captcha again when it is missing or replayed, and spends it only on an otherwise valid form", async () => {
    await createTenant({ hosts: ["beaucouze.localhost"] });
    onHost("beaucouze.localhost");

    const missing = await signUp(await amelie({ altcha: "" }));
    expect(missing).toMatchObject({ ok: false, fieldErrors: { altcha: expect.stringContaining("Je ne suis pas un robot") } });

    // A form with a mistake leaves the captcha unspent: once corrected, the same payload goes through.
    const payload = await solvedCaptcha();
    const mistaken = await signUp(await amelie({ altcha: payload, postalCode: "4907" }));
    expect(mistaken).toMatchObject({ ok: false, fieldErrors: { postalCode: expect.any(String) } });
    expect(mistaken.ok || mistaken.fieldErrors?.altcha).toBeUndefined();
    expect(await signUp(await amelie({ altcha: payload }))).toEqual({ ok: true, data: { identifiant: "amélie.lire", created: true } });

    // The same payload a second time is a replay.
    const replay = await signUp(await amelie({ altcha: payload, email: "autre@exemple.fr" }));
    expect(replay).toMatchObject({ ok: false, fieldErrors: { altcha: expect.any(String) } });
    expect(await db.account.count()).toBe(1);
  });

  it("stops sign-ups from one address past the hourly limit, with a French message, and not from another", async () => {
    await createTenant({ hosts: ["beaucouze.localhost"] });
    for (let i = 0; i < env.SIGNUP_IP_LIMIT_PER_HOUR; i++) await hitRateLimit(SIGNUP_RATE_LIMIT, "198.51.100.9", env.SIGNUP_IP_LIMIT_PER_HOUR, 3_600_000);

    onHost("beaucouze.localhost", "198.51.100.9");
    const refused = await signUp(await amelie());
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/^Trop de comptes .* Réessayez dans \d+ minutes?/) });
    expect(await counts()).toEqual(NOTHING);

    onHost("beaucouze.localhost", "198.51.100.10");
    expect((await signUp(await amelie())).ok).toBe(true);
  });

  it("answers an unexpected failure with a French message instead of an error page", async () => {
    const tenant = await createTenant({ hosts: ["disparue.localhost"] });
    await resolveHost("disparue.localhost"); // the commune is in the host cache…
    await db.tenant.delete({ where: { id: tenant.id } }); // …and gone from the database meanwhile
    onHost("disparue.localhost");

    const result = await signUp(await amelie());
    expect(result).toEqual({ ok: false, message: expect.stringContaining("Vos informations sont conservées") });
    expect(await db.account.count()).toBe(0);
  });

  it("is a 404 on a host that is no commune, creating nothing", async () => {
    await createTenant({ hosts: ["beaucouze.localhost"] });
    onHost("inconnue.localhost");
    await expect(signUp(await amelie())).rejects.toThrow();
    expect(await counts()).toEqual(NOTHING);
  });
});
