import { sendMobileCode } from "@/lib/accounts/mobile-confirmation";
import { updateContact } from "@/lib/accounts/profile";
import { decideAccount } from "@/lib/accounts/validation";
import type { StaffActor } from "@/lib/agents/scope";
import { communePreferences, updatePreferences } from "@/lib/commune/preferences";
import { db } from "@/lib/db";
import { unsafeRemindAndRemoveDrafts } from "@/lib/requests/retention";
import { resolveHost, type Tenant } from "@/lib/tenancy/resolve";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// « Réglages du portail »: each commune's draft lifetime, invoice window, SMS and sender name,
// changed by its admins and effective at once (messages, notices, the worker's draft retention).

const adminOf = (tenant: { id: string }): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] });
const agentOf = (tenant: { id: string }): StaffActor => ({ ...adminOf(tenant), role: "AGENT" });
const form = { draftLifetimeDays: "30", invoiceWindowMonths: "12", smsEnabled: false, senderName: "  Service Enfance de Beaucouzé " };
const stored = async (tenantId: string) => (await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } })).settings;

/** The commune as pages and messages see it, after the change (the cache is emptied by the change). */
async function seen(host: string): Promise<Tenant> {
  const resolution = await resolveHost(host);
  if (resolution.kind !== "tenant") throw new Error("not a commune");
  return resolution.tenant;
}

describe("updatePreferences", () => {
  it("starts from the defaults, saves the four settings keeping the others, shows them at once and audits what changed", async () => {
    const tenant = await createFullTenant({ hosts: ["reglages.localhost"], settings: { timezone: "America/Cayenne" } });
    expect(tenant.settings).toMatchObject({ smsEnabled: true, invoiceWindowMonths: 3, senderName: "" });
    expect(await communePreferences(adminOf(tenant))).toEqual({ draftLifetimeDays: 90, invoiceWindowMonths: 3, smsEnabled: true, senderName: "", officialName: tenant.officialName });

    expect(await updatePreferences(adminOf(tenant), tenant, form, "192.0.2.7")).toEqual({ ok: true, message: "Réglages enregistrés : ils s'appliquent dès maintenant." });
    expect(await stored(tenant.id)).toEqual({ timezone: "America/Cayenne", draftLifetimeDays: 30, invoiceWindowMonths: 12, smsEnabled: false, senderName: "Service Enfance de Beaucouzé" });
    expect((await seen("reglages.localhost")).settings).toEqual({ timezone: "America/Cayenne", draftLifetimeDays: 30, invoiceWindowMonths: 12, smsEnabled: false, senderName: "Service Enfance de Beaucouzé" });
    expect(await communePreferences(adminOf(tenant))).toMatchObject({ draftLifetimeDays: 30, invoiceWindowMonths: 12, smsEnabled: false, senderName: "Service Enfance de Beaucouzé" });
    expect(await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id }, select: { action: true, ip: true, details: true } })).toEqual({
      action: "commune.reglages", ip: "192.0.2.7",
      details: { modifies: { draftLifetimeDays: 30, invoiceWindowMonths: 12, smsEnabled: false, senderName: "Service Enfance de Beaucouzé" } },
    });
  });

  it("refuses values out of range, not numbers or a sender name that would break an email header, in French, and changes nothing", async () => {
    const tenant = await createFullTenant();
    const result = await updatePreferences(adminOf(tenant), tenant, { draftLifetimeDays: "3", invoiceWindowMonths: "douze", smsEnabled: true, senderName: "Mairie <pirate@exemple.fr>" });
    expect(result).toEqual({
      ok: false, message: "Certaines informations sont à corriger.",
      fieldErrors: {
        draftLifetimeDays: "Un brouillon se garde de 7 à 365 jours.",
        invoiceWindowMonths: "Indiquez un nombre entier de mois, sans lettre ni virgule.",
        senderName: expect.stringContaining("Sans chevrons"),
      },
    });
    expect(await updatePreferences(adminOf(tenant), tenant, { ...form, draftLifetimeDays: "", invoiceWindowMonths: "25", senderName: "x".repeat(61) })).toMatchObject({
      ok: false, fieldErrors: { draftLifetimeDays: "Indiquez la durée de conservation des brouillons.", invoiceWindowMonths: "Les factures consultables couvrent de 1 à 24 mois.", senderName: "60 caractères au plus." },
    });
    expect(await stored(tenant.id)).toEqual({});
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("is refused to an agent who is not an admin, and not found for another commune's admin; nothing changes", async () => {
    const tenant = await createFullTenant();
    const other = await createFullTenant();
    expect(await updatePreferences(agentOf(tenant), tenant, form)).toEqual({ ok: false, message: "Commune introuvable." });
    expect(await communePreferences(agentOf(tenant))).toBeNull();
    expect(await updatePreferences(adminOf(other), tenant, form)).toEqual({ ok: false, message: "Commune introuvable." });
    expect(await stored(tenant.id)).toEqual({});
    expect(await stored(other.id)).toEqual({});
    expect(await db.auditEvent.count()).toBe(0);
  });
});

