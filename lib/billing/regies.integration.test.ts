import type { StaffActor } from "@/lib/agents/scope";
import { createRegie, listRegies, moveRegie, NOT_FOUND, updateRegie } from "@/lib/billing/regies";
import { db } from "@/lib/db";
import { createFullTenant } from "@/tests/factories";

// A commune's régies, set up by its admins: created, renamed, ordered, and paid by the simulation or
// by Stripe on the régie's connected account (its public acct_ id only).

const adminOf = (tenant: { id: string }): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] });
const agentOf = (tenant: { id: string }): StaffActor => ({ ...adminOf(tenant), role: "AGENT" });
const ACCOUNT = "acct_1Nv0FGQ9RKHgCVdK";

const rows = (tenantId: string) => db.regie.findMany({ where: { tenantId }, orderBy: { position: "asc" }, select: { name: true, description: true, provider: true, stripeAccountId: true, position: true } });
const audits = (tenantId: string) => db.auditEvent.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" }, select: { action: true, targetType: true, targetId: true, ip: true, details: true } });

async function withRegies() {
  const tenant = await createFullTenant();
  const admin = adminOf(tenant);
  const ville = await createRegie(admin, tenant, { name: "Régie Ville", description: "Scolaire, périscolaire, petite enfance" });
  const ccas = await createRegie(admin, tenant, { name: "Régie CCAS", description: "" });
  if (!ville.ok || !ccas.ok) throw new Error("setup");
  return { tenant, admin, ville: ville.data.id, ccas: ccas.data.id };
}

describe("createRegie", () => {
  it("adds régies at the end, paid by the simulation by default, each creation audited", async () => {
    const tenant = await createFullTenant();
    const admin = adminOf(tenant);
    expect(await createRegie(admin, tenant, { name: "  Régie Ville ", description: "Scolaire, périscolaire, petite enfance" }, "192.0.2.4")).toMatchObject({ ok: true, message: "Régie « Régie Ville » ajoutée." });
    expect(await createRegie(admin, tenant, { name: "Régie Transports", provider: "STRIPE", stripeAccountId: ` ${ACCOUNT} ` })).toMatchObject({ ok: true });
    expect(await rows(tenant.id)).toEqual([
      { name: "Régie Ville", description: "Scolaire, périscolaire, petite enfance", provider: "SIMULATION", stripeAccountId: null, position: 1 },
      { name: "Régie Transports", description: "", provider: "STRIPE", stripeAccountId: ACCOUNT, position: 2 },
    ]);
    expect(await listRegies(admin)).toMatchObject([{ name: "Régie Ville" }, { name: "Régie Transports" }]);
    const events = await audits(tenant.id);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ action: "regie.creer", targetType: "Régie", ip: "192.0.2.4", details: { nom: "Régie Ville", paiement: "SIMULATION", compte: null } });
    expect(events[1]).toMatchObject({ action: "regie.creer", details: { paiement: "STRIPE", compte: ACCOUNT } });
  });

  it("refuses Stripe without a valid account id, a secret key and an empty name, in French, and adds nothing", async () => {
    const tenant = await createFullTenant();
    const admin = adminOf(tenant);
    expect(await createRegie(admin, tenant, { name: "Régie Ville", provider: "STRIPE", stripeAccountId: "" }))
      .toMatchObject({ ok: false, fieldErrors: { stripeAccountId: expect.stringContaining("Indiquez l'identifiant du compte Stripe") } });
    expect(await createRegie(admin, tenant, { name: "Régie Ville", provider: "STRIPE", stripeAccountId: "acct_12" }))
      .toMatchObject({ ok: false, fieldErrors: { stripeAccountId: expect.stringContaining("Identifiant de compte Stripe invalide") } });
    expect(await createRegie(admin, tenant, { name: "Régie Ville", provider: "STRIPE", stripeAccountId: "acct_1Nv0FGQ9-RKHg" }))
      .toMatchObject({ ok: false, fieldErrors: { stripeAccountId: expect.stringContaining("invalide") } });
    expect(await createRegie(admin, tenant, { name: "Régie Ville", provider: "STRIPE", stripeAccountId: "sk_live_51Hxxxxxxxxxxxxxxxx" }))
      .toMatchObject({ ok: false, fieldErrors: { stripeAccountId: expect.stringContaining("clé secrète") } });
    expect(await createRegie(admin, tenant, { name: "  ", provider: "PAYFIP" }))
      .toMatchObject({ ok: false, fieldErrors: { name: expect.stringContaining("Indiquez le nom"), provider: "Choisissez le mode de paiement de la régie." } });
    expect(await rows(tenant.id)).toEqual([]);
    expect(await audits(tenant.id)).toEqual([]);
  });

  it("refuses a name the commune already uses, whatever its capitals, with a French message; another commune may use it", async () => {
    const { tenant, admin } = await withRegies();
    expect(await createRegie(admin, tenant, { name: "régie ville" })).toEqual({ ok: false, message: "Une régie de la commune porte déjà ce nom.", fieldErrors: { name: "Une régie de la commune porte déjà ce nom." } });
    expect(await rows(tenant.id)).toHaveLength(2);
    const other = await createFullTenant();
    expect(await createRegie(adminOf(other), other, { name: "Régie Ville" })).toMatchObject({ ok: true });
  });

  it("is refused to an agent who is not an admin, and to another commune's admin", async () => {
    const tenant = await createFullTenant();
    const other = await createFullTenant();
    expect(await createRegie(agentOf(tenant), tenant, { name: "Régie Ville" })).toEqual({ ok: false, message: NOT_FOUND });
    expect(await createRegie(adminOf(other), tenant, { name: "Régie Ville" })).toEqual({ ok: false, message: NOT_FOUND });
    expect(await rows(tenant.id)).toEqual([]);
    expect(await rows(other.id)).toEqual([]);
  });
});

