import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { CONFLICT_MESSAGE, deleteDraft, listDrafts, saveDraft } from "@/lib/requests/drafts";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

const encombrants = {
  steps: [
    {
      id: "objets",
      title: "Vos encombrants",
      fields: [
        { type: "textarea", name: "objets", label: "Objets", required: true },
        { type: "number", name: "volume", label: "Volume", required: true, min: 0.5, max: 5 },
        { type: "member", name: "pour", label: "Pour qui", required: false },
      ],
    },
  ],
};

async function setup() {
  const tenant = await createFullTenant();
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  await createProcedure(tenant, theme, { slug: "encombrants", title: "Encombrants", definition: encombrants });
  const account = await createAccountRow(tenant, { children: [{ firstNames: "Léa", birthDate: "2015-06-21", sex: "F" }] });
  const citizen: Citizen = { kind: "citizen", id: account.id, tenantId: tenant.id, identifiant: account.identifiant, status: "VALIDE", firstNames: "Camille", lastName: "Martin", emailConfirmed: true };
  const child = await db.householdMember.findFirstOrThrow({ where: { accountId: account.id, relation: "ENFANT" } });
  return { tenant, citizen, child };
}

describe("drafts", () => {
  it("keeps half-filled answers, then updates them at the version they were read", async () => {
    const { citizen, child } = await setup();
    const first = await saveDraft(citizen, { procedure: "encombrants", answers: { objets: "Un canapé", pour: child.id } });
    expect(first).toMatchObject({ ok: true, data: { version: 0 } });
    const draftId = first.ok ? first.data.draftId : "";

    expect(await db.request.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({ memberId: child.id });
    // The person concerned left unanswered: no member yet.
    expect(await saveDraft(citizen, { procedure: "encombrants", draftId, version: 0, answers: { objets: "Un canapé", volume: 2 } })).toMatchObject({ ok: true, data: { version: 1 } });
    expect(await db.request.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({ status: "BROUILLON", answers: { objets: "Un canapé", volume: 2 }, version: 1, numero: null, memberId: null });
    expect((await listDrafts(citizen)).map((d) => d.procedure.title)).toEqual(["Encombrants"]);
  });

  it("refuses a save decided on an older version (another tab) instead of overwriting", async () => {
    const { citizen } = await setup();
    const first = await saveDraft(citizen, { procedure: "encombrants", answers: {} });
    const draftId = first.ok ? first.data.draftId : "";
    await saveDraft(citizen, { procedure: "encombrants", draftId, version: 0, answers: { objets: "Onglet A" } });
    expect(await saveDraft(citizen, { procedure: "encombrants", draftId, version: 0, answers: { objets: "Onglet B" } })).toEqual({ ok: false, message: CONFLICT_MESSAGE });
    expect((await db.request.findUniqueOrThrow({ where: { id: draftId } })).answers).toEqual({ objets: "Onglet A" });
  });

  it("refuses wrong types, unknown fields and someone else's household member, storing nothing", async () => {
    const { tenant, citizen } = await setup();
    const stranger = await createAccountRow(tenant, { children: [{ firstNames: "Max", birthDate: "2016-01-01", sex: "M" }] });
    const theirChild = await db.householdMember.findFirstOrThrow({ where: { accountId: stranger.id, relation: "ENFANT" } });
    expect(await saveDraft(citizen, { procedure: "encombrants", answers: { volume: { $gt: 1 } } })).toMatchObject({ ok: false, fieldErrors: { volume: expect.any(String) } });
    expect(await saveDraft(citizen, { procedure: "encombrants", answers: { tenantId: "x" } })).toMatchObject({ ok: false });
    expect(await saveDraft(citizen, { procedure: "encombrants", answers: { pour: theirChild.id } })).toMatchObject({ ok: false, fieldErrors: { pour: expect.any(String) } });
    expect(await saveDraft(citizen, "n'importe quoi")).toMatchObject({ ok: false });
    expect(await db.request.count()).toBe(0);
  });

  it("knows only this commune's démarches and this citizen's drafts", async () => {
    const { citizen } = await setup();
    const other = await setup();
    const theirs = await saveDraft(other.citizen, { procedure: "encombrants", answers: { objets: "À eux" } });
    const theirId = theirs.ok ? theirs.data.draftId : "";
    expect(await saveDraft(citizen, { procedure: "encombrants", draftId: theirId, version: 0, answers: { objets: "Piraté" } })).toMatchObject({ ok: false });
    expect(await deleteDraft(citizen, theirId)).toMatchObject({ ok: false });
    expect((await db.request.findUniqueOrThrow({ where: { id: theirId } })).answers).toEqual({ objets: "À eux" });
    expect(await saveDraft(citizen, { procedure: "inconnue", answers: {} })).toMatchObject({ ok: false });
    expect(await deleteDraft(other.citizen, theirId)).toMatchObject({ ok: true });
    expect(await db.request.count()).toBe(0);
  });

  it("takes only a child where the form asks for a child", async () => {
    const { tenant, citizen, child } = await setup();
    const theme = await db.theme.findFirstOrThrow({ where: { tenantId: tenant.id } });
    await createProcedure(tenant, theme, { slug: "ecole", title: "École", definition: { steps: [{ id: "enfant", title: "L'enfant", fields: [
      { type: "member", name: "enfant", label: "Enfant à inscrire", required: true, among: "children" },
    ] }] } });
    const holder = await db.householdMember.findFirstOrThrow({ where: { accountId: citizen.id, relation: "TITULAIRE" } });
    expect(await saveDraft(citizen, { procedure: "ecole", answers: { enfant: holder.id } })).toMatchObject({ ok: false, fieldErrors: { enfant: expect.any(String) } });
    const first = await saveDraft(citizen, { procedure: "ecole", answers: { enfant: child.id } });
    expect(first).toMatchObject({ ok: true });
    // One draft per démarche and person: a second one for Léa is refused, the first is untouched.
    expect(await saveDraft(citizen, { procedure: "ecole", answers: { enfant: child.id } })).toMatchObject({ ok: false, fieldErrors: { enfant: expect.stringContaining("déjà un brouillon") } });
    expect(await db.request.count({ where: { procedure: { slug: "ecole" } } })).toBe(1);
    // Saving the first one again is of course fine.
    expect(await saveDraft(citizen, { procedure: "ecole", draftId: first.ok ? first.data.draftId : "", version: 0, answers: { enfant: child.id } })).toMatchObject({ ok: true });
  });
});
