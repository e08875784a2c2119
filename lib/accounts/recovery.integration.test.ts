import { db } from "@/lib/db";
import { authenticate } from "@/lib/accounts/login";
import {
  INVALID_LINK_MESSAGE, MAX_ANSWER_FAILURES, RESET_EMAILS_PER_HOUR, RESET_REQUEST_MIN_MS, RESET_REQUESTED_MESSAGE, RESET_TTL_MS, WRONG_ANSWER_MESSAGE,
  readResetToken, requestPasswordReset, resetPassword, submitNewPassword, submitResetRequest,
} from "@/lib/accounts/recovery";
import { env } from "@/lib/env";
import { createAccountRow, createFullTenant, DEFAULT_PASSWORD } from "@/tests/factories";

const NEW_PASSWORD = "plume-girafe-horizon-42";
const QUESTION = "Quel est le nom de votre premier animal de compagnie ?";
const T0 = new Date("2026-11-24T10:00:00.000Z");
const later = (ms: number, from = T0) => new Date(from.getTime() + ms);
const MINUTE = 60_000;

const answers = (answer: string, password = NEW_PASSWORD, passwordConfirm = password) => ({ answer, password, passwordConfirm });

async function messagesTo(address: string) {
  return db.message.findMany({ where: { recipient: address }, orderBy: { createdAt: "asc" }, select: { template: true, subject: true, text: true, html: true, tenantId: true } });
}

/** The token of the latest recovery email to this address, and the link it came in. */
async function linkSentTo(address: string) {
  const mails = (await messagesTo(address)).filter((m) => m.template === "reinitialisation");
  const link = mails.at(-1)?.text.match(/https?:\/\/\S+\/mot-de-passe-oublie\/([A-Za-z0-9_-]+)/);
  if (!link) throw new Error(`no recovery link sent to ${address}`);
  return { url: link[0], token: link[1]! };
}

async function setup() {
  const tenant = await createFullTenant({ name: "Beaucouzé", hosts: ["beaucouze.test", "www.beaucouze.test"] });
  const account = await createAccountRow(tenant, { firstNames: "Amélie", birthName: "Lire", email: "amelie.lire@exemple.fr" });
  return { tenant, account };
}