describe("updateRegie", () => {
  it("renames and describes a régie; a change of payment is audited as such, with the account now used", async () => {
    const { tenant, admin, ville } = await withRegies();
    expect(await updateRegie(admin, tenant, ville, { name: "Régie Ville", description: "Cantine, garderie, crèche" })).toMatchObject({ ok: true, message: "Régie « Régie Ville » enregistrée." });
    expect(await updateRegie(admin, tenant, ville, { name: "Régie Ville", description: "Cantine, garderie, crèche", provider: "STRIPE", stripeAccountId: ACCOUNT }, "192.0.2.9"))
      .toMatchObject({ ok: true, message: expect.stringContaining("nouveau mode de paiement") });
    expect((await rows(tenant.id))[0]).toEqual({ name: "Régie Ville", description: "Cantine, garderie, crèche", provider: "STRIPE", stripeAccountId: ACCOUNT, position: 1 });
    const events = (await audits(tenant.id)).slice(2);
    expect(events).toEqual([
      { action: "regie.modifier", targetType: "Régie", targetId: ville, ip: null, details: { nom: "Régie Ville", champs: ["description"] } },
      { action: "regie.paiement", targetType: "Régie", targetId: ville, ip: "192.0.2.9", details: { nom: "Régie Ville", champs: ["provider", "stripeAccountId"], paiement: "STRIPE", compte: ACCOUNT } },
    ]);
    // Back to the simulation: no account kept.
    expect(await updateRegie(admin, tenant, ville, { name: "Régie Ville", provider: "SIMULATION", stripeAccountId: ACCOUNT })).toMatchObject({ ok: true });
    expect((await rows(tenant.id))[0]).toMatchObject({ provider: "SIMULATION", stripeAccountId: null });
  });

  it("refuses a bad account id or another régie's name, and changes nothing", async () => {
    const { tenant, admin, ville } = await withRegies();
    const before = await rows(tenant.id);
    expect(await updateRegie(admin, tenant, ville, { name: "Régie Ville", provider: "STRIPE", stripeAccountId: "acct_" })).toMatchObject({ ok: false, fieldErrors: { stripeAccountId: expect.any(String) } });
    expect(await updateRegie(admin, tenant, ville, { name: "RÉGIE CCAS", provider: "SIMULATION" })).toMatchObject({ ok: false, fieldErrors: { name: "Une régie de la commune porte déjà ce nom." } });
    expect(await rows(tenant.id)).toEqual(before);
    expect(await audits(tenant.id)).toHaveLength(2);
  });

  it("is not found for another commune's admin (whatever the form says) and refused to an agent; nothing changes", async () => {
    const { tenant, ville } = await withRegies();
    const other = await createFullTenant();
    const before = await rows(tenant.id);
    const input = { name: "Détournée", provider: "STRIPE", stripeAccountId: "acct_PIRATE123", tenantId: other.id };
    expect(await updateRegie(adminOf(other), other, ville, input)).toEqual({ ok: false, message: NOT_FOUND });
    expect(await updateRegie(adminOf(other), tenant, ville, input)).toEqual({ ok: false, message: NOT_FOUND });
    expect(await updateRegie(agentOf(tenant), tenant, ville, input)).toEqual({ ok: false, message: NOT_FOUND });
    expect(await updateRegie(adminOf(tenant), tenant, "pas-un-identifiant", input)).toEqual({ ok: false, message: NOT_FOUND });
    expect(await rows(tenant.id)).toEqual(before);
    expect(await rows(other.id)).toEqual([]);
  });
});

