import { chooseDigest, unsafeSendDigests } from "@/lib/agents/digest";
import { db } from "@/lib/db";
import { createAccountRow, createAgent, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// Agents' digests: each agent gets what came into their own services, at the frequency they chose, once.

const definition = { steps: [{ id: "d", title: "Demande", fields: [{ type: "text", name: "objet", label: "Objet", required: true }] }] };

async function commune() {
  const tenant = await createFullTenant();
  const cadre = await db.service.create({ data: { tenantId: tenant.id, slug: "cadre", name: "Cadre de vie" }, select: { id: true } });
  const ccas = await db.service.create({ data: { tenantId: tenant.id, slug: "ccas", name: "CCAS" }, select: { id: true } });
  const cadreTheme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  const socialTheme = await createTheme(tenant, "social", "Solidarité", 1);
  await db.theme.update({ where: { id: cadreTheme.id }, data: { serviceId: cadre.id } });
  await db.theme.update({ where: { id: socialTheme.id }, data: { serviceId: ccas.id } });
  const encombrants = await createProcedure(tenant, cadreTheme, { slug: "encombrants", title: "Encombrants", definition });
  const aide = await createProcedure(tenant, socialTheme, { slug: "aide", title: "Aide sociale", definition });
  const account = await createAccountRow(tenant);
  let n = 0;
  const sent = async (procedure: { id: string }, at: Date, status: "DEPOSEE" | "EN_COURS" = "DEPOSEE") => {
    const versionId = (await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } })).id;
    return db.request.create({
      data: { tenantId: tenant.id, procedureId: procedure.id, versionId, accountId: account.id, status, numero: `${tenant.code}-2026-${String(++n).padStart(6, "0")}`, submittedAt: at, answers: { objet: "x" } },
      select: { id: true, numero: true },
    });
  };
  const agent = await createAgent(tenant, { email: "cadre@mairie.fr", services: [cadre.id], totpSecret: "secret-chiffre" });
  return { tenant, encombrants, aide, sent, agent, account };
}

const digestsTo = (email: string) => db.message.findMany({ where: { recipient: email, template: "resumeAgent" }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true } });

describe("unsafeSendDigests", () => {
  it("sends each agent the new and completed requests of their services since the last digest, once per period", async () => {
    const c = await commune();
    const now = new Date();
    const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
    const mine = await c.sent(c.encombrants, hours(-2));
    const ccas = await c.sent(c.aide, hours(-2));
    const old = await c.sent(c.encombrants, hours(-48));
    const completed = await c.sent(c.encombrants, hours(-72), "EN_COURS");
    await db.requestEvent.create({ data: { requestId: completed.id, actorKind: "CITOYEN", fromStatus: "INCOMPLETE", toStatus: "EN_COURS", createdAt: hours(-1) } });

    await unsafeSendDigests(now);
    const [digest] = await digestsTo("cadre@mairie.fr");
    expect(digest!.subject).toBe("Résumé du jour : 1 nouvelle demande, 1 complétée");
    expect(digest!.text).toContain(mine.numero!);
    expect(digest!.text).toContain(completed.numero!);
    expect(digest!.text).not.toContain(ccas.numero!); // another service's
    expect(digest!.text).not.toContain(old.numero!); // before the period
    // Run again, or by a second worker, in the same period: nothing more.
    await Promise.all([unsafeSendDigests(hours(1)), unsafeSendDigests(hours(1))]);
    expect(await digestsTo("cadre@mairie.fr")).toHaveLength(1);
    // A day later, the new period starts where the last ended.
    await c.sent(c.encombrants, hours(10));
    await unsafeSendDigests(hours(25));
    expect((await digestsTo("cadre@mairie.fr")).map((d) => d.subject)).toEqual(["Résumé du jour : 1 nouvelle demande, 1 complétée", "Résumé du jour : 1 nouvelle demande, 0 complétée"]);
  });

  it("follows each agent's choice: weekly, or never; an empty period sends nothing", async () => {
    const c = await commune();
    const now = new Date();
    expect(await chooseDigest({ kind: "agent", id: c.agent.id, tenantId: c.tenant.id, role: "AGENT", serviceIds: [] }, { digest: "AUCUNE" })).toMatchObject({ ok: true });
    expect(await chooseDigest({ kind: "agent", id: c.agent.id, tenantId: c.tenant.id, role: "AGENT", serviceIds: [] }, { digest: "TOUTES-LES-MINUTES" })).toMatchObject({ ok: false });
    await c.sent(c.encombrants, new Date(now.getTime() - 3_600_000));
    await unsafeSendDigests(now);
    expect(await digestsTo("cadre@mairie.fr")).toHaveLength(0);
    // Nor to an agent invited who never signed in.
    await createAgent(c.tenant, { email: "invite@mairie.fr", role: "ADMIN" });
    await unsafeSendDigests(now);
    expect(await digestsTo("invite@mairie.fr")).toHaveLength(0);

    const weekly = await createAgent(c.tenant, { email: "hebdo@mairie.fr", role: "ADMIN", totpSecret: "secret-chiffre" });
    await db.agent.update({ where: { id: weekly.id }, data: { digest: "SEMAINE", lastDigestAt: new Date(now.getTime() - 3 * 86_400_000) } });
    await unsafeSendDigests(now);
    expect(await digestsTo("hebdo@mairie.fr")).toHaveLength(0);
    await unsafeSendDigests(new Date(now.getTime() + 5 * 86_400_000));
    expect((await digestsTo("hebdo@mairie.fr")).map((d) => d.subject)).toEqual(["Résumé de la semaine : 1 nouvelle demande, 0 complétée"]);
  });
});
