import { onRequest } from "@/tests/next-headers";
import { encode } from "next-auth/jwt";
import { definePDFJSModule, extractText, getDocumentProxy } from "unpdf";
import { GET as getJson } from "@/app/(citoyen)/compte/donnees/json/route";
import { GET as getPdf } from "@/app/(citoyen)/compte/donnees/pdf/route";
import { personalData } from "@/lib/accounts/personal-data";
import { SESSION_COOKIE } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { citizenOf, createAccountRow, createFullTenant, createInvoice, createProcedure, createRegieRow, createTheme } from "@/tests/factories";

// « Mes données »: everything about the citizen, nothing about anyone else, never a secret; served
// as files to the signed-in citizen of the host's commune only.
jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);

beforeAll(async () => {
  await definePDFJSModule(() => import("unpdf/pdfjs"));
});

let sequence = 0;

async function commune(host: string) {
  const tenant = await createFullTenant({ hosts: [host] });
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  const procedure = await createProcedure(tenant, theme, { title: "Enlèvement des encombrants" });
  const versionId = (await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } })).id;
  const regie = await createRegieRow(tenant, { name: "Régie Ville" });

  /** A citizen with a sent request (an agent's note on it), a message, an invoice paid by card. */
  const person = async (birthName: string, words: string) => {
    const account = await createAccountRow(tenant, { birthName, children: [{ firstNames: `Enfant${birthName}`, birthDate: "2015-05-05", sex: "F" }] });
    const numero = `${tenant.code}-2026-${String(++sequence).padStart(6, "0")}`;
    const request = await db.request.create({
      data: {
        tenantId: tenant.id, procedureId: procedure.id, versionId, accountId: account.id, status: "EN_COURS", numero, submittedAt: new Date(),
        answers: { demande: words },
        events: { create: [{ actorKind: "AGENT", fromStatus: "DEPOSEE", toStatus: "EN_COURS", publicMessage: `Prise en charge pour ${birthName}`, internalNote: `NOTE-INTERNE-${birthName}` }] },
        notes: { create: [{ tenantId: tenant.id, agentId: crypto.randomUUID(), text: `NOTE-AGENT-${birthName}` }] },
      },
      select: { id: true },
    });
    await db.attachment.create({
      data: { tenantId: tenant.id, accountId: account.id, requestId: request.id, fieldName: "demande", fileName: `piece-${birthName}.pdf`, kind: "pdf", size: 2048, storageKey: crypto.randomUUID() },
    });
    await db.message.create({
      data: {
        tenantId: tenant.id, accountId: account.id, requestId: request.id, channel: "EMAIL", recipient: account.email, template: "demandeEnCours",
        senderName: "Mairie", subject: `Votre demande ${numero}`, text: `Bonjour ${birthName}`, status: "ENVOYE", idempotencyKey: crypto.randomUUID(),
      },
    });
    await db.accountToken.create({ data: { accountId: account.id, kind: "MOT_DE_PASSE", tokenHash: `jeton-${crypto.randomUUID()}`, expiresAt: new Date(Date.now() + 3_600_000) } });
    const invoice = await createInvoice(account, regie, { number: `F-${birthName}`, status: "PAYEE" });
    await db.payment.create({
      data: {
        tenantId: tenant.id, regieId: regie.id, accountId: account.id, provider: "SIMULATION", providerRef: `ref-${birthName}`, status: "REUSSI",
        amountCents: invoice.amountCents, expiresAt: new Date(), completedAt: new Date(), items: { create: [{ invoiceId: invoice.id, amountCents: invoice.amountCents }] },
      },
    });
    const token = { accountId: account.id, tenantId: tenant.id, sv: account.sessionVersion, authTime: Math.floor(Date.now() / 1000) };
    const cookie = `${SESSION_COOKIE}=${await encode({ token, secret: authSecret(), maxAge: 1800 })}`;
    return { account, numero, cookie };
  };
  return { tenant, person };
}

const call = (route: typeof getJson, host: string, cookie?: string) => {
  onRequest({ host, ...(cookie ? { cookie } : {}) });
  return route();
};