describe("moveRegie", () => {
  it("moves a régie up and down, audited; at the end of the list it stays", async () => {
    const { tenant, admin, ccas } = await withRegies();
    const more = await createRegie(admin, tenant, { name: "Régie Transports" });
    expect(await moveRegie(admin, tenant, ccas, "haut")).toMatchObject({ ok: true, message: "Ordre enregistré." });
    expect((await rows(tenant.id)).map((r) => [r.name, r.position])).toEqual([["Régie CCAS", 1], ["Régie Ville", 2], ["Régie Transports", 3]]);
    expect(await moveRegie(admin, tenant, ccas, "haut")).toMatchObject({ ok: true, message: "Déjà à cette place." });
    expect(await moveRegie(admin, tenant, ccas, "bas")).toMatchObject({ ok: true });
    expect((await listRegies(admin)).map((r) => r.name)).toEqual(["Régie Ville", "Régie CCAS", "Régie Transports"]);
    expect(more.ok).toBe(true);
    expect((await audits(tenant.id)).filter((e) => e.action === "regie.deplacer").map((e) => e.details)).toEqual([{ vers: "haut" }, { vers: "bas" }]);
  });

  it("is not found for another commune's admin and refused to an agent; the order stays", async () => {
    const { tenant, ccas } = await withRegies();
    const other = await createFullTenant();
    expect(await moveRegie(adminOf(other), other, ccas, "haut")).toEqual({ ok: false, message: NOT_FOUND });
    expect(await moveRegie(adminOf(other), tenant, ccas, "haut")).toEqual({ ok: false, message: NOT_FOUND });
    expect(await moveRegie(agentOf(tenant), tenant, ccas, "haut")).toEqual({ ok: false, message: NOT_FOUND });
    expect((await rows(tenant.id)).map((r) => r.name)).toEqual(["Régie Ville", "Régie CCAS"]);
    expect((await audits(tenant.id)).filter((e) => e.action === "regie.deplacer")).toEqual([]);
  });

  it("lists only the actor's commune's régies", async () => {
    const { tenant } = await withRegies();
    const other = await createFullTenant();
    await createRegie(adminOf(other), other, { name: "Régie Piscine" });
    expect((await listRegies(adminOf(other))).map((r) => r.name)).toEqual(["Régie Piscine"]);
    expect(await listRegies(adminOf(tenant))).toHaveLength(2);
  });
});