describe("requestPasswordReset", () => {
  it("answers the same for a known and an unknown identifiant, and emails only the account that exists", async () => {
    const { tenant, account } = await setup();

    const unknown = await requestPasswordReset(tenant, "personne.inconnue", T0);
    const known = await requestPasswordReset(tenant, account.identifiant, T0);

    expect(unknown).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE });
    expect(known).toEqual(unknown);
    expect(await db.message.findMany({ select: { recipient: true, template: true } })).toEqual([
      { recipient: "amelie.lire@exemple.fr", template: "reinitialisation" },
    ]);
    expect(await db.accountToken.count({ where: { kind: "MOT_DE_PASSE" } })).toBe(1);
  });

  it("finds the account the way the login does: without accents, or by its email", async () => {
    const { tenant } = await setup();
    await requestPasswordReset(tenant, "AMELIE.LIRE", T0);
    await requestPasswordReset(tenant, "Amelie.Lire@exemple.fr", T0);
    expect(await messagesTo("amelie.lire@exemple.fr")).toHaveLength(2);
  });

  it("takes about as long whether or not the identifiant exists", async () => {
    const { tenant, account } = await setup();
    // Warm both paths up (first renders and queries are slower), then compare medians.
    await requestPasswordReset(tenant, "personne.inconnue", T0);
    await requestPasswordReset(tenant, account.identifiant, T0);
    const median = async (typed: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        await requestPasswordReset(tenant, typed, later(i * 20 * MINUTE, later(2 * 3_600_000)));
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    const known = await median(account.identifiant);
    const unknown = await median("personne.inconnue");
    expect(Math.min(known, unknown)).toBeGreaterThanOrEqual(RESET_REQUEST_MIN_MS - 5);
    expect(Math.abs(unknown - known)).toBeLessThan(30);
  });

  it("sends a link on the commune's canonical host, valid 30 minutes, whose secret is not stored", async () => {
    const { tenant, account } = await setup();
    await requestPasswordReset(tenant, account.identifiant, T0);

    const { url, token } = await linkSentTo("amelie.lire@exemple.fr");
    expect(url).toBe(`https://beaucouze.test/mot-de-passe-oublie/${token}`);
    const [mail] = await messagesTo("amelie.lire@exemple.fr");
    expect(mail!.text).toContain(`l'identifiant ${account.identifiant}`);
    expect(mail!.html).toContain(url);

    const row = await db.accountToken.findFirstOrThrow({ where: { accountId: account.id, kind: "MOT_DE_PASSE" } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt).toEqual(later(RESET_TTL_MS));
    expect(await readResetToken(tenant, token, T0)).toEqual({ question: QUESTION, identifiant: account.identifiant });
  });

  it("sends nothing to an address that was never confirmed, with the same answer", async () => {
    const { tenant } = await setup();
    const pending = await createAccountRow(tenant, { firstNames: "Hugo", birthName: "Petit", email: "hugo.petit@exemple.fr" });
    await db.account.update({ where: { id: pending.id }, data: { emailConfirmedAt: null } });

    expect(await requestPasswordReset(tenant, pending.identifiant, T0)).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE });
    expect(await db.message.count()).toBe(0);
  });

  it("voids the previous link when a new one is asked for", async () => {
    const { tenant, account } = await setup();
    await requestPasswordReset(tenant, account.identifiant, T0);
    const first = await linkSentTo("amelie.lire@exemple.fr");
    await requestPasswordReset(tenant, account.identifiant, later(MINUTE));
    const second = await linkSentTo("amelie.lire@exemple.fr");

    expect(second.token).not.toBe(first.token);
    expect(await readResetToken(tenant, first.token, later(2 * MINUTE))).toBeNull();
    expect(await resetPassword(tenant, first.token, answers("Médor"), later(2 * MINUTE))).toEqual({ ok: false, message: INVALID_LINK_MESSAGE });
    expect((await resetPassword(tenant, second.token, answers("Médor"), later(2 * MINUTE))).ok).toBe(true);
  });

  it(`stops emailing one account after ${RESET_EMAILS_PER_HOUR} requests in an hour, without saying so`, async () => {
    const { tenant, account } = await setup();
    for (let i = 0; i <= RESET_EMAILS_PER_HOUR; i++) {
      expect(await requestPasswordReset(tenant, account.identifiant, later(i * MINUTE))).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE });
    }
    expect(await messagesTo("amelie.lire@exemple.fr")).toHaveLength(RESET_EMAILS_PER_HOUR);
    await requestPasswordReset(tenant, account.identifiant, later(61 * MINUTE));
    expect(await messagesTo("amelie.lire@exemple.fr")).toHaveLength(RESET_EMAILS_PER_HOUR + 1);
  });
});

describe("readResetToken", () => {
  it("refuses unknown, malformed, expired and other communes' links", async () => {
    const { tenant, account } = await setup();
    const other = await createFullTenant({ name: "Sète", hosts: ["sete.test"] });
    await requestPasswordReset(tenant, account.identifiant, T0);
    const { token } = await linkSentTo("amelie.lire@exemple.fr");

    expect(await readResetToken(tenant, token, later(RESET_TTL_MS - 1000))).not.toBeNull();
    expect(await readResetToken(tenant, token, later(RESET_TTL_MS))).toBeNull();
    expect(await readResetToken(other, token, T0)).toBeNull();
    expect(await readResetToken(tenant, "A".repeat(43), T0)).toBeNull();
    expect(await readResetToken(tenant, "pas un jeton", T0)).toBeNull();
  });
});

