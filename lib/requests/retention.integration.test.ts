import { db } from "@/lib/db";
import { unsafeRemindAndRemoveDrafts } from "@/lib/requests/retention";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// Defaults: removed after 90 days untouched, reminded 7 days before. The test clock is `now`, far in
// the future; rows get explicit updatedAt values on that clock (Prisma's own would be today's).
const NOW = new Date("2030-03-01T10:00:00Z");
const DAY_MS = 24 * 3_600_000;
const after = (days: number, from = NOW) => new Date(from.getTime() + days * DAY_MS);
const TEMPLATE = "brouillonBientotSupprime";

async function setup(name?: string) {
  const tenant = await createFullTenant(name ? { name } : {});
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  const procedure = await createProcedure(tenant, theme, { title: "Enlèvement des encombrants" });
  const account = await createAccountRow(tenant);
  const { id: versionId } = await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } });

  /** A request of this account last saved `daysAgo` before NOW. */
  const request = (daysAgo: number, extra: { status?: "BROUILLON" | "DEPOSEE"; accountId?: string | null } = {}) =>
    db.request.create({
      data: {
        tenantId: tenant.id, procedureId: procedure.id, versionId, accountId: extra.accountId === undefined ? account.id : extra.accountId,
        answers: { demande: "Un canapé et une armoire" }, updatedAt: after(-daysAgo),
        ...(extra.status === "DEPOSEE" ? { status: "DEPOSEE", numero: `${tenant.code}-2029-000001`, submittedAt: after(-daysAgo) } : {}),
      },
      select: { id: true },
    });
  return { tenant, procedure, account, request };
}

const reminders = () => db.message.findMany({ where: { template: TEMPLATE }, orderBy: { createdAt: "asc" } });
const row = (id: string) => db.request.findUnique({ where: { id }, select: { reminderSentAt: true, updatedAt: true, answers: true, status: true } });

