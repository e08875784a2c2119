import type { StaffActor } from "@/lib/agents/scope";
import { db } from "@/lib/db";
import { addField, addStep, fieldFromForm, updateField } from "@/lib/procedures/builder-ops";
import {
  BUILDER_CONFLICT, builderCatalogue, createProcedure, duplicateProcedure, editForm, moveTheme, openProcedure, publishProcedure, saveProcedureDetails, saveTheme, unpublishProcedure,
} from "@/lib/procedures/builder";
import { getProcedure, getProcedureForm } from "@/lib/procedures/catalogue";
import { openDraft } from "@/lib/requests/drafts";
import { createAccountRow, createFullTenant, createTheme } from "@/tests/factories";

// The démarche builder against the database: versions are never rewritten, requests and drafts keep
// theirs, stale edits are conflicts, and only the commune's own admins reach any of it.

const staff = (tenant: { id: string }, role: "ADMIN" | "AGENT" = "ADMIN"): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role, serviceIds: [] });
const details = (themeId: string) => ({ title: "Prêt de matériel", summary: "Tables et chaises.", preparation: "", processingDays: 10, requiresAccount: true, captcha: false, concernsMember: false, themeId });

async function commune() {
  const tenant = await createFullTenant();
  const theme = await createTheme(tenant, "vie-associative", "Vie associative", 1);
  return { tenant, theme, admin: staff(tenant) };
}

