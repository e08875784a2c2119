import { db } from "@/lib/db";
import { clearTenantCache, listTenants, resolveHost } from "@/lib/tenancy/resolve";
import { createTenant } from "@/tests/factories";

describe("resolveHost", () => {
  it("maps each host to its own commune, and marks the aliases", async () => {
    const sete = await createTenant({ name: "Sète", hosts: ["sete.test", "www.sete.test"] });
    const bcz = await createTenant({ name: "Beaucouzé", hosts: ["beaucouze.test"] });

    const canonical = await resolveHost("sete.test");
    expect(canonical).toMatchObject({ kind: "tenant", canonical: true, tenant: { id: sete.id, name: "Sète" } });

    const alias = await resolveHost("www.sete.test");
    expect(alias).toMatchObject({ kind: "tenant", canonical: false, tenant: { id: sete.id, canonicalHost: "sete.test" } });

    expect(await resolveHost("beaucouze.test")).toMatchObject({ kind: "tenant", tenant: { id: bcz.id } });
  });

  it("knows no commune on an unknown host and lists them on the platform host", async () => {
    await createTenant({ hosts: ["sete.test"] });
    expect(await resolveHost("inconnue.test")).toEqual({ kind: "unknown" });
    expect(await resolveHost("localhost")).toEqual({ kind: "platform" });
  });

  it("serves from memory within the TTL, then reads the database again", async () => {
    const t = await createTenant({ name: "Avant", hosts: ["cache.test"] });
    expect(await resolveHost("cache.test")).toMatchObject({ tenant: { name: "Avant" } });
    await db.tenant.update({ where: { id: t.id }, data: { name: "Après" } });

    expect(await resolveHost("cache.test")).toMatchObject({ tenant: { name: "Avant" } });

    const now = Date.now();
    const clock = jest.spyOn(Date, "now").mockReturnValue(now + 31_000);
    try {
      expect(await resolveHost("cache.test")).toMatchObject({ tenant: { name: "Après" } });
    } finally {
      clock.mockRestore();
    }
  });

  it("forgets everything when asked, after a commune changes its hosts", async () => {
    const t = await createTenant({ hosts: ["ancien.test"] });
    expect(await resolveHost("nouveau.test")).toEqual({ kind: "unknown" });
    await db.tenantHost.create({ data: { hostname: "nouveau.test", tenantId: t.id } });
    expect(await resolveHost("nouveau.test")).toEqual({ kind: "unknown" }); // cached miss
    clearTenantCache();
    expect(await resolveHost("nouveau.test")).toMatchObject({ kind: "tenant", tenant: { id: t.id } });
  });

  it("never puts a stored colour that is not a plain hex colour into a page", async () => {
    await createTenant({ hosts: ["couleur.test"], primaryColor: "red;background:url(x)" });
    expect(await resolveHost("couleur.test")).toMatchObject({ tenant: { primaryColor: "#1d4ed8" } });
  });
});

describe("listTenants", () => {
  it("lists each commune once with its canonical host", async () => {
    await createTenant({ name: "Beaucouzé", hosts: ["beaucouze.test", "www.beaucouze.test"] });
    await createTenant({ name: "Sète", hosts: ["sete.test"] });
    expect(await listTenants()).toEqual([
      expect.objectContaining({ name: "Beaucouzé", canonicalHost: "beaucouze.test" }),
      expect.objectContaining({ name: "Sète", canonicalHost: "sete.test" }),
    ]);
  });
});