describe("resetPassword", () => {
  async function withLink() {
    const { tenant, account } = await setup();
    await requestPasswordReset(tenant, account.identifiant, T0);
    const { token } = await linkSentTo("amelie.lire@exemple.fr");
    return { tenant, account, token };
  }

  it("with the right answer: sets the password, ends every session, spends the link and sends a confirmation", async () => {
    const { tenant, account, token } = await withLink();
    await db.account.update({ where: { id: account.id }, data: { failedLogins: 3, lastFailedLoginAt: T0 } });

    const result = await resetPassword(tenant, token, answers("  medor "), later(MINUTE));

    expect(result.ok).toBe(true);
    const after = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.sessionVersion).toBe(account.sessionVersion + 1);
    expect(after.failedLogins).toBe(0);
    expect(await authenticate(tenant, account.identifiant, NEW_PASSWORD, later(2 * MINUTE))).toMatchObject({ ok: true, sessionVersion: after.sessionVersion });
    expect(await authenticate(tenant, account.identifiant, DEFAULT_PASSWORD, later(2 * MINUTE))).toEqual({ ok: false, reason: "invalid" });

    const mails = await messagesTo("amelie.lire@exemple.fr");
    expect(mails.map((m) => m.template)).toEqual(["reinitialisation", "motDePasseModifie"]);
    expect(mails[1]!.subject).toBe("Votre mot de passe a été modifié");
    expect(mails[1]!.tenantId).toBe(tenant.id);
  });

  it("works once: the same link cannot set another password", async () => {
    const { tenant, account, token } = await withLink();
    expect((await resetPassword(tenant, token, answers("Médor"), later(MINUTE))).ok).toBe(true);

    expect(await readResetToken(tenant, token, later(2 * MINUTE))).toBeNull();
    expect(await resetPassword(tenant, token, answers("Médor", "autre-mot-de-passe-tres-long"), later(2 * MINUTE))).toEqual({ ok: false, message: INVALID_LINK_MESSAGE });
    expect((await authenticate(tenant, account.identifiant, NEW_PASSWORD, later(3 * MINUTE))).ok).toBe(true);
  });

  it("of two submissions racing with the same link, only one succeeds", async () => {
    const { tenant, account, token } = await withLink();
    const results = await Promise.all([
      resetPassword(tenant, token, answers("Médor", "premier-mot-de-passe-long"), later(MINUTE)),
      resetPassword(tenant, token, answers("Médor", "second-mot-de-passe-long"), later(MINUTE)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).sessionVersion).toBe(account.sessionVersion + 1);
    expect((await messagesTo("amelie.lire@exemple.fr")).filter((m) => m.template === "motDePasseModifie")).toHaveLength(1);
  });

  it("refuses an expired link and changes nothing", async () => {
    const { tenant, account, token } = await withLink();
    expect(await resetPassword(tenant, token, answers("Médor"), later(RESET_TTL_MS + 1000))).toEqual({ ok: false, message: INVALID_LINK_MESSAGE });
    expect((await authenticate(tenant, account.identifiant, DEFAULT_PASSWORD, later(RESET_TTL_MS + 2000))).ok).toBe(true);
  });

  it("refuses the link on another commune's host and changes nothing there or here", async () => {
    const { tenant, account, token } = await withLink();
    const other = await createFullTenant({ name: "Sète", hosts: ["sete.test"] });
    // Same identifiant in the other commune: the link must not reach that account either.
    const namesake = await createAccountRow(other, { firstNames: "Amélie", birthName: "Lire", email: "amelie.lire@exemple.fr" });

    expect(await resetPassword(other, token, answers("Médor"), later(MINUTE))).toEqual({ ok: false, message: INVALID_LINK_MESSAGE });
    const rows = await db.account.findMany({ where: { id: { in: [account.id, namesake.id] } }, select: { sessionVersion: true } });
    expect(rows).toEqual([{ sessionVersion: 0 }, { sessionVersion: 0 }]);
    expect((await authenticate(other, namesake.identifiant, DEFAULT_PASSWORD, later(MINUTE))).ok).toBe(true);
    expect(await readResetToken(tenant, token, later(MINUTE))).not.toBeNull();
  });

  it("checks the new password against the policy and the person's names without spending an attempt", async () => {
    const { tenant, token } = await withLink();
    expect(await resetPassword(tenant, token, answers("wrong", "court"), later(MINUTE))).toMatchObject({
      ok: false, fieldErrors: { password: expect.stringContaining("au moins 12 caractères") },
    });
    expect(await resetPassword(tenant, token, answers("Médor", "amelie-lire-beaucouze"), later(MINUTE))).toMatchObject({
      ok: false, fieldErrors: { password: expect.stringContaining("nom") },
    });
    expect(await resetPassword(tenant, token, answers("Médor", NEW_PASSWORD, "autre-chose-encore"), later(MINUTE))).toMatchObject({
      ok: false, fieldErrors: { passwordConfirm: "Les deux mots de passe ne sont pas identiques." },
    });
    expect(await resetPassword(tenant, token, { answer: 42 }, later(MINUTE))).toMatchObject({ ok: false, fieldErrors: { answer: expect.any(String) } });
    expect((await db.accountToken.findFirstOrThrow({ where: { kind: "MOT_DE_PASSE" } })).failures).toBe(0);
  });

  it("counts wrong answers as login failures: after five, even the right answer waits for the delay", async () => {
    const { tenant, account, token } = await withLink();
    for (let i = 1; i < MAX_ANSWER_FAILURES; i++) {
      expect(await resetPassword(tenant, token, answers("Rex"), later(i * 1000))).toEqual({
        ok: false, message: "Certaines informations sont à corriger.", fieldErrors: { answer: WRONG_ANSWER_MESSAGE },
      });
    }
    // A fifth failure at the login box: the account now waits a minute.
    expect(await authenticate(tenant, account.identifiant, "mauvais-mot-de-passe", later(10_000))).toEqual({ ok: false, reason: "invalid" });
    const blocked = await resetPassword(tenant, token, answers("Médor"), later(20_000));
    expect(blocked).toEqual({ ok: false, message: "Trop de tentatives sur ce compte. Par sécurité, réessayez dans 1 minute." });
    expect(await authenticate(tenant, account.identifiant, DEFAULT_PASSWORD, later(20_000))).toMatchObject({ ok: false, reason: "throttled" });

    // Once the delay has passed, the right answer works (the link was not worn out by the login failure).
    expect((await resetPassword(tenant, token, answers("Médor"), later(80_000))).ok).toBe(true);
    expect((await authenticate(tenant, account.identifiant, NEW_PASSWORD, later(90_000))).ok).toBe(true);
  });

  it(`voids the link after ${MAX_ANSWER_FAILURES} wrong answers`, async () => {
    const { tenant, account, token } = await withLink();
    // Five wrong answers in a row: the account's delays start only after the fifth.
    let at = T0;
    for (let i = 1; i <= MAX_ANSWER_FAILURES; i++) {
      at = later(i * 1000);
      expect(await resetPassword(tenant, token, answers("Rex"), at)).toMatchObject({ fieldErrors: { answer: WRONG_ANSWER_MESSAGE } });
    }
    // Long after the account's delay, still within the link's 30 minutes: the link is worn out.
    at = later(20 * MINUTE);
    expect(await readResetToken(tenant, token, at)).toBeNull();
    expect(await resetPassword(tenant, token, answers("Médor"), at)).toEqual({ ok: false, message: INVALID_LINK_MESSAGE });
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).failedLogins).toBe(MAX_ANSWER_FAILURES);
  });
});

