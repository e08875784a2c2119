import { personalData, personalDataFileName } from "@/lib/accounts/personal-data";
import { getCitizen } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { getTenant } from "@/lib/tenancy/request";
import { PRIVATE_FILE } from "@/lib/security/headers";

// GET /compte/donnees/json: « Mes données » as a JSON file, for the signed-in citizen of this
// commune only (the session is checked for this very host). Anyone else: a 404 that says why.
export const dynamic = "force-dynamic";

const NOT_FOUND = "Connectez-vous pour télécharger vos données, depuis « Compte », puis « Mes données ».";

export async function GET() {
  const tenant = await getTenant();
  const citizen = tenant ? await getCitizen() : null;
  const data = tenant && citizen ? await personalData(citizen, tenant) : null;
  if (!tenant || !data) return new Response(NOT_FOUND, { status: 404, headers: { ...PRIVATE_FILE, "Content-Type": "text/plain; charset=utf-8" } });
  // Technical fields only: which commune and which format, never who.
  log("info", "donnees.export", { tenant: tenant.slug, format: "json" });
  const body = JSON.stringify(data, null, 2);
  return new Response(body, {
    headers: {
      ...PRIVATE_FILE,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${personalDataFileName(tenant)}.json"`,
    },
  });
}
