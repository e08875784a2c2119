import { onRequest } from "@/tests/next-headers";
import { encode } from "next-auth/jwt";
import { definePDFJSModule, extractText, getDocumentProxy } from "unpdf";
import { GET } from "@/app/(citoyen)/demandes/[numero]/pdf/route";
import { SESSION_COOKIE } from "@/lib/auth/options";
import type { Citizen } from "@/lib/auth/session";
import { authSecret } from "@/lib/env";
import { saveDraft } from "@/lib/requests/drafts";
import { submitDraft } from "@/lib/requests/submission";
import { createAccountRow, createFullTenant, createProcedure, createTheme } from "@/tests/factories";

// The route as the browser calls it: the commune comes from the Host header and the citizen from
// the session cookie. Next's request headers and cookies are the one thing stood in for.
jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);

beforeAll(async () => {
  // unpdf finds PDF.js with a dynamic import, which Jest's CommonJS runtime cannot run: hand it over.
  await definePDFJSModule(() => import("unpdf/pdfjs"));
});

const form = {
  steps: [
    {
      id: "objets",
      title: "Vos encombrants",
      fields: [
        { type: "textarea", name: "objets", label: "Objets à enlever", required: true },
        { type: "yesno", name: "lourd", label: "Objets lourds ?", required: true },
      ],
    },
  ],
};

async function commune(host: string, code: string) {
  const tenant = await createFullTenant({ hosts: [host], code, officialName: `Mairie de ${code}` });
  const theme = await createTheme(tenant, "cadre-de-vie", "Cadre de vie");
  await createProcedure(tenant, theme, { slug: "encombrants", title: "Enlèvement des encombrants", definition: form });
  /** A signed-in citizen of this commune with one sent request, and the cookie of their session. */
  const citizen = async () => {
    const account = await createAccountRow(tenant);
    const actor: Citizen = { kind: "citizen", id: account.id, tenantId: tenant.id, identifiant: account.identifiant, status: "VALIDE", firstNames: "Camille", lastName: "Martin", emailConfirmed: true };
    const saved = await saveDraft(actor, { procedure: "encombrants", answers: { objets: "Un réfrigérateur et une armoire à glace", lourd: true } });
    if (!saved.ok) throw new Error(saved.message);
    const sent = await submitDraft(actor, tenant, saved.data);
    if (!sent.ok) throw new Error(sent.message);
    const token = { accountId: account.id, tenantId: tenant.id, sv: account.sessionVersion, authTime: Math.floor(Date.now() / 1000) };
    const cookie = `${SESSION_COOKIE}=${await encode({ token, secret: authSecret(), maxAge: 1800 })}`;
    return { numero: sent.data.numero, cookie, host };
  };
  return { tenant, citizen };
}

type Session = { host: string; cookie?: string };

function get(session: Session, numero: string) {
  const request = new Request(`http://${session.host}/demandes/${encodeURIComponent(numero)}/pdf`, {
    headers: { host: session.host, ...(session.cookie ? { cookie: session.cookie } : {}) },
  });
  onRequest(request.headers);
  return GET(request, { params: Promise.resolve({ numero }) });
}

describe("GET /demandes/:numero/pdf", () => {
  it("gives its owner the récapitulatif, shown in the browser, never cached", async () => {
    const sete = await commune("sete.test", "SET");
    const me = await sete.citizen();
    const res = await get(me, me.numero);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="demande-${me.numero}.pdf"`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get("content-length")).toBe(String(bytes.length));

    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    for (const expected of ["Mairie de SET", me.numero, "Enlèvement des encombrants", "Un réfrigérateur et une armoire à glace", "Objets lourds ? Oui", "Déposée"]) {
      expect(flat).toContain(expected);
    }
  });

  it("is the same 404 for another citizen, another commune, the signed-out and an unknown number", async () => {
    const sete = await commune("sete.test", "SET");
    const me = await sete.citizen();
    const neighbour = await sete.citizen();
    const other = await (await commune("beaucouze.test", "BCZ")).citizen();

    for (const [session, numero] of [
      [neighbour, me.numero],
      [{ host: me.host }, me.numero],
      // My session is for my commune only: on another commune's address I am signed out.
      [{ host: other.host, cookie: me.cookie }, me.numero],
      // Another commune's citizen, on my commune's address, with their own number or mine.
      [{ host: me.host, cookie: other.cookie }, other.numero],
      [{ host: me.host, cookie: other.cookie }, me.numero],
      [other, me.numero],
      [me, other.numero],
      [me, "SET-2000-000001"],
      [me, "n'importe quoi"],
    ] as [Session, string][]) {
      const res = await get(session, numero);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect(await res.text()).toContain("Cette demande est introuvable.");
    }
    expect((await get(me, me.numero)).status).toBe(200);
  });
});
