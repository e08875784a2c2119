import { definePDFJSModule, extractText, getDocumentProxy } from "unpdf";
import type { RequestDetail } from "@/lib/requests/detail";
import { renderRequestPdf } from "@/lib/requests/pdf";

// The PDF is checked the way a person or a search tool reads it: its text, extracted by PDF.js.

beforeAll(async () => {
  // unpdf finds PDF.js with a dynamic import, which Jest's CommonJS runtime cannot run: hand it over.
  await definePDFJSModule(() => import("unpdf/pdfjs"));
});

/** The text of every page, each page's lines joined by spaces. */
async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, " ") };
}

const tenant = {
  officialName: "Mairie de Sète",
  contactAddress: "20 rue Paul Valéry\n34200 Sète",
  contactPhone: "04 67 46 80 00",
  contactEmail: "contact@sete.test",
  primaryColor: "#0b6e4f",
};

const detail: RequestDetail = {
  id: "0d9e8a1c-3f50-4a58-9a62-0f5a2f1f4b11",
  numero: "SET-2026-000042",
  version: 3,
  status: "REFUSEE",
  title: "Enlèvement des encombrants",
  submittedAt: "2026-03-02T09:15:00.000Z",
  processingDays: 10,
  member: { firstNames: "Łucja", lastName: "Cœurdevey" },
  sections: [
    {
      title: "Vos encombrants",
      items: [
        { label: "Objets à enlever", text: "Un réfrigérateur, une armoire à glace et un sèche-linge" },
        { label: "Objets lourds ?", text: "Oui" },
        { label: "Date souhaitée", text: "12 mars 2026" },
        { label: "Budget prévu", text: "1 234,50 €" },
      ],
    },
    { title: "Votre adresse", items: [{ label: "Adresse de l’enlèvement", text: "3 rue de l’Église, 34200 Sète" }] },
  ],
  pieces: [
    { field: "photo", label: "Photo des objets", state: "en ligne", fileName: "photo-été.jpg", attachmentId: "5b1b1d7e-7a3c-4c1e-9f0e-2b7d8e9f0a12", size: 1536 },
    { field: "justificatif", label: "Justificatif de domicile", state: "sur papier" },
    { field: "facture", label: "Facture d'achat", state: "manquante" },
  ],
  events: [
    { at: "2026-03-02T09:15:00.000Z", from: "BROUILLON", to: "DEPOSEE", actor: "vous", publicMessage: null },
    { at: "2026-03-03T14:00:00.000Z", from: "DEPOSEE", to: "EN_COURS", actor: "la mairie", publicMessage: "Votre demande est à l'étude." },
    { at: "2026-03-05T08:30:00.000Z", from: "EN_COURS", to: "REFUSEE", actor: "la mairie", publicMessage: "Les gravats ne sont pas des encombrants : déposez-les à la déchèterie." },
    { at: "2026-03-05T09:00:00.000Z", from: "REFUSEE", to: "REFUSEE", actor: "la mairie", publicMessage: "La déchèterie est ouverte le samedi." },
  ],
  decision: { status: "REFUSEE", motif: "Les gravats ne sont pas des encombrants : déposez-les à la déchèterie." },
};

describe("renderRequestPdf", () => {
  it("prints the commune, the number, the démarche, every answer, the pieces, the status, the decision and the timeline", async () => {
    const bytes = await renderRequestPdf(detail, tenant, new Date("2026-03-06T10:42:00Z"));
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBe(1);
    for (const expected of [
      "Mairie de Sète", "20 rue Paul Valéry", "34200 Sète", "04 67 46 80 00", "contact@sete.test",
      "Récapitulatif de votre demande",
      "SET-2026-000042", "Enlèvement des encombrants",
      "2 mars 2026 à 10 h 15", // sent, in France's time
      "6 mars 2026 à 11 h 42", // printed
      "Łucja Cœurdevey", // beyond Windows-1252 (Ł) and the ligature œ
      "Vos encombrants", "Un réfrigérateur, une armoire à glace et un sèche-linge", "12 mars 2026", "1 234,50 €",
      "Adresse de l’enlèvement", "3 rue de l’Église, 34200 Sète",
      "Photo des objets", "photo-été.jpg (1,5 Ko)", "À fournir sur papier", "Non fournie",
      "Statut actuel", "Refusée",
      "Votre demande est refusée", "Motif : Les gravats ne sont pas des encombrants : déposez-les à la déchèterie.",
      "Historique de la demande", "Déposée (par vous)", "En cours d'instruction (par la mairie)", "Votre demande est à l'étude.",
      "5 mars 2026 à 10 h 00 : Message (par la mairie) La déchèterie est ouverte le samedi.",
      "Page 1 sur 1",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("leaves out what a request does not have, and goes on to more pages when it is long", async () => {
    const long: RequestDetail = {
      ...detail,
      status: "EN_COURS",
      member: null,
      decision: null,
      pieces: [],
      sections: [{ title: "Votre demande", items: Array.from({ length: 60 }, (_, i) => ({ label: `Question ${i + 1}`, text: `Réponse numéro ${i + 1}` })) }],
    };
    const { pages, text } = await pdfText(await renderRequestPdf(long, tenant));
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain("Réponse numéro 60");
    expect(text).toContain(`Page ${pages} sur ${pages}`);
    expect(text).toContain("En cours d'instruction");
    for (const absent of ["Personne concernée", "Pièces justificatives", "Motif :", "Votre demande est refusée"]) expect(text).not.toContain(absent);
  });
});
