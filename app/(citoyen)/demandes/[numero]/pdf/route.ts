import { getCitizen } from "@/lib/auth/session";
import { logoForDocuments } from "@/lib/commune/logo";
import { getRequestDetail } from "@/lib/requests/detail";
import { renderRequestPdf } from "@/lib/requests/pdf";
import { getTenant } from "@/lib/tenancy/request";
import { PRIVATE_FILE } from "@/lib/security/headers";

// GET /demandes/:numero/pdf: the récapitulatif of a sent request, for the citizen who sent it.
// The commune comes from the host and the citizen from the session (getCitizen checks that the
// session is for this very commune). Signed out, another citizen's or another commune's number, a
// draft or an unknown number: the same 404, which reveals nothing.
//
// Served `inline`: a plain link opens it in the browser's PDF viewer, which prints and saves it;
// no script and no new window, so no pop-up blocker ever stands in the way. The file name is
// the one « Enregistrer » proposes.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ numero: string }> };

const NOT_FOUND =
  "Cette demande est introuvable. Si votre session a expiré, reconnectez-vous puis ouvrez le récapitulatif depuis « Mes demandes ».";

export async function GET(_request: Request, { params }: Context) {
  const { numero } = await params;
  const tenant = await getTenant();
  const citizen = tenant ? await getCitizen() : null;
  const detail = tenant && citizen ? await getRequestDetail(citizen, numero) : null;
  if (!tenant || !detail) {
    return new Response(NOT_FOUND, { status: 404, headers: { ...PRIVATE_FILE, "Content-Type": "text/plain; charset=utf-8" } });
  }
  const pdf = await renderRequestPdf(detail, { ...tenant, logo: await logoForDocuments(tenant) });
  return new Response(new Uint8Array(pdf), {
    headers: {
      ...PRIVATE_FILE,
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      // The number is ours (three letters, the year, six digits): nothing to escape.
      "Content-Disposition": `inline; filename="demande-${detail.numero}.pdf"`,
    },
  });
}