describe("personal data export", () => {
  it("holds the citizen's account, household, requests, messages, invoices and payments", async () => {
    const { tenant, person } = await commune("donnees-a.localhost");
    const me = await person("Durand", "Un canapé bleu");
    const data = await personalData(citizenOf(me.account), tenant);
    expect(data).not.toBeNull();
    expect(data!.compte).toMatchObject({ identifiant: me.account.identifiant, nomDeNaissance: "Durand", courriel: me.account.email });
    expect(data!.foyer.map((m) => m.prenoms)).toEqual(expect.arrayContaining(["Camille", "EnfantDurand"]));
    expect(data!.demandes).toHaveLength(1);
    expect(data!.demandes[0]).toMatchObject({ numero: me.numero, demarche: "Enlèvement des encombrants", etat: "En cours d'instruction" });
    expect(JSON.stringify(data!.demandes[0]!.reponses)).toContain("Un canapé bleu");
    expect(data!.demandes[0]!.piecesJointes).toEqual([expect.objectContaining({ nom: "piece-Durand.pdf", tailleOctets: 2048 })]);
    expect(data!.demandes[0]!.historique[0]).toMatchObject({ message: "Prise en charge pour Durand" });
    expect(data!.demandes[0]!.messages).toHaveLength(1);
    expect(data!.messages).toEqual([expect.objectContaining({ objet: `Votre demande ${me.numero}`, texte: "Bonjour Durand" })]);
    expect(data!.factures).toEqual([expect.objectContaining({ numero: "F-Durand", regie: "Régie Ville", etat: "payée" })]);
    expect(data!.paiements).toEqual([expect.objectContaining({ reference: "ref-Durand", etat: "réussi", factures: [expect.objectContaining({ numero: "F-Durand" })] })]);
  });

  it("never holds another citizen's or another commune's data, nor a secret or an agent's note", async () => {
    const a = await commune("donnees-b.localhost");
    const b = await commune("donnees-c.localhost");
    const me = await a.person("Lefebvre", "Une armoire");
    await a.person("Voisin", "SECRET-DU-VOISIN");
    await b.person("Ailleurs", "SECRET-D-AILLEURS");
    const text = JSON.stringify(await personalData(citizenOf(me.account), a.tenant));
    for (const other of ["Voisin", "SECRET-DU-VOISIN", "Ailleurs", "SECRET-D-AILLEURS"]) expect(text).not.toContain(other);
    for (const internal of ["NOTE-INTERNE", "NOTE-AGENT", "jeton-", "argon2", "Médor"]) expect(text).not.toContain(internal);
    const hashes = await db.account.findUniqueOrThrow({ where: { id: me.account.id }, select: { passwordHash: true, securityAnswerHash: true } });
    expect(text).not.toContain(hashes.passwordHash);
    expect(text).not.toContain(hashes.securityAnswerHash);
    // A citizen of another commune asking on this commune's address gets nothing.
    expect(await personalData(citizenOf(me.account), b.tenant)).toBeNull();
  });

  it("serves the JSON and the PDF as private downloads to the signed-in citizen of the host's commune only", async () => {
    const a = await commune("donnees-d.localhost");
    const b = await commune("donnees-e.localhost");
    const me = await a.person("Moreau", "Trois chaises");

    const json = await call(getJson, "donnees-d.localhost", me.cookie);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toContain("application/json");
    expect(json.headers.get("content-disposition")).toMatch(/^attachment; filename="mes-donnees-.+\.json"$/);
    expect(json.headers.get("cache-control")).toContain("no-store");
    const body = await json.json();
    expect(body.compte.nomDeNaissance).toBe("Moreau");

    const pdf = await call(getPdf, "donnees-d.localhost", me.cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="mes-donnees-.+\.pdf"$/);
    expect(pdf.headers.get("cache-control")).toContain("no-store");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), { mergePages: true });
    expect(text).toContain("Mes données personnelles");
    expect(text).toContain("Moreau");
    expect(text).toContain(me.numero);
    expect(text).toContain("F-Moreau");

    // Signed out, or this session on another commune's address: 404, nothing given.
    for (const [route, host, cookie] of [[getJson, "donnees-d.localhost", undefined], [getPdf, "donnees-d.localhost", undefined], [getJson, "donnees-e.localhost", me.cookie], [getPdf, "donnees-e.localhost", me.cookie]] as const) {
      const response = await call(route, host, cookie);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("Moreau");
    }
    void b;
  });
});
