import { personalData, personalDataFileName } from "@/lib/accounts/personal-data";
import { renderPersonalDataPdf } from "@/lib/accounts/personal-data-pdf";
import { getCitizen } from "@/lib/auth/session";
import { logoForDocuments } from "@/lib/commune/logo";
import { log } from "@/lib/log";
import { getTenant } from "@/lib/tenancy/request";
import { PRIVATE_FILE } from "@/lib/security/headers";

// GET /compte/donnees/pdf: « Mes données » as a PDF to read or keep, for the signed-in citizen of
// this commune only. Anyone else: a 404 that says why.
export const dynamic = "force-dynamic";

const NOT_FOUND = "Connectez-vous pour télécharger vos données, depuis « Compte », puis « Mes données ».";

export async function GET() {
  const tenant = await getTenant();
  const citizen = tenant ? await getCitizen() : null;
  const data = tenant && citizen ? await personalData(citizen, tenant) : null;
  if (!tenant || !data) return new Response(NOT_FOUND, { status: 404, headers: { ...PRIVATE_FILE, "Content-Type": "text/plain; charset=utf-8" } });
  log("info", "donnees.export", { tenant: tenant.slug, format: "pdf" });
  const pdf = await renderPersonalDataPdf(data, { ...tenant, logo: await logoForDocuments(tenant) });
  return new Response(new Uint8Array(pdf), {
    headers: {
      ...PRIVATE_FILE,
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="${personalDataFileName(tenant)}.pdf"`,
    },
  });
}
