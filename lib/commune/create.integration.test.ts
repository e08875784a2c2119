import { checkAgentPassword } from "@/lib/agents/login";
import { readAgentInvitation, setAgentPassword } from "@/lib/agents/manage";
import { brandProblems } from "@/lib/colour";
import { createCommune, deriveCode } from "@/lib/commune/create";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveHost } from "@/lib/tenancy/resolve";
import { createTenant } from "@/tests/factories";

// The operator's `npm run commune:create`: a whole commune in one transaction, or nothing.

const PASSWORD = "registre-tampon-mairie-84";
const input = (over: Record<string, unknown> = {}) => ({ name: "Saint-Jean-de-Luz", host: "demarches.saint-jean-de-luz.fr", adminEmail: "Marie.Durand@Mairie.fr", ...over });

/** Every row a creation writes, counted: a refused or failed one leaves these as they were. */
async function footprint() {
  const [tenants, hosts, themes, services, faq, agents, tokens, audit] = await Promise.all([
    db.tenant.count(), db.tenantHost.count(), db.theme.count(), db.service.count(), db.faqEntry.count(),
    db.agent.count(), db.agentToken.count(), db.auditEvent.count(),
  ]);
  return { tenants, hosts, themes, services, faq, agents, tokens, audit };
}

describe("createCommune", () => {
  it("creates the commune, its address, themes, texts, FAQ and first admin, with a link that works once", async () => {
    const result = await createCommune(db, input({ host: "https://Demarches.Saint-Jean-de-Luz.fr/" }));
    if (!result.ok) throw new Error(result.message);
    const { tenant, host, admin, token } = result.data;
    expect(tenant).toMatchObject({ name: "Saint-Jean-de-Luz", officialName: "Mairie de Saint-Jean-de-Luz", code: "SJL", slug: "saint-jean-de-luz" });
    expect(host).toBe("demarches.saint-jean-de-luz.fr");

    // The address answers at once, as the canonical one.
    const resolution = await resolveHost(host);
    expect(resolution).toMatchObject({ kind: "tenant", canonical: true, tenant: { id: tenant.id, canonicalHost: host } });

    const row = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(brandProblems(row.primaryColor, row.accentColor)).toEqual({});
    expect(row.welcomeText).toContain("Saint-Jean-de-Luz");
    for (const text of [row.legalNotice, row.privacyPolicy, row.accessibilityText, row.termsOfUse]) {
      expect(text).toContain("Saint-Jean-de-Luz");
      expect(text).not.toMatch(/undefined|null|dpo@|localhost| au \.| à \./);
    }
    expect(row.legalNotice).toContain("coordonnées de la mairie figurent en bas de chaque page");
    expect(row.accessibilityText.startsWith("La mairie de Saint-Jean-de-Luz s'engage")).toBe(true);

    const themes = await db.theme.findMany({ where: { tenantId: tenant.id }, orderBy: { position: "asc" }, select: { title: true, service: { select: { name: true } } } });
    expect(themes).toEqual([
      { title: "État civil", service: { name: "État civil" } },
      { title: "Enfance et jeunesse", service: { name: "Enfance" } },
      { title: "Cadre de vie", service: { name: "Cadre de vie" } },
      { title: "Solidarité (CCAS)", service: { name: "CCAS" } },
    ]);
    const faq = await db.faqEntry.findMany({ where: { tenantId: tenant.id }, orderBy: { position: "asc" }, select: { question: true, answer: true, position: true } });
    expect(faq.length).toBeGreaterThanOrEqual(5);
    expect(faq.map((f) => f.position)).toEqual(faq.map((_, i) => i));
    // No régie yet: nothing about invoices.
    expect(faq.map((f) => f.answer).join(" ")).not.toMatch(/facture à payer|Factures à payer|panier/i);

    expect(await db.agent.findMany({ where: { tenantId: tenant.id }, select: { id: true, email: true, role: true, active: true, totpSecret: true } }))
      .toEqual([{ id: admin.id, email: "marie.durand@mairie.fr", role: "ADMIN", active: true, totpSecret: null }]);
    expect(await db.auditEvent.findMany({ where: { tenantId: tenant.id }, select: { actorKind: true, actorId: true, action: true, targetId: true } }))
      .toEqual([{ actorKind: "SYSTEME", actorId: null, action: "commune.creer", targetId: admin.id }]);

    // The invitation: no password works before it, it sets one once, then sign-in asks for the authenticator.
    const here = resolution.kind === "tenant" ? resolution.tenant : null;
    if (!here) throw new Error("tenant not resolved");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await readAgentInvitation(here, token)).toMatchObject({ agent: { email: "marie.durand@mairie.fr" } });
    expect(await checkAgentPassword(here, { email: "marie.durand@mairie.fr", password: PASSWORD })).toMatchObject({ ok: false });
    expect(await setAgentPassword(here, token, { password: PASSWORD, passwordConfirm: PASSWORD })).toMatchObject({ ok: true });
    expect(await setAgentPassword(here, token, { password: "un-autre-mot-de-passe-42", passwordConfirm: "un-autre-mot-de-passe-42" })).toMatchObject({ ok: false });
    expect(await readAgentInvitation(here, token)).toBeNull();
    expect(await checkAgentPassword(here, { email: "marie.durand@mairie.fr", password: PASSWORD })).toMatchObject({ ok: true, data: { totpEnabled: false } });
  });

  it("takes the code and official name given, and names the admin", async () => {
    const result = await createCommune(db, input({ code: "sjd", officialName: "Ville de Saint-Jean-de-Luz", adminFirstNames: "Marie", adminLastName: "Durand" }));
    if (!result.ok) throw new Error(result.message);
    expect(result.data.tenant).toMatchObject({ code: "SJD", officialName: "Ville de Saint-Jean-de-Luz" });
    expect(await db.agent.findUniqueOrThrow({ where: { id: result.data.admin.id }, select: { firstNames: true, lastName: true } })).toEqual({ firstNames: "Marie", lastName: "Durand" });
  });

  it("refuses an address another commune uses, and leaves nothing behind", async () => {
    await createTenant({ name: "Sète", code: "SET", hosts: ["sete.exemple.fr"] });
    const before = await footprint();
    const result = await createCommune(db, input({ host: "SETE.exemple.fr" }));
    expect(result).toEqual({ ok: false, message: "L'adresse sete.exemple.fr est déjà utilisée par la commune Sète." });
    expect(await footprint()).toEqual(before);

    // Twice the same command: the second one is refused the same way.
    expect(await createCommune(db, input())).toMatchObject({ ok: true });
    const after = await footprint();
    expect(await createCommune(db, input())).toEqual({ ok: false, message: "L'adresse demarches.saint-jean-de-luz.fr est déjà utilisée par la commune Saint-Jean-de-Luz." });
    expect(await footprint()).toEqual(after);
  });

  it("refuses a code another commune uses, and leaves nothing behind", async () => {
    await createTenant({ name: "Sète", code: "SET", hosts: ["sete.exemple.fr"] });
    const before = await footprint();
    expect(await createCommune(db, input({ code: "set" }))).toEqual({ ok: false, message: "Le code SET est déjà utilisé par la commune Sète." });
    expect(await footprint()).toEqual(before);
  });

  it("derives a free code and slug when the name's are taken", async () => {
    await createTenant({ name: "Sète", slug: "sete", code: "SET", hosts: ["sete.exemple.fr"] });
    const result = await createCommune(db, input({ name: "Sète", host: "demarches.sete.fr" }));
    if (!result.ok) throw new Error(result.message);
    expect(result.data.tenant).toMatchObject({ slug: "sete-2", code: "SEE" });
  });

  it("says what is wrong with the arguments, by field, before touching the database", async () => {
    const before = await footprint();
    const result = await createCommune(db, { name: " ", host: "pas une adresse", code: "AB1", adminEmail: "marie" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String), host: expect.stringContaining("nom de domaine"), code: expect.any(String), adminEmail: expect.any(String) } });
    expect(await createCommune(db, { name: "Nouvelle" })).toMatchObject({ ok: false, fieldErrors: { host: expect.any(String), adminEmail: expect.any(String) } });
    // The deployment's own address lists the communes: it cannot be one.
    expect(await createCommune(db, input({ host: "127.0.0.1" }))).toMatchObject({ ok: false, message: expect.stringContaining("plateforme") });
    expect(await footprint()).toEqual(before);
  });

  it("is all or nothing: a failure at the last step leaves no commune", async () => {
    const before = await footprint();
    // The same client, whose transaction fails when the invitation is written.
    const failing = new Proxy(db, {
      get(target, property) {
        if (property !== "$transaction") return Reflect.get(target, property);
        return (run: (tx: unknown) => Promise<unknown>) =>
          db.$transaction((tx) =>
            run(new Proxy(tx, {
              get(t, p) {
                if (p === "agentToken") return { updateMany: t.agentToken.updateMany, create: () => Promise.reject(new Error("panne")) };
                return Reflect.get(t, p);
              },
            })),
          );
      },
    }) as PrismaClient;
    await expect(createCommune(failing, input())).rejects.toThrow("panne");
    expect(await footprint()).toEqual(before);
    expect(await resolveHost("demarches.saint-jean-de-luz.fr")).toEqual({ kind: "unknown" });
  });
});

describe("deriveCode", () => {
  it("takes initials of long names, the first letters of short ones, then another free code", () => {
    expect(deriveCode("Sète", new Set())).toBe("SET");
    expect(deriveCode("Saint-André-des-Eaux", new Set())).toBe("SAE");
    expect(deriveCode("Illkirch-Graffenstaden", new Set())).toBe("ILL");
    expect(deriveCode("L'Haÿ-les-Roses", new Set())).toBe("HAY");
    expect(deriveCode("Sète", new Set(["SET"]))).toBe("SEE");
    expect(deriveCode("Y", new Set())).toBe("YAA");
    const taken = new Set<string>();
    for (let i = 0; i < 50; i++) taken.add(deriveCode("Eu", taken));
    expect(taken.size).toBe(50);
    expect([...taken].every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
  });
});
