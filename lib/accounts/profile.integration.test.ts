import { authenticate } from "@/lib/accounts/login";
import {
  changePassword, changeSecurityQuestion, getAccount, PENDING_MESSAGE, removeMember, saveMember, updateContact,
} from "@/lib/accounts/profile";
import { normalizeAnswer, verifySecret } from "@/lib/accounts/secret-hash";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createAccountRow, createFullTenant, DEFAULT_PASSWORD } from "@/tests/factories";

type Row = Awaited<ReturnType<typeof createAccountRow>>;
const NEW_PASSWORD = "plume-girafe-horizon-42";

/** The citizen as requireCitizen would give it for this account. */
function citizenOf(account: Row, status: Citizen["status"] = "VALIDE", tenantId = account.tenantId): Citizen {
  return { kind: "citizen", id: account.id, tenantId, identifiant: account.identifiant, status, firstNames: "Amélie", lastName: "Lire", emailConfirmed: true };
}

/** Everything a change could touch, to show that a refused one changed nothing. */
async function snapshot(accountId: string) {
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, include: { members: { orderBy: { createdAt: "asc" } } } });
  // A wrong current password is a counted failure (login throttling), not a change of the account.
  return { ...account, updatedAt: undefined, failedLogins: undefined, lastFailedLoginAt: undefined };
}

const messages = () => db.message.findMany({ orderBy: { createdAt: "asc" }, select: { recipient: true, template: true, text: true, accountId: true, tenantId: true } });

const contact = (overrides: Record<string, unknown> = {}) => ({
  addressLine1: "3 rue du Lavoir", addressLine2: "Bâtiment B", postalCode: "49070", city: "Beaucouzé",
  email: "amelie.lire@exemple.fr", phone: "02 41 00 00 00", mobile: "06 11 22 33 44", channel: "SMS", ...overrides,
});
const child = (overrides: Record<string, unknown> = {}) => ({ relation: "ENFANT", firstNames: "Jules", lastName: "Lire", birthDate: "2019-03-14", sex: "M", ...overrides });

async function setup(status: Citizen["status"] = "VALIDE") {
  const tenant = await createFullTenant({ name: "Beaucouzé" });
  const account = await createAccountRow(tenant, {
    firstNames: "Amélie", birthName: "Lire", email: "amelie.lire@exemple.fr", status,
    spouse: { firstNames: "Paul", lastName: "Durand", birthDate: "1982-01-30", sex: "M" },
    children: [{ firstNames: "Léa", birthDate: "2016-05-02", sex: "F" }],
  });
  const members = await db.householdMember.findMany({ where: { accountId: account.id }, select: { id: true, relation: true } });
  const idOf = (relation: string) => members.find((m) => m.relation === relation)!.id;
  return { tenant, account, citizen: citizenOf(account, status), holderId: idOf("TITULAIRE"), spouseId: idOf("CONJOINT"), childId: idOf("ENFANT") };
}

/** Another citizen of the same commune, and one of another commune, each with a household. */
async function outsiders(tenant: { id: string }) {
  const neighbour = await createAccountRow(tenant, { firstNames: "Bruno", birthName: "Voisin", children: [{ firstNames: "Zoé", birthDate: "2014-01-01", sex: "F" }] });
  const elsewhere = await createFullTenant({ name: "Sète" });
  const stranger = await createAccountRow(elsewhere, { firstNames: "Chloé", birthName: "Loin", children: [{ firstNames: "Noé", birthDate: "2013-01-01", sex: "M" }] });
  return { neighbour: citizenOf(neighbour), stranger: citizenOf(stranger), elsewhere };
}

describe("getAccount", () => {
  it("lists the adults before the children, and nothing of another commune", async () => {
    const { account, citizen } = await setup();
    const view = await getAccount(citizen);
    expect(view?.members.map((m) => [m.kind, m.firstNames])).toEqual([["ADULTE", "Paul"], ["ADULTE", "Amélie"], ["ENFANT", "Léa"]]);
    expect(view).toMatchObject({ identifiant: "amélie.lire", birthDate: "1985-04-12" });
    expect(view).not.toHaveProperty("passwordHash");
    expect(view).not.toHaveProperty("securityAnswerHash");
    const other = await createFullTenant();
    expect(await getAccount(citizenOf(account, "VALIDE", other.id))).toBeNull();
  });
});

