import type { StaffActor } from "@/lib/agents/scope";
import { communeSettings, updateIdentity, updateTexts } from "@/lib/commune/settings";
import { db } from "@/lib/db";
import { resolveHost } from "@/lib/tenancy/resolve";
import { createFullTenant } from "@/tests/factories";

// A commune's identity, branding and texts, changed by its admins and shown by the portal at once.

const identity = {
  name: "Beaucouzé", officialName: "Mairie de Beaucouzé", contactEmail: "Accueil@Beaucouze.fr", contactPhone: "02 41 00 00 00",
  contactAddress: "Place Charles de Gaulle\n49070 Beaucouzé", openingHours: "Du lundi au vendredi, 8 h 30 – 17 h", welcomeText: "Bienvenue.",
  primaryColor: "#1F6B3A", accentColor: "#134726",
};
const adminOf = (tenant: { id: string }): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] });

describe("updateIdentity", () => {
  it("saves identity and colours; the portal shows them at once; the change is audited", async () => {
    const tenant = await createFullTenant({ hosts: ["parametres.localhost"] });
    expect((await resolveHost("parametres.localhost")).kind).toBe("tenant"); // now cached
    const admin = adminOf(tenant);
    expect(await updateIdentity(admin, tenant, identity, "192.0.2.8")).toMatchObject({ ok: true });
    const seen = await resolveHost("parametres.localhost");
    expect(seen.kind === "tenant" && seen.tenant).toMatchObject({ name: "Beaucouzé", primaryColor: "#1f6b3a", contactEmail: "accueil@beaucouze.fr", openingHours: identity.openingHours });
    expect(await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id }, select: { action: true, ip: true, details: true } }))
      .toMatchObject({ action: "commune.identite", ip: "192.0.2.8", details: { champs: expect.arrayContaining(["name", "primaryColor"]) } });
  });

  it("refuses colours white text cannot be read on, explaining why, and changes nothing", async () => {
    const tenant = await createFullTenant();
    const before = await communeSettings(adminOf(tenant));
    const result = await updateIdentity(adminOf(tenant), tenant, { ...identity, primaryColor: "#ffd700", accentColor: "rouge" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { primaryColor: expect.stringMatching(/trop claire.*4,5:1/), accentColor: expect.stringMatching(/#rrvvbb/) } });
    expect(await updateIdentity(adminOf(tenant), tenant, { ...identity, name: "  ", contactEmail: "pas-une-adresse" })).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String), contactEmail: expect.any(String) } });
    expect(await communeSettings(adminOf(tenant))).toEqual(before);
  });

  it("changes only the actor's commune, whatever the form posts", async () => {
    const tenant = await createFullTenant();
    const other = await createFullTenant();
    expect(await updateIdentity(adminOf(other), tenant, identity)).toEqual({ ok: false, message: "Commune introuvable." });
    await updateIdentity(adminOf(tenant), tenant, { ...identity, id: other.id, tenantId: other.id, slug: "pirate", code: "ZZZ" });
    expect(await db.tenant.findUniqueOrThrow({ where: { id: other.id }, select: { name: true } })).toEqual({ name: other.name });
    expect(await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { slug: true, code: true } })).toEqual({ slug: tenant.slug, code: tenant.code });
  });
});

describe("updateTexts", () => {
  it("saves the four legal texts, each required", async () => {
    const tenant = await createFullTenant();
    const texts = { legalNotice: "## Éditeur\n\nLa mairie.", privacyPolicy: "## Données\n\nAucune revente.", accessibilityText: "Partiellement conforme.", termsOfUse: "## Objet\n\nLes démarches." };
    expect(await updateTexts(adminOf(tenant), tenant, { ...texts, privacyPolicy: " " })).toMatchObject({ ok: false, fieldErrors: { privacyPolicy: expect.any(String) } });
    expect(await updateTexts(adminOf(tenant), tenant, texts)).toMatchObject({ ok: true });
    expect(await communeSettings(adminOf(tenant))).toMatchObject(texts);
  });
});