describe("the forms as their actions receive them", () => {
  const ADDRESS = "203.0.113.9";

  it("parses unknown input into French field errors, and accepts a well-formed request", async () => {
    const { tenant, account } = await setup();
    expect(await submitResetRequest(tenant, ADDRESS, { identifiant: "   " }, T0)).toMatchObject({ ok: false, fieldErrors: { identifiant: "Indiquez votre identifiant." } });
    expect(await submitResetRequest(tenant, ADDRESS, "n'importe quoi", T0)).toMatchObject({ ok: false });
    expect(await submitResetRequest(tenant, ADDRESS, { identifiant: account.identifiant }, T0)).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE });
    expect(await messagesTo("amelie.lire@exemple.fr")).toHaveLength(1);
  });

  it("limits the requests of one address per minute, with a French message, and sends nothing then", async () => {
    const { tenant, account } = await setup();
    for (let i = 0; i < env.LOGIN_IP_LIMIT_PER_MINUTE; i++) await submitResetRequest(tenant, ADDRESS, {}, T0);

    expect(await submitResetRequest(tenant, ADDRESS, { identifiant: account.identifiant }, later(30_000))).toEqual({
      ok: false, message: "Trop de demandes depuis votre connexion. Par sécurité, réessayez dans 1 minute.",
    });
    expect(await db.message.count()).toBe(0);
    // Another address is not held back, and the limit lifts after the minute.
    expect((await submitResetRequest(tenant, "203.0.113.10", { identifiant: account.identifiant }, later(30_000))).ok).toBe(true);
    expect((await submitResetRequest(tenant, ADDRESS, { identifiant: account.identifiant }, later(MINUTE))).ok).toBe(true);
  });

  it("treats a tampered token as an invalid link and counts new-password attempts per address", async () => {
    const { tenant, account } = await setup();
    await requestPasswordReset(tenant, account.identifiant, T0);
    const { token } = await linkSentTo("amelie.lire@exemple.fr");

    expect(await submitNewPassword(tenant, ADDRESS, { token }, answers("Médor"), T0)).toEqual({ ok: false, message: INVALID_LINK_MESSAGE });
    expect(await submitNewPassword(tenant, ADDRESS, `${token}x`, answers("Médor"), T0)).toEqual({ ok: false, message: INVALID_LINK_MESSAGE });
    for (let i = 2; i < env.LOGIN_IP_LIMIT_PER_MINUTE; i++) await submitNewPassword(tenant, ADDRESS, 42, {}, T0);
    expect(await submitNewPassword(tenant, ADDRESS, token, answers("Médor"), T0)).toMatchObject({ ok: false, message: expect.stringContaining("Trop de demandes") });
    expect((await submitNewPassword(tenant, ADDRESS, token, answers("Médor"), later(MINUTE))).ok).toBe(true);
  });
});