describe("updateContact", () => {
  it("saves address, phones and channel without the password when the email stays, and notifies", async () => {
    const { account, citizen, tenant } = await setup();
    expect(await updateContact(citizen, tenant, contact())).toEqual({ ok: true, message: "Modifications enregistrées." });
    const saved = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(saved).toMatchObject({
      addressLine1: "3 rue du Lavoir", addressLine2: "Bâtiment B", phone: "0241000000", mobile: "0611223344", channel: "SMS",
      email: "amelie.lire@exemple.fr", emailConfirmedAt: expect.any(Date),
    });
    // The notice to the email, and a code to confirm the new mobile now chosen for SMS.
    expect(await messages()).toEqual(
      expect.arrayContaining([
        { recipient: "amelie.lire@exemple.fr", template: "compteModifie", text: expect.stringContaining("coordonnées modifiées"), accountId: account.id, tenantId: tenant.id },
        { recipient: "0611223344", template: "codeSms", text: expect.stringMatching(/\d{6}/), accountId: account.id, tenantId: tenant.id },
      ]),
    );
    expect(await messages()).toHaveLength(2);
    expect(saved.mobileConfirmedAt).toBeNull();
  });

  it("asks the current password for a new email, which replaces the current one only once its link is used", async () => {
    const { account, citizen, tenant } = await setup();
    const before = await snapshot(account.id);
    const newEmail = contact({ email: "Amelie.Nouvelle@Exemple.fr", channel: "EMAIL" });

    expect(await updateContact(citizen, tenant, newEmail)).toMatchObject({ ok: false, fieldErrors: { currentPassword: expect.stringContaining("mot de passe actuel") } });
    expect(await updateContact(citizen, tenant, { ...newEmail, currentPassword: "pas le bon mot de passe" })).toMatchObject({
      ok: false, fieldErrors: { currentPassword: "Mot de passe actuel incorrect." },
    });
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);

    const result = await updateContact(citizen, tenant, { ...newEmail, currentPassword: DEFAULT_PASSWORD });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("lien de confirmation") });
    // The confirmed address stays in use until the new one is confirmed; the page shows the pending one.
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ email: "amelie.lire@exemple.fr", emailConfirmedAt: expect.any(Date) });
    expect(await getAccount(citizen)).toMatchObject({ email: "amelie.lire@exemple.fr", pendingEmail: "amelie.nouvelle@exemple.fr" });
    const sent = await messages();
    expect(sent.map((m) => [m.recipient, m.template])).toEqual(
      expect.arrayContaining([["amelie.nouvelle@exemple.fr", "confirmationEmail"], ["amelie.lire@exemple.fr", "compteModifie"]]),
    );
    expect(sent).toHaveLength(2);
    expect(sent.find((m) => m.template === "confirmationEmail")!.text).toMatch(/\/confirmer-mon-adresse\/[A-Za-z0-9_-]{20,}/);
  });

  it("is refused while the account awaits validation, and changes nothing", async () => {
    const { account, citizen, tenant } = await setup("EN_ATTENTE");
    const before = await snapshot(account.id);
    expect(await updateContact(citizen, tenant, contact())).toEqual({ ok: false, message: PENDING_MESSAGE });
    expect(await updateContact(citizen, tenant, { ...contact({ email: "autre@exemple.fr" }), currentPassword: DEFAULT_PASSWORD })).toEqual({ ok: false, message: PENDING_MESSAGE });
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);
  });

  it("does not reach the account from another commune's session", async () => {
    const { account, tenant } = await setup();
    const { elsewhere } = await outsiders(tenant);
    const before = await snapshot(account.id);
    expect(await updateContact(citizenOf(account, "VALIDE", elsewhere.id), elsewhere, contact())).toMatchObject({ ok: false });
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);
  });

  it("ignores fields the form does not have (tenant, status, identifiant, account)", async () => {
    const { account, citizen, tenant } = await setup("VALIDE");
    const other = await createFullTenant();
    const result = await updateContact(citizen, tenant, {
      ...contact(), tenantId: other.id, status: "REFUSE", identifiant: "admin", accountId: "00000000-0000-4000-8000-000000000000",
      id: "00000000-0000-4000-8000-000000000000", emailConfirmedAt: null, sessionVersion: 99, passwordHash: "x",
    });
    expect(result).toMatchObject({ ok: true });
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      tenantId: tenant.id, status: "VALIDE", identifiant: "amélie.lire", emailConfirmedAt: expect.any(Date), sessionVersion: 0,
    });
    expect(await authenticate(tenant, "amélie.lire", DEFAULT_PASSWORD)).toMatchObject({ ok: true });
  });

  it("answers bad input with French messages per field, never an exception", async () => {
    const { account, citizen, tenant } = await setup();
    const before = await snapshot(account.id);
    const result = await updateContact(citizen, tenant, contact({ postalCode: "4907", channel: "SMS", mobile: "", email: "pas-une-adresse" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { postalCode: "Le code postal compte 5 chiffres.", email: expect.stringContaining("Adresse électronique invalide"), mobile: expect.stringContaining("mobile") },
    });
    for (const junk of [null, "texte", 42, [], { addressLine1: { $ne: 1 } }]) {
      expect(await updateContact(citizen, tenant, junk)).toMatchObject({ ok: false });
    }
    expect(await snapshot(account.id)).toEqual(before);
  });
});

