import { requireAgent } from "@/lib/agents/session";
import { invoiceCsvTemplate } from "@/lib/billing/invoice-input";

// GET /admin/factures/modele: the CSV file to start from (the columns and two example lines), for
// the admins who import invoices.
export const dynamic = "force-dynamic";

export async function GET() {
  await requireAgent("factures.importer");
  return new Response(invoiceCsvTemplate(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="modele-factures.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
