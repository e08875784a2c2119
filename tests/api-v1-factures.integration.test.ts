import { onRequest } from "@/tests/next-headers";
import { POST } from "@/app/api/v1/factures/route";
import type { StaffActor } from "@/lib/agents/scope";
import { createApiKey, revokeApiKey } from "@/lib/billing/api-keys";
import { db } from "@/lib/db";
import { createAccountRow, createFullTenant, createRegieRow } from "@/tests/factories";

// The billing software's API as it is called: the commune from the Host header, the key from
// Authorization, a JSON body. Next's request headers are the one thing stood in for.
jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);

async function commune(host: string) {
  const tenant = await createFullTenant({ hosts: [host] });
  await createRegieRow(tenant, { name: "Régie Ville" });
  await createAccountRow(tenant, { identifiant: "lucie.bernard", status: "VALIDE" });
  const admin: StaffActor = { kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] };
  const created = await createApiKey(admin, tenant, { name: "Facturation" });
  if (!created.ok) throw new Error(created.message);
  return { tenant, admin, host, key: created.data.key };
}

function call(host: string, body: string | object, key?: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://${host}/api/v1/factures`, {
    method: "POST",
    headers: { host, "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  onRequest(request.headers);
  return POST(request);
}

const facture = (numero: string, extra: object = {}) => ({
  regie: "Régie Ville", identifiant: "lucie.bernard", numero, domaine: "périscolaire", libelle: "Accueil du soir", periode: "Octobre 2026",
  montant: "48,60", date_emission: "2026-10-03", date_echeance: "2026-10-31", ...extra,
});

describe("POST /api/v1/factures", () => {
  it("creates the invoices with a valid key, reports refused lines by position, is idempotent, and records the key's use", async () => {
    const c = await commune("api-a.localhost");
    const response = await call(c.host, { factures: [facture("API-1"), facture("API-2", { montant: "abc" }), facture("API-3", { lignes: [{ libelle: "Soir", quantite: 6, prix_unitaire: 8.1, montant: 48.6 }] })] }, c.key);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      message: "2 factures importées, 1 ligne refusée.", created: 2, skipped: 0, skippedLines: [],
      rejected: [{ line: 2, numero: "API-2", reasons: ["Montant invalide : « abc » (un nombre d'euros avec au plus deux décimales, par exemple 48,60)."] }],
    });
    expect(await db.invoice.findMany({ where: { tenantId: c.tenant.id }, orderBy: { number: "asc" }, select: { number: true, amountCents: true, lines: true } })).toEqual([
      { number: "API-1", amountCents: 4860, lines: [] },
      { number: "API-3", amountCents: 4860, lines: [{ label: "Soir", quantity: 6, unitCents: 810, totalCents: 4860 }] },
    ]);
    expect((await db.apiKey.findFirstOrThrow({ where: { tenantId: c.tenant.id } })).lastUsedAt).not.toBeNull();

    const again = await call(c.host, { factures: [facture("API-1")] }, c.key);
    expect(await again.json()).toMatchObject({ created: 0, skipped: 1, skippedLines: [{ line: 1, numero: "API-1" }] });
    expect(await db.invoice.count({ where: { tenantId: c.tenant.id } })).toBe(2);
  });

  it("answers 401 without a key, with a revoked key, or with another commune's key on this host, and creates nothing", async () => {
    const a = await commune("api-b.localhost");
    const b = await commune("api-c.localhost");
    const body = { factures: [facture("X-1")] };
    for (const response of [await call(a.host, body), await call(a.host, body, b.key), await call(a.host, body, `${a.key.slice(0, -1)}_`), await call(a.host, body, "cc_court")]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect((await response.json()).error).toContain("Clé d'accès absente, inconnue ou révoquée");
    }
    const keyId = (await db.apiKey.findFirstOrThrow({ where: { tenantId: a.tenant.id } })).id;
    await revokeApiKey(a.admin, a.tenant, keyId);
    expect((await call(a.host, body, a.key)).status).toBe(401);
    expect(await db.invoice.count({ where: { tenantId: { in: [a.tenant.id, b.tenant.id] } } })).toBe(0);
    // B's key still works on B's own host.
    expect((await call(b.host, body, b.key)).status).toBe(200);
  });

  it("answers 400 in French to a body it cannot read, and 413 above the limits", async () => {
    const c = await commune("api-d.localhost");
    for (const [body, message] of [
      ["{ pas du json", "Corps illisible"],
      [[facture("Y-1")], "Le champ « factures » manque"],
      [{ factures: "F-1" }, "Le champ « factures » manque"],
      [{ factures: [] }, "est vide"],
    ] as const) {
      const response = await call(c.host, body, c.key);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toContain(message);
    }
    const many = await call(c.host, { factures: Array.from({ length: 501 }, (_, i) => facture(`Z-${i}`)) }, c.key);
    expect(many.status).toBe(413);
    const heavy = await call(c.host, { factures: [facture("Z-1", { libelle: "x".repeat(3 * 1024 * 1024) })] }, c.key);
    expect(heavy.status).toBe(413);
    expect(await db.invoice.count({ where: { tenantId: c.tenant.id } })).toBe(0);
  });
});