describe("saveMember", () => {
  it("adds a child and then changes it, each change notified", async () => {
    const { account, citizen, tenant } = await setup();
    expect(await saveMember(citizen, tenant, child({ lastName: "Lire-Durand" }))).toEqual({ ok: true, message: "Jules fait maintenant partie de votre foyer." });
    const jules = await db.householdMember.findFirstOrThrow({ where: { accountId: account.id, firstNames: "Jules" } });
    expect(jules).toMatchObject({ tenantId: tenant.id, kind: "ENFANT", relation: "ENFANT", lastName: "Lire-Durand", sex: "M" });

    expect(await saveMember(citizen, tenant, child({ id: jules.id, firstNames: "Jules Arthur", birthDate: "2019-03-15" }))).toMatchObject({ ok: true });
    expect(await db.householdMember.findUniqueOrThrow({ where: { id: jules.id } })).toMatchObject({
      firstNames: "Jules Arthur", lastName: "Lire", birthDate: new Date("2019-03-15T00:00:00Z"),
    });
    expect((await getAccount(citizen))!.members.map((m) => m.firstNames)).toEqual(["Paul", "Amélie", "Léa", "Jules Arthur"]);
    expect((await messages()).map((m) => [m.recipient, m.template])).toEqual([
      ["amelie.lire@exemple.fr", "compteModifie"],
      ["amelie.lire@exemple.fr", "compteModifie"],
    ]);
  });

  it("is refused while the account awaits validation, and changes nothing", async () => {
    const { account, citizen, tenant, childId } = await setup("EN_ATTENTE");
    const before = await snapshot(account.id);
    expect(await saveMember(citizen, tenant, child())).toEqual({ ok: false, message: PENDING_MESSAGE });
    expect(await saveMember(citizen, tenant, child({ id: childId, firstNames: "Autre" }))).toEqual({ ok: false, message: PENDING_MESSAGE });
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);
  });

  it("cannot change a member of another household, of this commune or another", async () => {
    const { account, tenant, childId } = await setup();
    const { neighbour, stranger, elsewhere } = await outsiders(tenant);
    const before = await snapshot(account.id);
    for (const [outsider, commune] of [[neighbour, tenant], [stranger, elsewhere]] as const) {
      const result = await saveMember(outsider, commune, child({ id: childId, firstNames: "Volé" }));
      expect(result).toEqual({ ok: false, message: "Cette personne ne fait pas partie de votre foyer." });
    }
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);
  });

  it("does not change the holder, who is changed with the account", async () => {
    const { account, citizen, tenant, holderId } = await setup();
    const before = await snapshot(account.id);
    expect(await saveMember(citizen, tenant, child({ id: holderId, relation: "CONJOINT", firstNames: "Autre" }))).toMatchObject({ ok: false });
    expect(await snapshot(account.id)).toEqual(before);
  });

  it("keeps a new member in the citizen's household and commune whatever the form posts", async () => {
    const { account, citizen, tenant, childId } = await setup();
    const { neighbour, elsewhere } = await outsiders(tenant);
    const neighbourBefore = await snapshot(neighbour.id);
    expect(await saveMember(citizen, tenant, child({ accountId: neighbour.id, tenantId: elsewhere.id, kind: "ADULTE", status: "REFUSE", identifiant: "x" }))).toMatchObject({ ok: true });
    const created = await db.householdMember.findFirstOrThrow({ where: { firstNames: "Jules" } });
    expect(created).toMatchObject({ accountId: account.id, tenantId: tenant.id, kind: "ENFANT" });
    // An existing member cannot be moved to another household either.
    expect(await saveMember(citizen, tenant, child({ id: childId, firstNames: "Léa", accountId: neighbour.id, tenantId: elsewhere.id }))).toMatchObject({ ok: true });
    expect(await db.householdMember.findUniqueOrThrow({ where: { id: childId } })).toMatchObject({ accountId: account.id, tenantId: tenant.id });
    expect(await snapshot(neighbour.id)).toEqual(neighbourBefore);
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ status: "VALIDE", identifiant: "amélie.lire" });
  });

  it("answers bad input with French messages per field", async () => {
    const { account, citizen, tenant } = await setup();
    const before = await snapshot(account.id);
    const result = await saveMember(citizen, tenant, child({ firstNames: " ", birthDate: "2999-01-01", sex: "X", relation: "TITULAIRE" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { firstNames: "Indiquez le prénom.", birthDate: expect.stringContaining("date"), sex: "Choisissez le sexe.", relation: "Choisissez le lien avec vous." },
    });
    expect(await saveMember(citizen, tenant, child({ id: "pas-un-identifiant" }))).toMatchObject({ ok: false });
    for (const junk of [null, "texte", 42]) expect(await saveMember(citizen, tenant, junk)).toMatchObject({ ok: false });
    expect(await snapshot(account.id)).toEqual(before);
  });
});