describe("a démarche from creation to its second version", () => {
  it("publishes immutable versions; the request and the draft of version 1 keep it", async () => {
    const { tenant, theme, admin } = await commune();
    const created = await createProcedure(admin, tenant, { title: "Prêt de matériel", themeId: theme.id }, "192.0.2.1");
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    expect(await getProcedure(tenant, "pret-de-materiel")).toBeNull(); // offline until published

    expect(await saveProcedureDetails(admin, tenant, id, 0, details(theme.id))).toEqual({ ok: true });
    expect(await editForm(admin, tenant, id, 1, (w) => addStep(w, "Livraison"), "ajouter une étape")).toEqual({ ok: true });
    expect(await editForm(admin, tenant, id, 2, (w) => addField(w, 1, "yesno", "Livraison souhaitée"), "ajouter un champ")).toEqual({ ok: true });
    expect(await publishProcedure(admin, tenant, id, 3)).toEqual({ ok: true, data: { number: 1 } });
    const v1 = await getProcedureForm(tenant, "pret-de-materiel");
    expect(v1?.definition.steps.map((s) => s.title)).toEqual(["Votre demande", "Livraison"]);

    // A citizen's draft and a sent request on version 1.
    const holder = await createAccountRow(tenant, { status: "VALIDE" });
    const draft = await db.request.create({ data: { tenantId: tenant.id, procedureId: id, versionId: v1!.versionId, accountId: holder.id, answers: { objet: "Dix tables" } }, select: { id: true } });
    const sent = await db.request.create({ data: { tenantId: tenant.id, procedureId: id, versionId: v1!.versionId, accountId: holder.id, status: "DEPOSEE", numero: `${tenant.code}-2025-000001`, answers: { objet: "Vingt chaises" } }, select: { id: true } });

    // Republishing unchanged writes nothing new.
    expect(await publishProcedure(admin, tenant, id, 4)).toEqual({ ok: true, data: { number: 1 } });

    const renamed = fieldFromForm({ type: "textarea", name: "objet", label: "Matériel souhaité", required: "on" }, undefined);
    if (!renamed.ok) throw new Error("field");
    expect(await editForm(admin, tenant, id, 5, (w) => updateField(w, 0, 0, renamed.field), "modifier un champ")).toEqual({ ok: true });
    // The catalogue still serves version 1 while the change is being prepared.
    expect((await getProcedureForm(tenant, "pret-de-materiel"))?.definition.steps[0]!.fields[0]!.label).toBe("Objet de votre demande");
    expect(await publishProcedure(admin, tenant, id, 6)).toEqual({ ok: true, data: { number: 2 } });
    expect((await getProcedureForm(tenant, "pret-de-materiel"))?.definition.steps[0]!.fields[0]!.label).toBe("Matériel souhaité");

    const versions = await db.procedureVersion.findMany({ where: { procedureId: id }, orderBy: { number: "asc" }, select: { id: true, definition: true } });
    expect(versions).toHaveLength(2);
    expect(versions[0]!.id).toBe(v1!.versionId);
    expect(JSON.stringify(versions[0]!.definition)).toContain("Objet de votre demande");
    expect(await db.request.findUniqueOrThrow({ where: { id: sent.id }, select: { versionId: true } })).toEqual({ versionId: v1!.versionId });
    const citizen = { kind: "citizen" as const, id: holder.id, tenantId: tenant.id, identifiant: holder.identifiant, status: "VALIDE" as const, firstNames: "C", lastName: "M", emailConfirmed: true };
    expect((await openDraft(citizen, draft.id))?.definition.steps[0]!.fields[0]!.label).toBe("Objet de votre demande");

    // Withdrawn: out of the catalogue, its requests untouched.
    expect(await unpublishProcedure(admin, tenant, id)).toEqual({ ok: true });
    expect(await getProcedure(tenant, "pret-de-materiel")).toBeNull();
    expect(await db.request.count({ where: { procedureId: id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "commune.demarche" } })).toBeGreaterThanOrEqual(8);
  });

  it("refuses to publish a form that could not be filled, and says why", async () => {
    const { tenant, theme, admin } = await commune();
    const created = await createProcedure(admin, tenant, { title: "Sans résumé", themeId: theme.id });
    if (!created.ok) throw new Error(created.message);
    const result = await publishProcedure(admin, tenant, created.data.id, 0);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("résumé") });
    expect(await db.procedureVersion.count({ where: { procedureId: created.data.id } })).toBe(0);
    expect((await openProcedure(admin, created.data.id))?.problems).toEqual([expect.stringContaining("résumé")]);
  });

  it("refuses details the version online cannot take (no account for a form about the household)", async () => {
    const { tenant, theme, admin } = await commune();
    const created = await createProcedure(admin, tenant, { title: "Pour un enfant", themeId: theme.id });
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    await saveProcedureDetails(admin, tenant, id, 0, details(theme.id));
    await editForm(admin, tenant, id, 1, (w) => addField(w, 0, "member", "Enfant concerné"), "ajouter un champ");
    expect(await publishProcedure(admin, tenant, id, 2)).toMatchObject({ ok: true });
    const withoutAccount = await saveProcedureDetails(admin, tenant, id, 3, { ...details(theme.id), requiresAccount: false });
    expect(withoutAccount).toMatchObject({ ok: false, fieldErrors: { requiresAccount: expect.stringContaining("La version en ligne ne le permet pas : Sans compte") } });
    expect((await db.procedure.findUniqueOrThrow({ where: { id } })).requiresAccount).toBe(true);
    // Offline, the details may lead the way: the form is then fixed before publishing.
    await unpublishProcedure(admin, tenant, id);
    expect(await saveProcedureDetails(admin, tenant, id, 3, { ...details(theme.id), requiresAccount: false })).toEqual({ ok: true });
  });

  it("refuses an edit made on an older read (another tab), changing nothing", async () => {
    const { tenant, theme, admin } = await commune();
    const created = await createProcedure(admin, tenant, { title: "Deux onglets", themeId: theme.id });
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    expect(await editForm(admin, tenant, id, 0, (w) => addStep(w, "Premier onglet"), "ajouter une étape")).toEqual({ ok: true });
    expect(await editForm(admin, tenant, id, 0, (w) => addStep(w, "Second onglet"), "ajouter une étape")).toEqual({ ok: false, message: BUILDER_CONFLICT });
    expect(await saveProcedureDetails(admin, tenant, id, 0, details(theme.id))).toEqual({ ok: false, message: BUILDER_CONFLICT });
    expect(await publishProcedure(admin, tenant, id, 0)).toEqual({ ok: false, message: BUILDER_CONFLICT });
    expect((await openProcedure(admin, id))?.working.steps.map((s) => s.title)).toEqual(["Votre demande", "Premier onglet"]);
  });

  it("duplicates a démarche with its form being prepared, offline, under a free address", async () => {
    const { tenant, theme, admin } = await commune();
    const created = await createProcedure(admin, tenant, { title: "Original", themeId: theme.id });
    if (!created.ok) throw new Error(created.message);
    await editForm(admin, tenant, created.data.id, 0, (w) => addStep(w, "Étape propre"), "ajouter une étape");
    const copy = await duplicateProcedure(admin, tenant, created.data.id);
    if (!copy.ok) throw new Error(copy.message);
    const opened = await openProcedure(admin, copy.data.id);
    expect(opened).toMatchObject({ title: "Original (copie)", slug: "original-copie", published: false });
    expect(opened?.working.steps.map((s) => s.title)).toEqual(["Votre demande", "Étape propre"]);
  });
});

