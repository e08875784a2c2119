import type { StaffActor } from "@/lib/agents/scope";
import { addHost, listHosts, makeCanonical, removeHost } from "@/lib/commune/hosts";
import { db } from "@/lib/db";
import { resolveHost } from "@/lib/tenancy/resolve";
import { createFullTenant } from "@/tests/factories";

// A commune's addresses, managed by its admins; a hostname belongs to one commune only.

const adminOf = (tenant: { id: string }): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] });

describe("a commune's addresses", () => {
  it("adds an address that works at once, makes it canonical, and removes the old one", async () => {
    const tenant = await createFullTenant({ hosts: ["ancienne.localhost"] });
    const admin = adminOf(tenant);
    expect((await resolveHost("nouvelle.localhost")).kind).toBe("unknown"); // cached as unknown
    expect(await addHost(admin, tenant, { hostname: "  https://Nouvelle.localhost/accueil " })).toMatchObject({ ok: true });
    expect(await resolveHost("nouvelle.localhost")).toMatchObject({ kind: "tenant", canonical: false });
    expect(await makeCanonical(admin, tenant, "nouvelle.localhost")).toMatchObject({ ok: true });
    expect(await resolveHost("nouvelle.localhost")).toMatchObject({ kind: "tenant", canonical: true });
    expect(await removeHost(admin, tenant, "nouvelle.localhost", null)).toMatchObject({ ok: false, message: expect.stringContaining("principale") });
    expect(await removeHost(admin, tenant, "ancienne.localhost", "ancienne.localhost")).toMatchObject({ ok: false, message: expect.stringContaining("en ce moment") });
    expect(await removeHost(admin, tenant, "ancienne.localhost", "nouvelle.localhost")).toMatchObject({ ok: true });
    expect(await listHosts(admin)).toEqual([{ hostname: "nouvelle.localhost", canonical: true }]);
    expect((await resolveHost("ancienne.localhost")).kind).toBe("unknown");
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: { startsWith: "commune.adresse" } } })).toBe(3);
  });

  it("refuses an address of another commune, a malformed one, and another commune's admin", async () => {
    const tenant = await createFullTenant({ hosts: ["ici.localhost"] });
    const other = await createFullTenant({ hosts: ["la-bas.localhost"] });
    const admin = adminOf(tenant);
    expect(await addHost(admin, tenant, { hostname: "la-bas.localhost" })).toMatchObject({ ok: false, fieldErrors: { hostname: "Cette adresse est déjà utilisée par une autre commune." } });
    for (const bad of ["pas une adresse", "localhost", "-x.fr", "a..fr", "x".repeat(300) + ".fr"]) {
      expect(await addHost(admin, tenant, { hostname: bad })).toMatchObject({ ok: false, fieldErrors: { hostname: expect.any(String) } });
    }
    expect(await makeCanonical(admin, tenant, "la-bas.localhost")).toMatchObject({ ok: false });
    expect(await removeHost(admin, tenant, "la-bas.localhost", null)).toMatchObject({ ok: false });
    expect(await addHost(adminOf(other), tenant, { hostname: "vol.localhost" })).toMatchObject({ ok: false });
    expect(await db.tenantHost.findMany({ where: { tenantId: other.id }, select: { hostname: true, canonical: true } })).toEqual([{ hostname: "la-bas.localhost", canonical: true }]);
  });
});
