import { decryptSecret, enableTotp, newTotpSecret, stepAt, totpCode, redeemRecoveryCode, verifyAgentTotp } from "@/lib/agents/totp";
import { db } from "@/lib/db";
import { createFullTenant } from "@/tests/factories";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 9, 0) + minutes * 60_000);
let n = 0;

async function createAgent(tenant: { id: string }) {
  n += 1;
  return db.agent.create({
    data: { tenantId: tenant.id, email: `agent${n}@mairie.fr`, firstNames: "Claire", lastName: `Agent${n}`, passwordHash: "pas utilisé ici" },
    select: { id: true, tenantId: true },
  });
}

/** An agent whose second factor is on, set up at `when`, with its secret and recovery codes. */
async function enrolledAgent(tenant: { id: string }, when = at(0)) {
  const agent = await createAgent(tenant);
  const secret = newTotpSecret();
  const result = await enableTotp(agent.id, agent.tenantId, secret, totpCode(secret, stepAt(when)), when);
  if (!result.ok) throw new Error("enrolment failed");
  return { ...agent, secret, recoveryCodes: result.recoveryCodes };
}

const row = (id: string) => db.agent.findUniqueOrThrow({ where: { id } });

describe("enableTotp", () => {
  it("confirms the secret with a first code, stores it encrypted and gives 10 recovery codes", async () => {
    const t = await createFullTenant();
    const agent = await createAgent(t);
    const secret = newTotpSecret();
    const result = await enableTotp(agent.id, t.id, secret, totpCode(secret, stepAt(at(0))), at(0));
    expect(result).toMatchObject({ ok: true });
    const codes = result.ok ? result.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    const stored = await row(agent.id);
    expect(stored.totpEnabledAt).toEqual(at(0));
    expect(stored.totpSecret).not.toContain(secret);
    expect(decryptSecret(stored.totpSecret!)).toBe(secret);
    expect(stored.totpLastStep).toBe(stepAt(at(0)));
    const hashes = await db.agentRecoveryCode.findMany({ where: { agentId: agent.id } });
    expect(hashes).toHaveLength(10);
    for (const h of hashes) expect(codes.some((c) => h.codeHash.includes(c) || h.codeHash.includes(c.replace(/-/g, "")))).toBe(false);
  });

  it("refuses a wrong code and stores nothing, counting the failure", async () => {
    const t = await createFullTenant();
    const agent = await createAgent(t);
    const secret = newTotpSecret();
    const other = newTotpSecret();
    expect(await enableTotp(agent.id, t.id, secret, totpCode(other, stepAt(at(0))), at(0))).toEqual({ ok: false, reason: "wrong" });
    const stored = await row(agent.id);
    expect(stored).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, failedLogins: 1 });
    expect(await db.agentRecoveryCode.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("cannot re-enrol an agent whose second factor is on, nor an agent of another commune", async () => {
    const beaucouze = await createFullTenant();
    const sete = await createFullTenant();
    const agent = await enrolledAgent(beaucouze);
    const secret = newTotpSecret();
    expect(await enableTotp(agent.id, beaucouze.id, secret, totpCode(secret, stepAt(at(5))), at(5))).toEqual({ ok: false, reason: "already-enabled" });
    expect(decryptSecret((await row(agent.id)).totpSecret!)).toBe(agent.secret);

    const fresh = await createAgent(beaucouze);
    expect(await enableTotp(fresh.id, sete.id, secret, totpCode(secret, stepAt(at(5))), at(5))).toEqual({ ok: false, reason: "wrong" });
    expect(await row(fresh.id)).toMatchObject({ totpSecret: null, totpEnabledAt: null, failedLogins: 0 });
  });

  it("replaces older recovery codes after an admin's reset", async () => {
    const t = await createFullTenant();
    const agent = await enrolledAgent(t);
    await db.agent.update({ where: { id: agent.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    const secret = newTotpSecret();
    const again = await enableTotp(agent.id, t.id, secret, totpCode(secret, stepAt(at(10))), at(10));
    expect(again).toMatchObject({ ok: true });
    expect(await db.agentRecoveryCode.count({ where: { agentId: agent.id } })).toBe(10);
    expect(await redeemRecoveryCode(agent.id, t.id, agent.recoveryCodes[0]!, at(11))).toEqual({ ok: false, reason: "wrong" });
    if (again.ok) expect(await redeemRecoveryCode(agent.id, t.id, again.recoveryCodes[0]!, at(11))).toEqual({ ok: true, remaining: 9 });
  });
});

describe("verifyAgentTotp", () => {
  it("accepts a code once, and no older code after it", async () => {
    const t = await createFullTenant();
    const agent = await enrolledAgent(t);
    const now = at(10);
    const code = totpCode(agent.secret, stepAt(now));
    expect(await verifyAgentTotp(agent.id, t.id, code, now)).toEqual({ ok: true });
    expect(await verifyAgentTotp(agent.id, t.id, code, now)).toEqual({ ok: false, reason: "wrong" });
    // The previous step's code is still in the window, but comes before the one accepted.
    expect(await verifyAgentTotp(agent.id, t.id, totpCode(agent.secret, stepAt(now) - 1), now)).toEqual({ ok: false, reason: "wrong" });
    expect((await row(agent.id)).totpLastStep).toBe(stepAt(now));
    // The next step's code works (a phone a little ahead), then the clock moves on.
    expect(await verifyAgentTotp(agent.id, t.id, totpCode(agent.secret, stepAt(now) + 1), now)).toEqual({ ok: true });
    expect(await verifyAgentTotp(agent.id, t.id, totpCode(agent.secret, stepAt(at(11))), at(11))).toEqual({ ok: true });
  });

  it("accepts a code only once when it is sent twice at the same moment", async () => {
    const t = await createFullTenant();
    const agent = await enrolledAgent(t);
    const code = totpCode(agent.secret, stepAt(at(10)));
    const results = await Promise.all([1, 2, 3].map(() => verifyAgentTotp(agent.id, t.id, code, at(10))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("counts wrong codes and waits 1 min after 5, doubling, and a right code resets the count", async () => {
    const t = await createFullTenant();
    const agent = await enrolledAgent(t);
    const code = (when: Date) => totpCode(agent.secret, stepAt(when));
    const wrong = (when: Date) => String((Number(code(when)) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) expect(await verifyAgentTotp(agent.id, t.id, wrong(at(10)), at(10))).toEqual({ ok: false, reason: "wrong" });
    expect((await row(agent.id)).failedLogins).toBe(5);
    // Even the right code waits: the answer must not tell it was right.
    expect(await verifyAgentTotp(agent.id, t.id, code(at(10.5)), at(10.5))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 30 });
    expect(await verifyAgentTotp(agent.id, t.id, wrong(at(11)), at(11))).toEqual({ ok: false, reason: "wrong" });
    expect(await verifyAgentTotp(agent.id, t.id, code(at(12)), at(12))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 });
    expect(await verifyAgentTotp(agent.id, t.id, code(at(13)), at(13))).toEqual({ ok: true });
    expect(await row(agent.id)).toMatchObject({ failedLogins: 0, lastFailedLoginAt: null });
  });

  it("does not accept the code of another agent, nor for another commune", async () => {
    const beaucouze = await createFullTenant();
    const sete = await createFullTenant();
    const claire = await enrolledAgent(beaucouze);
    const paul = await enrolledAgent(beaucouze);
    const now = at(10);
    expect(await verifyAgentTotp(claire.id, beaucouze.id, totpCode(paul.secret, stepAt(now)), now)).toEqual({ ok: false, reason: "wrong" });
    expect(await verifyAgentTotp(claire.id, sete.id, totpCode(claire.secret, stepAt(now)), now)).toEqual({ ok: false, reason: "wrong" });
    // Nothing was written on the agent through another commune.
    expect((await row(claire.id)).failedLogins).toBe(1);
    expect(await verifyAgentTotp(claire.id, beaucouze.id, totpCode(claire.secret, stepAt(now)), now)).toEqual({ ok: true });
  });

  it("refuses agents without a second factor and deactivated agents", async () => {
    const t = await createFullTenant();
    const fresh = await createAgent(t);
    const secret = newTotpSecret();
    expect(await verifyAgentTotp(fresh.id, t.id, totpCode(secret, stepAt(at(0))), at(0))).toEqual({ ok: false, reason: "wrong" });
    const gone = await enrolledAgent(t);
    await db.agent.update({ where: { id: gone.id }, data: { active: false } });
    expect(await verifyAgentTotp(gone.id, t.id, totpCode(gone.secret, stepAt(at(10))), at(10))).toEqual({ ok: false, reason: "wrong" });
  });
});

describe("redeemRecoveryCode", () => {
  it("accepts each code once, whatever its case and spacing", async () => {
    const t = await createFullTenant();
    const agent = await enrolledAgent(t);
    const [first, second] = agent.recoveryCodes as [string, string];
    expect(await redeemRecoveryCode(agent.id, t.id, first, at(10))).toEqual({ ok: true, remaining: 9 });
    expect(await redeemRecoveryCode(agent.id, t.id, first, at(10))).toEqual({ ok: false, reason: "wrong" });
    expect(await redeemRecoveryCode(agent.id, t.id, ` ${second.toUpperCase().replace(/-/g, " ")} `, at(10))).toEqual({ ok: true, remaining: 8 });
    const used = await db.agentRecoveryCode.findMany({ where: { agentId: agent.id, usedAt: { not: null } } });
    expect(used.map((u) => u.usedAt)).toEqual([at(10), at(10)]);
  });

  it("does not accept another agent's code, nor for another commune, and throttles like TOTP", async () => {
    const beaucouze = await createFullTenant();
    const sete = await createFullTenant();
    const claire = await enrolledAgent(beaucouze);
    const paul = await enrolledAgent(beaucouze);
    expect(await redeemRecoveryCode(claire.id, beaucouze.id, paul.recoveryCodes[0]!, at(10))).toEqual({ ok: false, reason: "wrong" });
    expect(await redeemRecoveryCode(claire.id, sete.id, claire.recoveryCodes[0]!, at(10))).toEqual({ ok: false, reason: "wrong" });
    for (let i = 0; i < 4; i++) expect(await redeemRecoveryCode(claire.id, beaucouze.id, "aaaa-bbbb-cccc", at(10))).toEqual({ ok: false, reason: "wrong" });
    expect(await redeemRecoveryCode(claire.id, beaucouze.id, claire.recoveryCodes[0]!, at(10.5))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 30 });
    // TOTP and recovery codes share the count.
    expect(await verifyAgentTotp(claire.id, beaucouze.id, totpCode(claire.secret, stepAt(at(10.5))), at(10.5))).toMatchObject({ reason: "throttled" });
    expect(await redeemRecoveryCode(claire.id, beaucouze.id, claire.recoveryCodes[0]!, at(11))).toEqual({ ok: true, remaining: 9 });
    // Paul's codes are untouched.
    expect(await db.agentRecoveryCode.count({ where: { agentId: paul.id, usedAt: null } })).toBe(10);
  });
});
