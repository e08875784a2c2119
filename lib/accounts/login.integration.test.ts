import { authenticate } from "@/lib/accounts/login";
import { db } from "@/lib/db";
import { createAccountRow, createFullTenant, DEFAULT_PASSWORD } from "@/tests/factories";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 24, 9, 0) + minutes * 60_000);

describe("authenticate", () => {
  it("finds the identifiant whatever the case and accents, or the email when it is unique", async () => {
    const t = await createFullTenant();
    const amelie = await createAccountRow(t, { firstNames: "Amélie", birthName: "Lire", email: "amelie@exemple.fr" });
    expect(amelie.identifiant).toBe("amélie.lire");
    for (const typed of ["amélie.lire", "Amélie.LIRE", "amelie.lire", "  amelie.lire ", "AMELIE@exemple.fr"]) {
      expect(await authenticate(t, typed, DEFAULT_PASSWORD)).toMatchObject({ ok: true, accountId: amelie.id });
    }
  });

  it("does not guess between two accounts that differ only by accents, nor use a shared email", async () => {
    const t = await createFullTenant();
    await createAccountRow(t, { identifiant: "héloïse.dupont", email: "famille@exemple.fr" });
    await createAccountRow(t, { identifiant: "heloise.dupont", email: "famille@exemple.fr" });
    expect(await authenticate(t, "héloise.dupont", DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t, "famille@exemple.fr", DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t, "heloise.dupont", DEFAULT_PASSWORD)).toMatchObject({ ok: true });
  });

  it("answers the same for a wrong password and an unknown identifiant", async () => {
    const t = await createFullTenant();
    await createAccountRow(t, { firstNames: "Amélie", birthName: "Lire" });
    expect(await authenticate(t, "amélie.lire", "pas le bon mot de passe")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t, "personne.inconnue", "pas le bon mot de passe")).toEqual({ ok: false, reason: "invalid" });
  });

  it("writes each failure on an account to the commune's audit log, never the password typed", async () => {
    const t = await createFullTenant();
    const account = await createAccountRow(t, { firstNames: "Amélie", birthName: "Lire" });
    await authenticate(t, "amélie.lire", "pas le bon mot de passe");
    await authenticate(t, "amélie.lire", DEFAULT_PASSWORD);
    const events = await db.auditEvent.findMany({ where: { tenantId: t.id }, select: { action: true, actorKind: true, targetId: true, details: true } });
    expect(events).toEqual([{ action: "citoyen.echec", actorKind: "CITOYEN", targetId: account.id, details: { secret: "mot de passe" } }]);
    expect(JSON.stringify(events)).not.toContain("pas le bon");
  });

  it("knows an account only in its own commune", async () => {
    const beaucouze = await createFullTenant();
    const sete = await createFullTenant();
    await createAccountRow(beaucouze, { firstNames: "Amélie", birthName: "Lire" });
    expect(await authenticate(sete, "amélie.lire", DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows down after 5 failures, doubling the wait, and stops at 25 failures a day (CNIL 2022-100)", async () => {
    const t = await createFullTenant();
    const account = await createAccountRow(t, { firstNames: "Amélie", birthName: "Lire" });
    for (let i = 0; i < 5; i++) expect(await authenticate(t, "amélie.lire", "faux", at(0))).toEqual({ ok: false, reason: "invalid" });
    // Even the right password waits for the delay: the answer must not tell it was right.
    expect(await authenticate(t, "amélie.lire", DEFAULT_PASSWORD, at(0.5))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 30 });
    expect(await authenticate(t, "amélie.lire", "faux", at(1))).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t, "amélie.lire", DEFAULT_PASSWORD, at(2))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 });
    expect(await authenticate(t, "amélie.lire", DEFAULT_PASSWORD, at(3))).toMatchObject({ ok: true });
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).failedLogins).toBe(0);

    // The daily cap: 25 failures within 24 h block until the oldest is a day old.
    await db.loginFailure.createMany({ data: Array.from({ length: 25 }, (_, i) => ({ accountId: account.id, createdAt: at(10 + i) })) });
    expect(await authenticate(t, "amélie.lire", DEFAULT_PASSWORD, at(60))).toMatchObject({ ok: false, reason: "throttled" });
    expect(await authenticate(t, "amélie.lire", DEFAULT_PASSWORD, at(10 + 24 * 60 + 1))).toMatchObject({ ok: true });
  });

  it("slows down an unknown identifiant on the very same schedule, so throttling reveals nothing", async () => {
    const t = await createFullTenant();
    await createAccountRow(t, { firstNames: "Amélie", birthName: "Lire" });
    for (const typed of ["amélie.lire", "personne.inconnue"]) {
      const answers = [];
      for (const minute of [0, 0, 0, 0, 0, 0.5, 1, 2, 3.5]) answers.push(await authenticate(t, typed, "faux", at(minute)));
      expect(answers.map((a) => (a.ok ? "ok" : a.reason === "throttled" ? `attente ${a.retryAfterSeconds}` : a.reason))).toEqual([
        "invalid", "invalid", "invalid", "invalid", "invalid", "attente 30", "invalid", "attente 60", "invalid",
      ]);
    }
  });

  it("counts tries sent all at once one after the other: a burst gains no extra guess", async () => {
    const t = await createFullTenant();
    await createAccountRow(t, { firstNames: "Amélie", birthName: "Lire" });
    const answers = await Promise.all(Array.from({ length: 10 }, () => authenticate(t, "amélie.lire", "faux", at(0))));
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(5);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(5);
  });

  it("signs in by email only with an address the citizen confirmed", async () => {
    const t = await createFullTenant();
    const a = await createAccountRow(t, { email: "camille@exemple.fr" });
    expect(await authenticate(t, "camille@exemple.fr", DEFAULT_PASSWORD)).toMatchObject({ ok: true });
    // Someone signs up with Camille's address: it does not lock Camille out, nor open that account.
    await createAccountRow(t, { email: "camille@exemple.fr" }).then((b) => db.account.update({ where: { id: b.id }, data: { emailConfirmedAt: null } }));
    expect(await authenticate(t, "camille@exemple.fr", DEFAULT_PASSWORD)).toMatchObject({ ok: true, accountId: a.id });
  });

  it("tells a refused account why only after the right password", async () => {
    const t = await createFullTenant();
    const a = await createAccountRow(t, { firstNames: "Amélie", birthName: "Lire", status: "REFUSE" });
    await db.account.update({ where: { id: a.id }, data: { statusReason: "Adresse hors commune" } });
    expect(await authenticate(t, "amélie.lire", "faux")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t, "amélie.lire", DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "refused", motif: "Adresse hors commune" });
  });
});
