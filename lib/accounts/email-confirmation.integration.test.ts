import { checkEmailToken, confirmEmail } from "@/lib/accounts/email-confirmation";
import { signupSchema } from "@/lib/accounts/schema";
import { createAccount, EMAIL_CONFIRMATION_TTL_MS } from "@/lib/accounts/signup";
import { issueToken } from "@/lib/accounts/tokens";
import { db } from "@/lib/db";
import { createAccountRow, createFullTenant } from "@/tests/factories";

const DAY = 24 * 3_600_000;

/** An account whose address is not confirmed yet, and a confirmation link for it issued at `now`. */
async function unconfirmed(tenant: { id: string }, now = new Date()) {
  const account = await createAccountRow(tenant, { email: `camille.${Math.random().toString(36).slice(2)}@exemple.fr` });
  await db.account.update({ where: { id: account.id }, data: { emailConfirmedAt: null } });
  const token = await db.$transaction((tx) => issueToken(tx, account.id, "EMAIL", EMAIL_CONFIRMATION_TTL_MS, account.email, now));
  return { account, token };
}

const confirmedAt = async (id: string) => (await db.account.findUniqueOrThrow({ where: { id }, select: { emailConfirmedAt: true } })).emailConfirmedAt;

describe("confirmEmail", () => {
  it("confirms the address with the link of the welcome email", async () => {
    const tenant = await createFullTenant();
    const input = signupSchema(tenant.name).parse({
      acceptTerms: true, civility: "Monsieur", firstNames: "Yann", birthName: "Le Goff", usageName: "", birthDate: "1979-03-03",
      birthPlace: "Brest", addressLine1: "1 quai", addressLine2: "", postalCode: "29200", city: "Brest", email: "yann@exemple.fr",
      phone: "", mobile: "", channel: "EMAIL", members: [], password: "phare-embruns-goeland-9", passwordConfirm: "phare-embruns-goeland-9",
      securityQuestion: "Quel était le nom de votre première école ?", securityAnswer: "Kerichen",
    });
    await createAccount(tenant, input);
    const mail = await db.message.findFirstOrThrow({ select: { text: true } });
    const token = /\/confirmer-mon-adresse\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();

    expect(await checkEmailToken(tenant, token!)).toBe("valid");
    expect(await confirmEmail(tenant, token!)).toEqual({ ok: true, email: "yann@exemple.fr" });
    const account = await db.account.findFirstOrThrow({ select: { emailConfirmedAt: true } });
    expect(account.emailConfirmedAt).toBeInstanceOf(Date);
  });

  it("works once: a second use of the link is refused as used", async () => {
    const tenant = await createFullTenant();
    const { account, token } = await unconfirmed(tenant);

    expect(await confirmEmail(tenant, token)).toMatchObject({ ok: true });
    const first = await confirmedAt(account.id);
    expect(await confirmEmail(tenant, token)).toEqual({ ok: false, reason: "used" });
    expect(await checkEmailToken(tenant, token)).toBe("used");
    expect(await confirmedAt(account.id)).toEqual(first);
  });

  it("lets only one of two simultaneous clicks spend the link", async () => {
    const tenant = await createFullTenant();
    const { token } = await unconfirmed(tenant);
    const results = await Promise.all([confirmEmail(tenant, token), confirmEmail(tenant, token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results).toContainEqual({ ok: false, reason: "used" });
  });

  it("refuses an expired link and confirms nothing", async () => {
    const tenant = await createFullTenant();
    const issued = new Date("2026-03-01T10:00:00Z");
    const { account, token } = await unconfirmed(tenant, issued);

    const later = new Date(issued.getTime() + 7 * DAY + 1);
    expect(await checkEmailToken(tenant, token, later)).toBe("expired");
    expect(await confirmEmail(tenant, token, later)).toEqual({ ok: false, reason: "expired" });
    expect(await confirmedAt(account.id)).toBeNull();
    // Just before the end of its life it still works.
    expect(await confirmEmail(tenant, token, new Date(issued.getTime() + 7 * DAY - 1000))).toMatchObject({ ok: true });
  });

  it("does not know another commune's link, and leaves it usable at home", async () => {
    const home = await createFullTenant();
    const elsewhere = await createFullTenant();
    const { account, token } = await unconfirmed(home);

    expect(await checkEmailToken(elsewhere, token)).toBe("unknown");
    expect(await confirmEmail(elsewhere, token)).toEqual({ ok: false, reason: "unknown" });
    expect(await confirmedAt(account.id)).toBeNull();
    expect(await confirmEmail(home, token)).toMatchObject({ ok: true });
  });

  it("does not know a made-up link", async () => {
    const tenant = await createFullTenant();
    await unconfirmed(tenant);
    for (const token of ["", "abc", "A".repeat(43), "../../etc/passwd", "x".repeat(5000)]) {
      expect(await confirmEmail(tenant, token)).toEqual({ ok: false, reason: "unknown" });
    }
    expect(await db.account.count({ where: { emailConfirmedAt: { not: null } } })).toBe(0);
  });

  it("stops an older link once a newer one was sent", async () => {
    const tenant = await createFullTenant();
    const { account, token: older } = await unconfirmed(tenant);
    const newer = await db.$transaction((tx) => issueToken(tx, account.id, "EMAIL", EMAIL_CONFIRMATION_TTL_MS, account.email));

    expect(await confirmEmail(tenant, older)).toEqual({ ok: false, reason: "used" });
    expect(await confirmEmail(tenant, newer)).toMatchObject({ ok: true });
  });

  it("makes a new address the account's only when its link is used", async () => {
    const tenant = await createFullTenant();
    const account = await createAccountRow(tenant, { email: "ancienne@exemple.fr" });
    const token = await db.$transaction((tx) => issueToken(tx, account.id, "EMAIL", EMAIL_CONFIRMATION_TTL_MS, "nouvelle@exemple.fr"));
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).email).toBe("ancienne@exemple.fr");

    expect(await confirmEmail(tenant, token)).toMatchObject({ ok: true, email: "nouvelle@exemple.fr" });
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ email: "nouvelle@exemple.fr", emailConfirmedAt: expect.any(Date) });
  });
});