describe("removeMember", () => {
  it("removes a member of the household and notifies", async () => {
    const { account, citizen, tenant, childId } = await setup();
    expect(await removeMember(citizen, tenant, childId)).toEqual({ ok: true, message: "Léa ne fait plus partie de votre foyer." });
    expect(await db.householdMember.count({ where: { accountId: account.id } })).toBe(2);
    expect(await messages()).toEqual([expect.objectContaining({ recipient: "amelie.lire@exemple.fr", template: "compteModifie", text: expect.stringContaining("Léa retiré(e)") })]);
  });

  it("is refused while the account awaits validation, and changes nothing", async () => {
    const { account, citizen, tenant, childId } = await setup("EN_ATTENTE");
    const before = await snapshot(account.id);
    expect(await removeMember(citizen, tenant, childId)).toEqual({ ok: false, message: PENDING_MESSAGE });
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);
  });

  it("cannot remove a member of another household, of this commune or another, nor the holder", async () => {
    const { account, citizen, tenant, childId, spouseId, holderId } = await setup();
    const { neighbour, stranger, elsewhere } = await outsiders(tenant);
    const before = await snapshot(account.id);
    for (const [outsider, commune] of [[neighbour, tenant], [stranger, elsewhere]] as const) {
      for (const id of [childId, spouseId]) {
        expect(await removeMember(outsider, commune, id)).toEqual({ ok: false, message: "Cette personne ne fait pas partie de votre foyer." });
      }
    }
    expect(await removeMember(citizen, tenant, holderId)).toMatchObject({ ok: false });
    for (const junk of [null, 42, "pas-un-identifiant", { id: childId }]) expect(await removeMember(citizen, tenant, junk)).toMatchObject({ ok: false });
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);
  });
});

describe("changePassword", () => {
  const input = (overrides: Record<string, unknown> = {}) => ({ currentPassword: DEFAULT_PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD, ...overrides });

  it("needs the current password, ends every session and retires the old password", async () => {
    const { account, citizen, tenant } = await setup();
    const result = await changePassword(citizen, tenant, input());
    expect(result).toEqual({ ok: true, message: expect.stringContaining("mot de passe est modifié"), data: { sessionVersion: 1 } });
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ sessionVersion: 1 });
    expect(await authenticate(tenant, "amélie.lire", DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(tenant, "amélie.lire", NEW_PASSWORD)).toMatchObject({ ok: true, sessionVersion: 1 });
    expect(await messages()).toEqual([expect.objectContaining({ recipient: "amelie.lire@exemple.fr", template: "motDePasseModifie" })]);
    // A security event of the commune's audit log; the wrong password tried after it too.
    expect(await db.auditEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorKind: true, actorId: true } })).toEqual([
      { action: "citoyen.mot-de-passe", actorKind: "CITOYEN", actorId: account.id },
      { action: "citoyen.echec", actorKind: "CITOYEN", actorId: account.id },
    ]);
  });

  it("refuses a wrong current password, a weak or personal new one, and two different ones, changing nothing", async () => {
    const { account, citizen, tenant } = await setup();
    const before = await snapshot(account.id);
    expect(await changePassword(citizen, tenant, input({ currentPassword: "pas le bon mot de passe" }))).toEqual({
      ok: false, fieldErrors: { currentPassword: "Mot de passe actuel incorrect." },
    });
    expect(await changePassword(citizen, tenant, input({ password: "court", passwordConfirm: "court" }))).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect(await changePassword(citizen, tenant, input({ password: "amelie-lire-beaucouze", passwordConfirm: "amelie-lire-beaucouze" }))).toMatchObject({
      ok: false, fieldErrors: { password: expect.any(String) },
    });
    expect(await changePassword(citizen, tenant, input({ passwordConfirm: "plume-girafe-horizon-43" }))).toMatchObject({
      ok: false, fieldErrors: { passwordConfirm: "Les deux mots de passe ne sont pas identiques." },
    });
    for (const junk of [null, "texte", { currentPassword: 42 }]) expect(await changePassword(citizen, tenant, junk)).toMatchObject({ ok: false });
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);
  });

  it("stays open while the account awaits validation, and ignores fields the form does not have", async () => {
    const { account, citizen, tenant } = await setup("EN_ATTENTE");
    const other = await createFullTenant();
    const result = await changePassword(citizen, tenant, input({ status: "VALIDE", tenantId: other.id, identifiant: "admin", accountId: other.id, sessionVersion: 42 }));
    expect(result).toMatchObject({ ok: true, data: { sessionVersion: 1 } });
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ status: "EN_ATTENTE", tenantId: tenant.id, identifiant: "amélie.lire", sessionVersion: 1 });
  });

  it("does not reach the account from another commune's session", async () => {
    const { account, tenant } = await setup();
    const { elsewhere } = await outsiders(tenant);
    const before = await snapshot(account.id);
    expect(await changePassword(citizenOf(account, "VALIDE", elsewhere.id), elsewhere, input())).toMatchObject({ ok: false });
    expect(await snapshot(account.id)).toEqual(before);
  });
});

