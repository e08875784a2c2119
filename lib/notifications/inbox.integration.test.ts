import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { markInboxRead, openInbox } from "@/lib/notifications/inbox";
import { createAccountRow, createFullTenant } from "@/tests/factories";

const citizenOf = (account: { id: string; identifiant: string }, tenantId: string): Citizen => ({
  kind: "citizen", id: account.id, tenantId, identifiant: account.identifiant, status: "VALIDE", firstNames: "Camille", lastName: "Martin", emailConfirmed: true,
});

describe("openInbox", () => {
  it("lists the citizen's own messages with their delivery; reading marks nothing, the page's POST does", async () => {
    const tenant = await createFullTenant();
    const account = await createAccountRow(tenant);
    const other = await createAccountRow(tenant);
    const message = (accountId: string, subject: string, status: "ENVOYE" | "ECHEC", lastError: string | null = null) =>
      db.message.create({
        data: { tenantId: tenant.id, accountId, channel: "EMAIL", recipient: "x@exemple.fr", template: "essai", senderName: "Mairie", subject, text: "Bonjour", status, lastError, idempotencyKey: crypto.randomUUID() },
      });
    await message(account.id, "Demande reçue", "ENVOYE");
    await message(account.id, "Demande acceptée", "ECHEC", "422 invalid recipient");
    await message(other.id, "Pour quelqu'un d'autre", "ENVOYE");
    // A reminder planned for next week is not there yet.
    await db.message.create({
      data: { tenantId: tenant.id, accountId: account.id, channel: "EMAIL", recipient: "x@exemple.fr", template: "rappel", senderName: "Mairie", subject: "Rappel", text: "Demain", idempotencyKey: crypto.randomUUID(), nextAttemptAt: new Date(Date.now() + 7 * 86_400_000) },
    });

    const first = await openInbox(citizenOf(account, tenant.id));
    expect(first.map((m) => [m.subject, m.isNew])).toEqual(expect.arrayContaining([["Demande reçue", true], ["Demande acceptée", true]]));
    expect(first).toHaveLength(2);
    expect(first.find((m) => m.subject === "Demande acceptée")?.failed).toMatch(/invalide/);
    // A GET (a prefetch, a preview) changes nothing.
    expect((await openInbox(citizenOf(account, tenant.id))).every((m) => m.isNew)).toBe(true);

    // A message arriving after the page was drawn stays new.
    const shownUpTo = first[0]!.createdAt;
    await message(account.id, "Arrivé après", "ENVOYE");
    expect(await markInboxRead(citizenOf(account, tenant.id), shownUpTo)).toBe(2);
    const after = await openInbox(citizenOf(account, tenant.id));
    expect(after.map((m) => [m.subject, m.isNew])).toEqual(expect.arrayContaining([["Arrivé après", true], ["Demande reçue", false], ["Demande acceptée", false]]));
    // Nobody else's.
    expect(await db.message.count({ where: { accountId: other.id, readAt: null } })).toBe(1);
  });
});