describe("draft retention", () => {
  it("leaves a draft younger than the reminder threshold alone", async () => {
    const { request } = await setup();
    const draft = await request(82);
    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 0, removed: 0 });
    expect(await reminders()).toEqual([]);
    expect(await row(draft.id)).toMatchObject({ reminderSentAt: null, updatedAt: after(-82) });
  });

  it("reminds once at 84 days with the title and the removal date, then removes the draft untouched 7 days later", async () => {
    const { tenant, account, request } = await setup();
    const draft = await request(84);

    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 1, removed: 0 });
    const [message, ...others] = await reminders();
    expect(others).toEqual([]);
    expect(message).toMatchObject({ tenantId: tenant.id, accountId: account.id, channel: "EMAIL", recipient: account.email, status: "EN_ATTENTE" });
    expect(message!.subject).toContain("« Enlèvement des encombrants »");
    expect(message!.text).toContain("sera supprimé le 8 mars 2030");
    expect(message!.text).toContain(`://${tenant.canonicalHost}/accueil`);
    expect(message!.html).toContain("8 mars 2030");
    // The reminder is recorded; the citizen's last save keeps its date.
    expect(await row(draft.id)).toMatchObject({ reminderSentAt: NOW, updatedAt: after(-84) });

    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 0, removed: 0 });
    expect(await unsafeRemindAndRemoveDrafts(after(6))).toEqual({ reminded: 0, removed: 0 });
    expect(await reminders()).toHaveLength(1);
    expect(await row(draft.id)).not.toBeNull();

    expect(await unsafeRemindAndRemoveDrafts(after(7))).toEqual({ reminded: 0, removed: 1 });
    expect(await row(draft.id)).toBeNull();
  });

  it("gives the full notice to a draft reminded late (older than the retention already)", async () => {
    const { request } = await setup();
    const draft = await request(150);
    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 1, removed: 0 });
    expect((await reminders())[0]!.text).toContain("le 8 mars 2030");
    expect(await unsafeRemindAndRemoveDrafts(after(6))).toEqual({ reminded: 0, removed: 0 });
    expect(await unsafeRemindAndRemoveDrafts(after(7))).toEqual({ reminded: 0, removed: 1 });
    expect(await row(draft.id)).toBeNull();
  });

  it("keeps a draft saved again after the reminder, and starts its count over", async () => {
    const { request } = await setup();
    const draft = await request(84);
    await unsafeRemindAndRemoveDrafts(NOW);

    // What saveDraft does, a day after the reminder on the test's clock.
    const savedAt = after(1);
    await db.request.update({ where: { id: draft.id }, data: { answers: { demande: "Seulement le canapé" }, reminderSentAt: null, updatedAt: savedAt } });

    expect(await unsafeRemindAndRemoveDrafts(after(7))).toEqual({ reminded: 0, removed: 0 });
    expect(await unsafeRemindAndRemoveDrafts(after(60))).toEqual({ reminded: 0, removed: 0 });
    expect(await row(draft.id)).toMatchObject({ answers: { demande: "Seulement le canapé" }, reminderSentAt: null });

    // 84 days after that save: a new reminder (a new version of the draft, a new message), then removal.
    expect(await unsafeRemindAndRemoveDrafts(after(84, savedAt))).toEqual({ reminded: 1, removed: 0 });
    expect(await reminders()).toHaveLength(2);
    expect(await unsafeRemindAndRemoveDrafts(after(91, savedAt))).toEqual({ reminded: 0, removed: 1 });
  });

  it("never touches a request that was sent", async () => {
    const { request } = await setup();
    const sent = await request(200, { status: "DEPOSEE" });
    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 0, removed: 0 });
    expect(await unsafeRemindAndRemoveDrafts(after(30))).toEqual({ reminded: 0, removed: 0 });
    expect(await reminders()).toEqual([]);
    expect(await row(sent.id)).toMatchObject({ status: "DEPOSEE", reminderSentAt: null, updatedAt: after(-200) });
  });

  it("handles each commune's drafts on their own, each reminder from its commune", async () => {
    const sete = await setup("Sète");
    const beaucouze = await setup("Beaucouzé");
    const old = await sete.request(84);
    const recent = await beaucouze.request(40);

    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 1, removed: 0 });
    const [message] = await reminders();
    expect(message).toMatchObject({ tenantId: sete.tenant.id, accountId: sete.account.id, senderName: sete.tenant.officialName, recipient: sete.account.email });
    expect(message!.text).toContain(`://${sete.tenant.canonicalHost}/accueil`);
    expect(message!.text).not.toContain(beaucouze.tenant.canonicalHost);

    expect(await unsafeRemindAndRemoveDrafts(after(7))).toEqual({ reminded: 0, removed: 1 });
    expect(await row(old.id)).toBeNull();
    expect(await row(recent.id)).toMatchObject({ reminderSentAt: null, updatedAt: after(-40) });
  });

  it("sends nothing when the owner cannot be reached, and still removes the draft on time", async () => {
    const { account, request } = await setup();
    await db.account.update({ where: { id: account.id }, data: { emailConfirmedAt: null, mobileConfirmedAt: null } });
    const draft = await request(84);
    const orphan = await request(84, { accountId: null });

    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 0, removed: 0 });
    expect(await reminders()).toEqual([]);
    expect(await row(draft.id)).toMatchObject({ reminderSentAt: NOW });
    expect(await unsafeRemindAndRemoveDrafts(after(6))).toEqual({ reminded: 0, removed: 0 });
    expect(await unsafeRemindAndRemoveDrafts(after(7))).toEqual({ reminded: 0, removed: 2 });
    expect(await row(draft.id)).toBeNull();
    expect(await row(orphan.id)).toBeNull();
  });

  it("reminds by SMS a citizen who chose it", async () => {
    const { tenant, account, request } = await setup();
    await db.account.update({ where: { id: account.id }, data: { channel: "SMS" } });
    await request(84);
    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 1, removed: 0 });
    const [sms] = await reminders();
    expect(sms).toMatchObject({ channel: "SMS", recipient: "0612345678", html: null });
    expect(sms!.text).toContain(`${tenant.name} - Compte Citoyen : votre brouillon « Enlèvement des encombrants » sera supprimé le 8 mars 2030`);
  });

  it("works in bounded batches", async () => {
    const { tenant, procedure, account } = await setup();
    const { id: versionId } = await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } });
    await db.request.createMany({
      data: Array.from({ length: 205 }, () => ({ tenantId: tenant.id, procedureId: procedure.id, versionId, accountId: account.id, updatedAt: after(-84) })),
    });
    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 200, removed: 0 });
    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 5, removed: 0 });
    expect(await unsafeRemindAndRemoveDrafts(after(7))).toEqual({ reminded: 0, removed: 200 });
    expect(await unsafeRemindAndRemoveDrafts(after(7))).toEqual({ reminded: 0, removed: 5 });
    expect(await db.request.count()).toBe(0);
  }, 30_000); // hundreds of rows: slow on a loaded machine, not a hang
});
