import { requireAgent } from "@/lib/agents/session";
import { csvDocument } from "@/lib/billing/invoice-input";
import { EXPORT_LIMIT, exportPayments, PAYMENT_STATUS_LABELS, readPaymentFilters } from "@/lib/billing/invoices";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

// GET /admin/factures/paiements/export?regie=…&statut=…: the commune's card payments as CSV for the
// reconciliation with the régie's accounts (semicolons and a BOM, as French Excel expects; a cell
// that starts like a formula is defused). It names households and amounts: audited.
export const dynamic = "force-dynamic";

const PROVIDERS = { SIMULATION: "Simulation", STRIPE: "Stripe" } as const;

export async function GET(request: Request) {
  const tenant = await requireTenant();
  const agent = await requireAgent("factures.gerer");
  const filters = readPaymentFilters(Object.fromEntries(new URL(request.url).searchParams));
  let exported: Awaited<ReturnType<typeof exportPayments>>;
  try {
    exported = await exportPayments(agent, tenant, filters, clientAddress(request.headers));
  } catch (error) {
    log("error", "payments export failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return new Response("L'export n'a pas pu être préparé à cause d'un incident technique. Réessayez dans un instant.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const zone = tenant.settings.timezone;
  const format = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: zone });
  const date = (d: Date | null) => (d ? format.format(d) : "");
  // « 48,60 »: a number French Excel reads as such.
  const euros = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");
  const { rows, truncated } = exported;
  const body = csvDocument([
    ["Date", "Régie", "Identifiant", "Factures", "Montant (€)", "État", "Moyen", "Référence du prestataire", "Terminé le", "Signalement", "Paiement"],
    ...rows.map((p) => [
      date(p.createdAt), p.regie.name, p.account.identifiant, p.items.map((i) => i.invoice.number).join(", "), euros(p.amountCents),
      PAYMENT_STATUS_LABELS[p.status], PROVIDERS[p.provider], p.providerRef ?? "", date(p.completedAt), p.flag ?? "", p.id,
    ]),
    ...(truncated ? [[`Export limité aux ${EXPORT_LIMIT.toLocaleString("fr-FR")} premiers paiements : choisissez une régie ou un état pour obtenir les autres.`]] : []),
  ]);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="paiements-${tenant.slug}-${stamp}.csv"`,
      "Cache-Control": "private, no-store",
      ...(truncated ? { "X-Export-Truncated": "true" } : {}),
    },
  });
}
