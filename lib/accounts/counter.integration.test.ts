import { createAccountAtCounter, issueCounterCode, redeemCounterCode, WRONG_CODE_MESSAGE } from "@/lib/accounts/counter";
import { authenticate } from "@/lib/accounts/login";
import type { StaffActor } from "@/lib/agents/scope";
import { db } from "@/lib/db";
import { createAccountRow, createFullTenant, DEFAULT_PASSWORD } from "@/tests/factories";

// The town hall's code: an agent has it sent or printed, the person alone chooses the password.

const NEW_PASSWORD = "lanterne-bocage-riviere-58";
const agentOf = (tenant: { id: string }): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "AGENT", serviceIds: [] });
const codeIn = (text: string) => /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)?.[1];
const redeem = (tenant: Parameters<typeof redeemCounterCode>[0], identifiant: string, code: string, password = NEW_PASSWORD) =>
  redeemCounterCode(tenant, "192.0.2.10", { identifiant, code, password, passwordConfirm: password });

describe("issueCounterCode and redeemCounterCode", () => {
  it("emails a code with which the person, and only they, sets a new password once; sessions end", async () => {
    const tenant = await createFullTenant();
    const account = await createAccountRow(tenant, { firstNames: "Amélie", birthName: "Lire", email: "amelie@exemple.fr" });
    const agent = agentOf(tenant);
    expect(await issueCounterCode(agent, tenant, account.id, "courriel", "192.0.2.1")).toMatchObject({ ok: true, data: { letter: null } });
    const mail = await db.message.findFirstOrThrow({ where: { accountId: account.id, template: "codeMairie" }, select: { recipient: true, text: true } });
    expect(mail.recipient).toBe("amelie@exemple.fr");
    const code = codeIn(mail.text)!;
    expect(mail.text).toContain("/nouveau-mot-de-passe");

    expect(await redeem(tenant, "amélie.lire", "AAAA-BBBB-CCCC")).toMatchObject({ ok: false, message: WRONG_CODE_MESSAGE });
    expect(await redeem(tenant, "personne.inconnue", code)).toMatchObject({ ok: false, message: WRONG_CODE_MESSAGE });
    // Typed without dashes and in lower case, it still works.
    expect(await redeem(tenant, "Amelie.Lire", code.replace(/-/g, "").toLowerCase())).toMatchObject({ ok: true });
    expect(await authenticate(tenant, "amélie.lire", NEW_PASSWORD)).toMatchObject({ ok: true, sessionVersion: 1 });
    expect(await authenticate(tenant, "amélie.lire", DEFAULT_PASSWORD)).toMatchObject({ ok: false });
    // Once only.
    expect(await redeem(tenant, "amélie.lire", code, "autre-phrase-secrete-77")).toMatchObject({ ok: false, message: WRONG_CODE_MESSAGE });
    const actions = (await db.auditEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions.filter((a) => a !== "citoyen.echec")).toEqual(["compte.code", "citoyen.mot-de-passe"]);
  });

  it("prints a letter instead (the holder is told), voids the older code, and holds wrong guesses back without voiding the code", async () => {
    const tenant = await createFullTenant();
    const account = await createAccountRow(tenant, { firstNames: "Amélie", birthName: "Lire" });
    const agent = agentOf(tenant);
    const first = await issueCounterCode(agent, tenant, account.id, "courrier");
    const second = await issueCounterCode(agent, tenant, account.id, "courrier");
    if (!first.ok || !second.ok) throw new Error("no letter");
    expect(second.data.letter).toMatchObject({ identifiant: "amélie.lire", address: expect.arrayContaining([expect.stringMatching(/\d{5} /)]) });
    expect(await redeem(tenant, "amélie.lire", first.data.letter!.code)).toMatchObject({ ok: false });
    for (let i = 0; i < 4; i++) await redeem(tenant, "amélie.lire", "AAAA-BBBB-CCCC");
    // The account's login throttling holds guesses back; the code itself survives them.
    const right = { identifiant: "amélie.lire", code: second.data.letter!.code, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD };
    expect(await redeemCounterCode(tenant, "192.0.2.10", right)).toMatchObject({ ok: false, message: expect.stringContaining("Trop d'essais") });
    expect(await redeemCounterCode(tenant, "192.0.2.11", right, new Date(Date.now() + 5 * 60_000))).toMatchObject({ ok: true });
    // No code by email; each letter announced to the holder by their channel, then the change.
    expect((await db.message.findMany({ where: { accountId: account.id }, orderBy: { createdAt: "asc" }, select: { template: true } })).map((m) => m.template))
      .toEqual(["compteModifie", "compteModifie", "motDePasseModifie"]);
  });

  it("is refused to another commune's agent, and asks for a password that is not the person's name", async () => {
    const tenant = await createFullTenant();
    const other = await createFullTenant();
    const account = await createAccountRow(tenant, { firstNames: "Amélie", birthName: "Lire" });
    expect(await issueCounterCode(agentOf(other), other, account.id, "courrier")).toEqual({ ok: false, message: "Compte introuvable." });
    expect(await issueCounterCode(agentOf(other), tenant, account.id, "courrier")).toEqual({ ok: false, message: "Compte introuvable." });
    const issued = await issueCounterCode(agentOf(tenant), tenant, account.id, "courrier");
    if (!issued.ok) throw new Error("no letter");
    expect(await redeem(tenant, "amélie.lire", issued.data.letter!.code, "amelie-lire-2026")).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    // The code survives a refused password.
    expect(await redeem(tenant, "amélie.lire", issued.data.letter!.code)).toMatchObject({ ok: true });
  });
});