describe("changeSecurityQuestion", () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    currentPassword: DEFAULT_PASSWORD, securityQuestion: "Quel était le nom de votre première école ?", securityAnswer: "Les Tilleuls", ...overrides,
  });

  it("saves a chosen or written question and its answer with the current password, and notifies", async () => {
    const { account, citizen, tenant } = await setup();
    expect(await changeSecurityQuestion(citizen, tenant, input())).toMatchObject({ ok: true });
    let saved = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(saved.securityQuestion).toBe("Quel était le nom de votre première école ?");
    expect(await verifySecret(saved.securityAnswerHash, normalizeAnswer("les tilleuls"))).toBe(true);

    expect(await changeSecurityQuestion(citizen, tenant, input({ securityQuestion: "Où ai-je appris à nager ?", securityAnswer: "Piscine Aquavita" }))).toMatchObject({ ok: true });
    saved = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(saved.securityQuestion).toBe("Où ai-je appris à nager ?");
    expect(await messages()).toEqual([
      expect.objectContaining({ recipient: "amelie.lire@exemple.fr", template: "compteModifie", text: expect.stringContaining("question de sécurité modifiée") }),
      expect.objectContaining({ template: "compteModifie" }),
    ]);
  });

  it("refuses a wrong current password or a missing answer, changing nothing", async () => {
    const { account, citizen, tenant } = await setup();
    const before = await snapshot(account.id);
    expect(await changeSecurityQuestion(citizen, tenant, input({ currentPassword: "pas le bon mot de passe" }))).toEqual({
      ok: false, fieldErrors: { currentPassword: "Mot de passe actuel incorrect." },
    });
    expect(await changeSecurityQuestion(citizen, tenant, input({ securityAnswer: " ", securityQuestion: "" }))).toMatchObject({
      ok: false, fieldErrors: { securityAnswer: expect.any(String), securityQuestion: expect.any(String) },
    });
    for (const junk of [null, "texte", 42]) expect(await changeSecurityQuestion(citizen, tenant, junk)).toMatchObject({ ok: false });
    expect(await snapshot(account.id)).toEqual(before);
    expect(await messages()).toEqual([]);
  });

  it("stays open while the account awaits validation, ignores extra fields, and not from another commune", async () => {
    const { account, citizen, tenant } = await setup("EN_ATTENTE");
    const { elsewhere } = await outsiders(tenant);
    expect(await changeSecurityQuestion(citizenOf(account, "EN_ATTENTE", elsewhere.id), elsewhere, input())).toMatchObject({ ok: false });
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).securityQuestion).toBe("Quel est le nom de votre premier animal de compagnie ?");

    expect(await changeSecurityQuestion(citizen, tenant, input({ status: "VALIDE", tenantId: elsewhere.id, identifiant: "admin", accountId: elsewhere.id }))).toMatchObject({ ok: true });
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      status: "EN_ATTENTE", tenantId: tenant.id, identifiant: "amélie.lire", securityQuestion: "Quel était le nom de votre première école ?",
    });
  });
});
