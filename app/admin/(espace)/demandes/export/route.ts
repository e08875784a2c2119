import { EXPORT_LIMIT, exportQueue, readQueueFilters } from "@/lib/agents/queue";
import { log } from "@/lib/log";
import { requireAgent } from "@/lib/agents/session";
import { statusLabel } from "@/lib/requests/status";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

// GET /admin/demandes/export?<the queue's filters>: the filtered queue as CSV for a spreadsheet
// (semicolons and a BOM, as French Excel expects). An export carries personal data: it is audited.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const tenant = await requireTenant();
  const agent = await requireAgent("demandes.voir");
  const filters = readQueueFilters(Object.fromEntries(new URL(request.url).searchParams));
  let exported: Awaited<ReturnType<typeof exportQueue>>;
  try {
    exported = await exportQueue(agent, tenant, filters, clientAddress(request.headers));
  } catch (error) {
    log("error", "export failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return new Response("L'export n'a pas pu être préparé à cause d'un incident technique. Réessayez dans un instant.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const { rows, truncated } = exported;
  const zone = tenant.settings.timezone;
  const format = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: zone });
  const date = (d: Date | null) => (d ? format.format(d) : "");
  const lines = [
    ["Numéro", "Démarche", "Thème", "Demandeur", "Déposée le", "Statut", "Échéance", "En retard", "Attribuée à"],
    ...rows.map((r) => [r.numero, r.title, r.theme, r.requester, date(r.submittedAt), statusLabel(r.status), date(r.dueAt), r.late ? "oui" : "non", r.assignee ?? ""]),
    ...(truncated ? [[`Export limité aux ${EXPORT_LIMIT.toLocaleString("fr-FR")} premières demandes : affinez les filtres pour obtenir les autres.`]] : []),
  ];
  const body = `\uFEFF${lines.map((cells) => cells.map(csvCell).join(";")).join("\r\n")}\r\n`;
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="demandes-${tenant.slug}-${stamp}.csv"`,
      "Cache-Control": "private, no-store",
      ...(truncated ? { "X-Export-Truncated": "true" } : {}),
    },
  });
}

/** Quoted when needed; a cell starting like a formula is defused, so a spreadsheet never runs it. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