describe("createAccountAtCounter", () => {
  const person = {
    civility: "Madame", firstNames: "Odette", birthName: "Marchand", birthDate: "1941-03-02", birthPlace: "Angers",
    addressLine1: "4 rue des Lilas", postalCode: "49070", city: "Beaucouzé", email: "odette@exemple.fr", channel: "EMAIL",
  };

  it("creates a validated account whose holder chooses the password with the code; nobody else knows it", async () => {
    const tenant = await createFullTenant();
    const agent = agentOf(tenant);
    const result = await createAccountAtCounter(agent, tenant, { ...person, via: "courrier" }, "192.0.2.3");
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toMatchObject({ identifiant: "odette.marchand", letter: { name: "Madame Odette Marchand", identifiant: "odette.marchand" } });
    expect(await db.account.findUniqueOrThrow({ where: { id: result.data.accountId }, select: { status: true, tenantId: true } })).toEqual({ status: "VALIDE", tenantId: tenant.id });
    // The confirmation of the address by email; the code went on paper.
    expect((await db.message.findMany({ where: { accountId: result.data.accountId }, select: { template: true } })).map((m) => m.template)).toEqual(["confirmationEmail"]);
    expect(await redeem(tenant, "odette.marchand", result.data.letter!.code)).toMatchObject({ ok: true });
    expect(await authenticate(tenant, "odette.marchand", NEW_PASSWORD)).toMatchObject({ ok: true });
    expect(await db.auditEvent.findFirst({ where: { tenantId: tenant.id, action: "compte.creer" }, select: { actorId: true, ip: true } })).toEqual({ actorId: agent.id, ip: "192.0.2.3" });
    // The same person again: pointed to the account she has.
    expect(await createAccountAtCounter(agent, tenant, { ...person, firstNames: "ODETTE", via: "courriel" })).toMatchObject({ ok: false, message: expect.stringContaining("odette.marchand") });
  });

  it("answers bad input field by field, refuses unknown fields, and creates nothing", async () => {
    const tenant = await createFullTenant();
    expect(await createAccountAtCounter(agentOf(tenant), tenant, { ...person, email: "pas-une-adresse", postalCode: "4907", via: "pigeon" })).toMatchObject({
      ok: false, fieldErrors: { email: expect.any(String), postalCode: expect.any(String), via: expect.any(String) },
    });
    expect(await db.account.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
