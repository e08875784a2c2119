import { authenticateApiKey } from "@/lib/billing/api-keys";
import { importInvoices } from "@/lib/billing/invoices";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/security/rate-limit";
import { tenantOfRequest } from "@/lib/tenancy/request";
import { readAtMost } from "@/lib/request-body";

// POST /api/v1/factures: the commune's billing software publishes invoices.
//   Authorization: Bearer cc_…   (a key the commune's admin created in Paramètres › Clés d'accès)
//   { "factures": [ { "regie", "identifiant", "numero", "domaine", "libelle", "periode", "montant",
//                     "date_emission", "date_echeance", "lignes"? }, … ] }   (500 at most)
// The commune is the host's, and the key must be one of its keys. Answers, in French:
//   200 { created, skipped, rejected: [{ line, numero, reasons }], skippedLines } (line = position in "factures", from 1)
//   400 unreadable body · 401 missing, unknown, revoked or another commune's key · 413 too large.
// The same checks and the same idempotence as the CSV import (lib/billing/invoices).
export const dynamic = "force-dynamic";

const MAX_INVOICES = 500;
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const reply = (status: number, body: object, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
const refuse = (status: number, error: string, headers?: Record<string, string>) => reply(status, { error }, headers);

const UNAUTHORIZED = "Clé d'accès absente, inconnue ou révoquée pour cette commune : envoyez l'en-tête « Authorization: Bearer <clé> » avec une clé créée par un administrateur de la commune (Paramètres › Clés d'accès pour la facturation).";
const TOO_LARGE = `Requête trop volumineuse : ${MAX_INVOICES} factures et 2 Mo au plus par appel ; découpez l'envoi.`;
const UNREADABLE = "Corps illisible : un objet JSON est attendu, de la forme { \"factures\": [ … ] } (UTF-8).";

export async function POST(request: Request) {
  const tenant = await tenantOfRequest(request);
  if (!tenant) return refuse(404, "Aucune commune à cette adresse.");
  const client = await authenticateApiKey(tenant, request.headers.get("authorization"));
  if (!client) return refuse(401, UNAUTHORIZED, { "WWW-Authenticate": 'Bearer realm="factures"' });

  const announced = Number(request.headers.get("content-length"));
  if (Number.isFinite(announced) && announced > MAX_BODY_BYTES) return refuse(413, TOO_LARGE);
  const body = await readAtMost(request, MAX_BODY_BYTES);
  if (body === "too-large") return refuse(413, TOO_LARGE);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body).replace(/^\uFEFF/, ""));
  } catch {
    return refuse(400, UNREADABLE);
  }
  const list = json && typeof json === "object" && !Array.isArray(json) ? (json as { factures?: unknown }).factures : undefined;
  if (!Array.isArray(list)) return refuse(400, "Le champ « factures » manque ou n'est pas une liste : { \"factures\": [ … ] } est attendu.");
  if (list.length === 0) return refuse(400, "La liste « factures » est vide.");
  if (list.length > MAX_INVOICES) return refuse(413, TOO_LARGE);

  try {
    const result = await importInvoices(client, tenant, list.map((values, i) => ({ line: i + 1, values })), { source: "api", ip: clientAddress(request.headers) });
    if (!result.ok) return refuse(401, UNAUTHORIZED);
    return reply(200, { message: result.message, ...result.data });
  } catch (error) {
    log("error", "invoice api import failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return refuse(503, "Incident technique : aucune facture de cet envoi n'a été enregistrée. Réessayez dans un instant (un nouvel envoi ne crée pas de doublon).");
  }
}