describe("the settings take effect", () => {
  it("without SMS, a notice to a citizen who chose SMS goes by email under the sender name; no SMS is queued nor offered", async () => {
    const tenant = await createFullTenant({ hosts: ["sans-sms.localhost"] });
    const admin = adminOf(tenant);
    await updatePreferences(admin, tenant, form);
    const commune = await seen("sans-sms.localhost");
    const account = await createAccountRow(tenant, { status: "EN_ATTENTE", channel: "SMS" });

    expect(await decideAccount(admin, commune, account.id, { status: "VALIDE" })).toMatchObject({ ok: true });
    const messages = await db.message.findMany({ where: { tenantId: tenant.id }, select: { channel: true, recipient: true, senderName: true, template: true } });
    expect(messages).toEqual([{ channel: "EMAIL", recipient: account.email, senderName: "Service Enfance de Beaucouzé", template: "compteValide" }]);

    // A code to confirm a mobile is not sent either, and SMS cannot be chosen in the account.
    expect(await db.$transaction((tx) => sendMobileCode(tx, commune, account.id, "0698765432"))).toEqual({ ok: false, message: "Votre mairie n'envoie pas de SMS : ses messages vous parviennent par courriel." });
    const citizen = { kind: "citizen" as const, id: account.id, tenantId: tenant.id, identifiant: account.identifiant, status: "VALIDE" as const, firstNames: "Camille", lastName: "Martin", emailConfirmed: true };
    const contact = { addressLine1: "3 rue des Lilas", postalCode: "49070", city: "Beaucouzé", email: account.email, phone: "", mobile: "0698765432", channel: "SMS" };
    expect(await updateContact(citizen, commune, contact)).toMatchObject({ ok: false, fieldErrors: { channel: expect.stringContaining("n'envoie pas de SMS") } });
    expect(await updateContact(citizen, commune, { ...contact, channel: "EMAIL" })).toMatchObject({ ok: true });
    expect(await db.message.count({ where: { tenantId: tenant.id, channel: "SMS" } })).toBe(0);
  });

  it("with SMS (the default) and no sender name, the same notice goes by SMS under the official name", async () => {
    const tenant = await createFullTenant();
    const account = await createAccountRow(tenant, { status: "EN_ATTENTE", channel: "SMS" });
    expect(await decideAccount(adminOf(tenant), tenant, account.id, { status: "VALIDE" })).toMatchObject({ ok: true });
    expect(await db.message.findMany({ where: { tenantId: tenant.id }, select: { channel: true, recipient: true, senderName: true } }))
      .toEqual([{ channel: "SMS", recipient: "0612345678", senderName: tenant.officialName }]);
  });

  it("the worker keeps each commune's drafts for its own lifetime, the reminder going 7 days before (half of a short lifetime)", async () => {
    const NOW = new Date("2030-03-01T10:00:00Z");
    const DAY = 86_400_000;
    const at = (days: number) => new Date(NOW.getTime() + days * DAY);
    /** A commune with a draft last saved `daysAgo` before NOW, its lifetime set by its admin (or not). */
    const communeWithDraft = async (daysAgo: number, lifetime?: string) => {
      const tenant = await createFullTenant();
      if (lifetime) expect(await updatePreferences(adminOf(tenant), tenant, { ...form, smsEnabled: true, draftLifetimeDays: lifetime })).toMatchObject({ ok: true });
      const procedure = await createProcedure(tenant, await createTheme(tenant));
      const { id: versionId } = await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } });
      const account = await createAccountRow(tenant);
      return db.request.create({ data: { tenantId: tenant.id, procedureId: procedure.id, versionId, accountId: account.id, answers: {}, updatedAt: at(-daysAgo) }, select: { id: true, tenantId: true } });
    };
    const short = await communeWithDraft(24, "30"); // 30 days: reminded from day 23
    const brief = await communeWithDraft(5, "7"); // 7 days: reminded from day 4 (3 days' notice)
    const usual = await communeWithDraft(24); // 90 days, the deployment's default: not yet
    const exists = async (id: string) => (await db.request.count({ where: { id } })) === 1;

    expect(await unsafeRemindAndRemoveDrafts(NOW)).toEqual({ reminded: 2, removed: 0 });
    const reminders = await db.message.findMany({ where: { template: "brouillonBientotSupprime" }, select: { tenantId: true, text: true } });
    expect(reminders.map((m) => m.tenantId).sort()).toEqual([short.tenantId, brief.tenantId].sort());
    expect(reminders.find((m) => m.tenantId === short.tenantId)!.text).toContain("sera supprimé le 8 mars 2030");
    expect(reminders.find((m) => m.tenantId === brief.tenantId)!.text).toContain("sera supprimé le 4 mars 2030");

    expect(await unsafeRemindAndRemoveDrafts(at(3))).toEqual({ reminded: 0, removed: 1 });
    expect(await exists(brief.id)).toBe(false);
    expect(await unsafeRemindAndRemoveDrafts(at(7))).toEqual({ reminded: 0, removed: 1 });
    expect(await exists(short.id)).toBe(false);
    expect(await exists(usual.id)).toBe(true);
    expect(await db.request.findUniqueOrThrow({ where: { id: usual.id }, select: { reminderSentAt: true } })).toEqual({ reminderSentAt: null });
  });
});
