import { getCitizen } from "@/lib/auth/session";
import { renderInvoicePdf } from "@/lib/billing/pdf";
import { invoiceOf } from "@/lib/billing/statement";
import { logoForDocuments } from "@/lib/commune/logo";
import { getTenant } from "@/lib/tenancy/request";
import { PRIVATE_FILE } from "@/lib/security/headers";

// GET /mes-comptes/factures/:id (?recu=1 for the receipt of a paid invoice): the household's own
// invoice as a PDF. Signed out, another household's or another commune's invoice, a pending
// account, or a receipt for an unpaid invoice: the same 404, which reveals nothing.
export const dynamic = "force-dynamic";


export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const receipt = new URL(request.url).searchParams.get("recu") === "1";
  const tenant = await getTenant();
  const citizen = tenant ? await getCitizen() : null;
  const invoice = tenant && citizen ? await invoiceOf(citizen, id) : null;
  if (!tenant || !invoice || (receipt && invoice.status !== "PAYEE")) {
    return new Response("Cette facture est introuvable. Si votre session a expiré, reconnectez-vous puis ouvrez-la depuis « Mes comptes ».", {
      status: 404, headers: { ...PRIVATE_FILE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const pdf = await renderInvoicePdf(invoice, { ...tenant, logo: await logoForDocuments(tenant) }, receipt);
  const name = `${receipt ? "recu" : "facture"}-${invoice.number.replace(/[^A-Za-z0-9-]/g, "_")}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: { ...PRIVATE_FILE, "Content-Type": "application/pdf", "Content-Length": String(pdf.length), "Content-Disposition": `inline; filename="${name}"` },
  });
}
