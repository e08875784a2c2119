import { confirmMobile } from "@/lib/accounts/mobile-confirmation";
import { createAccount } from "@/lib/accounts/signup";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createAccountRow, createFullTenant } from "@/tests/factories";

const citizenOf = (a: { id: string; tenantId: string; identifiant: string }): Citizen => ({
  kind: "citizen", id: a.id, tenantId: a.tenantId, identifiant: a.identifiant, status: "EN_ATTENTE", firstNames: "Amélie", lastName: "Lire", emailConfirmed: false,
});

async function signUpBySms(tenant: Awaited<ReturnType<typeof createFullTenant>>) {
  await createAccount(tenant, {
    acceptTerms: true, civility: "Madame", firstNames: "Amélie", birthName: "Lire", birthDate: "1990-01-02", birthPlace: "Angers",
    addressLine1: "1 rue Haute", postalCode: "49070", city: "Beaucouzé", email: "amelie@exemple.fr", mobile: "0611223344",
    channel: "SMS", members: [], password: "x", passwordConfirm: "x", securityQuestion: "Question ?", securityAnswer: "Réponse",
  } as never);
  const account = await db.account.findFirstOrThrow({ where: { tenantId: tenant.id }, select: { id: true, tenantId: true, identifiant: true } });
  const sms = await db.message.findFirstOrThrow({ where: { channel: "SMS" } });
  return { account, code: /(\d{6})/.exec(sms.text)![1]! };
}

describe("confirmMobile", () => {
  it("confirms the mobile with the code sent by SMS at sign-up, once", async () => {
    const t = await createFullTenant();
    const { account, code } = await signUpBySms(t);
    expect(await db.message.findFirstOrThrow({ where: { channel: "SMS" } })).toMatchObject({ recipient: "0611223344", template: "codeSms" });
    expect(await confirmMobile(citizenOf(account), { code })).toMatchObject({ ok: true });
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).mobileConfirmedAt).not.toBeNull();
    expect(await confirmMobile(citizenOf(account), { code })).toMatchObject({ ok: false });
  });

  it("counts wrong codes and voids the code after five", async () => {
    const t = await createFullTenant();
    const { account, code } = await signUpBySms(t);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect(await confirmMobile(citizenOf(account), { code: wrong })).toMatchObject({ ok: false });
    expect(await confirmMobile(citizenOf(account), { code })).toMatchObject({ ok: false, fieldErrors: { code: expect.stringContaining("plus valable") } });
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).mobileConfirmedAt).toBeNull();
  });

  it("counts codes tried all at once: five at most, then even the right one is refused", async () => {
    const t = await createFullTenant();
    const { account, code } = await signUpBySms(t);
    const wrong = code === "000000" ? "111111" : "000000";
    await Promise.all(Array.from({ length: 10 }, () => confirmMobile(citizenOf(account), { code: wrong })));
    expect((await db.accountToken.findFirstOrThrow({ where: { kind: "MOBILE" } })).failures).toBe(5);
    expect(await confirmMobile(citizenOf(account), { code })).toMatchObject({ ok: false });
  });

  it("is useless to another citizen, and expires", async () => {
    const t = await createFullTenant();
    const { account, code } = await signUpBySms(t);
    const other = await createAccountRow(t);
    expect(await confirmMobile(citizenOf(other), { code })).toMatchObject({ ok: false });
    expect(await confirmMobile(citizenOf(account), { code }, new Date(Date.now() + 16 * 60_000))).toMatchObject({ ok: false });
    expect(await confirmMobile(citizenOf(account), { code: "abc" })).toMatchObject({ ok: false, fieldErrors: { code: "Le code compte six chiffres." } });
  });
});
