import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { RichText } from "@/components/rich-text";
import type { StaffActor } from "@/lib/agents/scope";
import { deleteFaqEntry, faqForAdmin, moveFaqEntry, saveFaqEntry } from "@/lib/commune/faq";
import { db } from "@/lib/db";
import { listFaq } from "@/lib/tenancy/content";
import { createFullTenant } from "@/tests/factories";

// The FAQ edited by the commune's admins, as the public page reads it.

const adminOf = (tenant: { id: string }): StaffActor => ({ kind: "agent", id: crypto.randomUUID(), tenantId: tenant.id, role: "ADMIN", serviceIds: [] });
const empty = async (tenant: { id: string }) => db.faqEntry.deleteMany({ where: { tenantId: tenant.id } });

describe("the FAQ editor", () => {
  it("adds each entry at the end of its section, edits, reorders and removes; the public page follows", async () => {
    const tenant = await createFullTenant();
    await empty(tenant);
    const admin = adminOf(tenant);
    const add = (section: string, question: string) => saveFaqEntry(admin, tenant, null, { section, question, answer: `Réponse à ${question}` });
    await add("Mon compte", "Créer un compte ?");
    await add("Démarches", "Suivre une demande ?");
    await add("Mon compte", "Mot de passe oublié ?");
    const questions = async () => (await faqForAdmin(admin)).map((e) => e.question);
    expect(await questions()).toEqual(["Créer un compte ?", "Mot de passe oublié ?", "Suivre une demande ?"]);

    const [first, second] = await faqForAdmin(admin);
    expect(await saveFaqEntry(admin, tenant, first!.id, { section: "Mon compte", question: "Comment créer un compte ?", answer: "En ligne." })).toMatchObject({ ok: true });
    expect(await moveFaqEntry(admin, tenant, second!.id, "haut")).toMatchObject({ ok: true });
    expect(await questions()).toEqual(["Mot de passe oublié ?", "Comment créer un compte ?", "Suivre une demande ?"]);
    expect(await deleteFaqEntry(admin, tenant, second!.id)).toMatchObject({ ok: true });
    expect((await listFaq(tenant)).map((s) => [s.title, s.entries.map((e) => e.question)])).toEqual([
      ["Mon compte", ["Comment créer un compte ?"]],
      ["Démarches", ["Suivre une demande ?"]],
    ]);
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "commune.faq" } })).toBe(6);
  });

  it("never reaches another commune's entries, and asks for each field in French", async () => {
    const tenant = await createFullTenant();
    const other = await createFullTenant();
    await saveFaqEntry(adminOf(other), other, null, { section: "Mon compte", question: "Leur question ?", answer: "Leur réponse." });
    const theirs = (await faqForAdmin(adminOf(other)))[0]!;
    const admin = adminOf(tenant);
    expect(await saveFaqEntry(admin, tenant, theirs.id, { section: "X", question: "Piratée ?", answer: "Oui" })).toMatchObject({ ok: false });
    expect(await moveFaqEntry(admin, tenant, theirs.id, "bas")).toMatchObject({ ok: false });
    expect(await deleteFaqEntry(admin, tenant, theirs.id)).toMatchObject({ ok: false });
    expect(await saveFaqEntry(adminOf(other), tenant, null, { section: "X", question: "Q", answer: "R" })).toMatchObject({ ok: false });
    expect(await db.faqEntry.findUniqueOrThrow({ where: { id: theirs.id }, select: { question: true } })).toEqual({ question: theirs.question });
    expect(await saveFaqEntry(admin, tenant, null, { section: " ", question: "", answer: "" })).toMatchObject({
      ok: false, fieldErrors: { section: expect.any(String), question: "Écrivez la question.", answer: "Écrivez la réponse." },
    });
  });

  it("shows hostile markup in an answer as the characters typed, never as HTML", async () => {
    const tenant = await createFullTenant();
    const admin = adminOf(tenant);
    const answer = `<script>alert("x")</script>\n\n- <img src=x onerror="alert(1)">\n\n## <a href="javascript:alert(1)">piège</a>`;
    await saveFaqEntry(admin, tenant, null, { section: "Sécurité", question: "Piège ?", answer });
    const saved = (await faqForAdmin(admin)).find((e) => e.question === "Piège ?")!;
    const html = renderToStaticMarkup(createElement(RichText, { source: saved.answer }));
    expect(html).not.toMatch(/<script|<img|<a /);
    expect(html).toContain("&lt;script&gt;");
  });
});