describe("themes", () => {
  it("are added, renamed and moved, in the commune's order", async () => {
    const { tenant, admin } = await commune();
    expect(await saveTheme(admin, tenant, null, { title: "  " })).toMatchObject({ ok: false, fieldErrors: { title: expect.any(String) } });
    expect(await saveTheme(admin, tenant, null, { title: "Sports" })).toEqual({ ok: true });
    const sports = (await builderCatalogue(admin)).find((t) => t.title === "Sports")!;
    expect(await moveTheme(admin, tenant, sports.id, "haut")).toEqual({ ok: true });
    expect(await saveTheme(admin, tenant, sports.id, { title: "Sports et loisirs" })).toEqual({ ok: true });
    const titles = (await builderCatalogue(admin)).map((t) => t.title);
    expect(titles.indexOf("Sports et loisirs")).toBe(titles.length - 2);
  });
});

describe("who may build", () => {
  it("an agent without the admin role, and another commune's admin, reach nothing and change nothing", async () => {
    const { tenant, theme, admin } = await commune();
    const created = await createProcedure(admin, tenant, { title: "Gardée", themeId: theme.id });
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    await saveProcedureDetails(admin, tenant, id, 0, details(theme.id));
    const other = await createFullTenant();
    const before = await db.procedure.findUniqueOrThrow({ where: { id } });
    const themesBefore = await db.theme.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } });

    for (const [who, actor] of [["agent", staff(tenant, "AGENT")], ["other admin", staff(other)]] as const) {
      const results = [
        await createProcedure(actor, tenant, { title: "Intruse", themeId: theme.id }),
        await duplicateProcedure(actor, tenant, id),
        await saveProcedureDetails(actor, tenant, id, 1, { ...details(theme.id), title: "Piratée" }),
        await editForm(actor, tenant, id, 1, (w) => addStep(w, "Piratée"), "ajouter une étape"),
        await publishProcedure(actor, tenant, id, 1),
        await unpublishProcedure(actor, tenant, id),
        await saveTheme(actor, tenant, theme.id, { title: "Piraté" }),
        await saveTheme(actor, tenant, null, { title: "Piraté" }),
        await moveTheme(actor, tenant, theme.id, "bas"),
      ];
      for (const result of results) expect([who, result.ok]).toEqual([who, false]);
      expect([who, await openProcedure(actor, id)]).toEqual([who, null]);
    }
    // Another commune's admin, on their own commune, finds nothing of this one either.
    const otherAdmin = staff(other);
    expect(await saveProcedureDetails(otherAdmin, other, id, 1, { ...details(theme.id), title: "Piratée" })).toMatchObject({ ok: false });
    expect(await editForm(otherAdmin, other, id, 1, (w) => addStep(w, "Piratée"), "ajouter une étape")).toMatchObject({ ok: false });
    expect(await publishProcedure(otherAdmin, other, id, 1)).toMatchObject({ ok: false });
    expect(await duplicateProcedure(otherAdmin, other, id)).toMatchObject({ ok: false });

    expect(await db.procedure.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await db.theme.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } })).toEqual(themesBefore);
    expect(await db.procedure.count({ where: { title: { in: ["Intruse", "Gardée (copie)"] } } })).toBe(0);
  });
});
