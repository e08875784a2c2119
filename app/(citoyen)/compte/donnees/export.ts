import { personalData, personalDataFileName } from "@/lib/accounts/personal-data";
import { renderPersonalDataPdf } from "@/lib/accounts/personal-data-pdf";
import { getCitizen } from "@/lib/auth/session";
import { logoForDocuments } from "@/lib/commune/logo";
import { log } from "@/lib/log";
import { PRIVATE_FILE } from "@/lib/security/headers";
import { getTenant } from "@/lib/tenancy/request";

// « Mes données » as a file (./json and ./pdf): for the signed-in citizen of this commune only (the
// session is checked for this very host). Anyone else: a 404 that says why.

const NOT_FOUND = "Connectez-vous pour télécharger vos données, depuis « Compte », puis « Mes données ».";

export async function personalDataFile(format: "json" | "pdf"): Promise<Response> {
  const tenant = await getTenant();
  const citizen = tenant ? await getCitizen() : null;
  const data = tenant && citizen ? await personalData(citizen, tenant) : null;
  if (!tenant || !data) return new Response(NOT_FOUND, { status: 404, headers: { ...PRIVATE_FILE, "Content-Type": "text/plain; charset=utf-8" } });
  // Technical fields only: which commune and which format, never who.
  log("info", "donnees.export", { tenant: tenant.slug, format });
  const body = format === "json"
    ? JSON.stringify(data, null, 2)
    : new Uint8Array(await renderPersonalDataPdf(data, { ...tenant, logo: await logoForDocuments(tenant) }));
  return new Response(body, {
    headers: {
      ...PRIVATE_FILE,
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "application/pdf",
      "Content-Disposition": `attachment; filename="${personalDataFileName(tenant)}.${format}"`,
    },
  });
}
