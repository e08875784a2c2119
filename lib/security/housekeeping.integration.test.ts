import { db } from "@/lib/db";
import { ERASED_TEXT, unsafeHousekeeping } from "@/lib/security/housekeeping";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { createAccountRow, createFullTenant, createMessage } from "@/tests/factories";

describe("housekeeping", () => {
  it("forgets expired limits, captcha uses, old failures and spent tokens, and keeps what still counts", async () => {
    const now = new Date("2026-11-24T12:00:00Z");
    const twoDaysAgo = new Date("2026-11-22T12:00:00Z");
    const t = await createFullTenant();
    const a = await createAccountRow(t);
    await hitRateLimit("login-ip", "1.2.3.4", 10, 60_000, twoDaysAgo);
    await hitRateLimit("login-ip", "5.6.7.8", 10, 60_000, now);
    await db.captchaUse.createMany({ data: [{ signature: "old", expiresAt: twoDaysAgo }, { signature: "live", expiresAt: new Date("2026-11-24T12:05:00Z") }] });
    await db.loginFailure.createMany({ data: [{ accountId: a.id, createdAt: twoDaysAgo }, { accountId: a.id, createdAt: now }] });
    await db.accountToken.createMany({
      data: [
        { accountId: a.id, kind: "MOT_DE_PASSE", tokenHash: "expired", expiresAt: twoDaysAgo },
        { accountId: a.id, kind: "EMAIL", tokenHash: "live", expiresAt: new Date("2026-11-30T00:00:00Z") },
      ],
    });

    const oldReset = await createMessage(t, { status: "ENVOYE", createdAt: twoDaysAgo, text: "Lien : https://x/mot-de-passe-oublie/secret" });
    const freshReset = await createMessage(t, { status: "ENVOYE", createdAt: now, text: "Lien : https://x/mot-de-passe-oublie/frais" });
    const oldNotice = await createMessage(t, { status: "ENVOYE", createdAt: twoDaysAgo, text: "Compte modifié" });
    await db.message.updateMany({ where: { id: { in: [oldReset.id, freshReset.id] } }, data: { template: "reinitialisation" } });
    await db.message.updateMany({ where: { id: oldNotice.id }, data: { template: "compteModifie" } });

    expect(await unsafeHousekeeping(now)).toEqual({ rateLimits: 1, captchas: 1, failures: 1, tokens: 1, erasedMessages: 1, attachments: 0 });
    const text = async (id: string) => (await db.message.findUniqueOrThrow({ where: { id } })).text;
    expect(await text(oldReset.id)).toBe(ERASED_TEXT);
    expect(await text(freshReset.id)).toContain("frais");
    expect(await text(oldNotice.id)).toBe("Compte modifié");
    expect(await db.rateLimit.count()).toBe(1);
    expect((await db.captchaUse.findMany()).map((c) => c.signature)).toEqual(["live"]);
    expect(await db.loginFailure.count()).toBe(1);
    expect((await db.accountToken.findMany()).map((x) => x.tokenHash)).toEqual(["live"]);
  });
});
