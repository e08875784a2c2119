import { MEGABYTE, uploadAttachment } from "@/lib/attachments/attachments";
import { getCitizen } from "@/lib/auth/session";
import { authSecret, env } from "@/lib/env";
import { log } from "@/lib/log";
import { MAX_FILE_SIZE_MB } from "@/lib/procedures/definition";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { requestHost } from "@/lib/tenancy/host";
import { readAtMost } from "@/lib/request-body";

// POST /api/pieces (multipart/form-data: draftId, field, file): adds a pièce justificative to one
// of the signed-in citizen's drafts. 201 { ok: true, attachment: { id, fileName, kind, size } }, or
// { ok: false, message } in French: 400 unreadable or refused file, 401 signed out, 404 not their
// draft, 413 too heavy, 429 too many uploads. Bad input is never a 500.
export const dynamic = "force-dynamic";

// The largest piece any field allows, plus the multipart envelope and the two short text fields.
// next.config.ts lets a body this large through proxy.ts (experimental.proxyClientMaxBodySize).
const MAX_BODY_BYTES = MAX_FILE_SIZE_MB * MEGABYTE + 256 * 1024;
const PER_HOUR = 120;

const TOO_LARGE = `Ce fichier est trop lourd : ${MAX_FILE_SIZE_MB} Mo au plus par pièce.`;
const UNREADABLE = "L'envoi du fichier n'a pas abouti : choisissez-le de nouveau.";

const reply = (status: number, body: object, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
const refuse = (status: number, message: string, headers?: Record<string, string>) => reply(status, { ok: false, message }, headers);

export async function POST(request: Request) {
  // Refused before anything is read: a client announcing a body larger than any piece.
  const announced = Number(request.headers.get("content-length"));
  if (Number.isFinite(announced) && announced > MAX_BODY_BYTES) return refuse(413, TOO_LARGE);
  if (!sameOrigin(request)) return refuse(400, UNREADABLE);

  const citizen = await getCitizen();
  if (!citizen) return refuse(401, "Votre session a expiré : reconnectez-vous, vos réponses sont gardées.");
  const limit = await hitRateLimit("upload", citizen.id, PER_HOUR, 3_600_000);
  if (!limit.allowed) {
    return refuse(429, "Vous avez envoyé beaucoup de fichiers en peu de temps : réessayez dans quelques minutes.", { "Retry-After": String(limit.retryAfterSeconds) });
  }

  if (!/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) return refuse(400, UNREADABLE);
  const body = await readAtMost(request, MAX_BODY_BYTES);
  if (body === "too-large") return refuse(413, TOO_LARGE);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch {
    return refuse(400, UNREADABLE);
  }
  const draftId = form.get("draftId");
  const fieldName = form.get("field");
  const file = form.get("file");
  if (typeof draftId !== "string" || typeof fieldName !== "string") return refuse(400, UNREADABLE);
  if (!file || typeof file === "string") return refuse(400, "Aucun fichier reçu : choisissez le fichier à joindre.");

  let result;
  try {
    result = await uploadAttachment(citizen, { draftId, fieldName, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  } catch (error) {
    // Storage or database unavailable: a French answer the form can show, never a bare 500.
    log("error", "upload failed", { error: error instanceof Error ? error.message : String(error) });
    return refuse(503, "La pièce n'a pas pu être enregistrée à cause d'un incident technique. Vos réponses sont gardées : réessayez dans un instant.");
  }
  if (result.ok) return reply(201, { ok: true, attachment: result.data });
  return refuse({ "not-found": 404, "too-large": 413, rejected: 400 }[result.reason], result.message);
}

/**
 * Browsers send Origin with every POST. The session cookie is SameSite=Lax, which still lets
 * another commune's site (same registrable domain) post with it: the Origin must be this host.
 */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = requestHost(request.headers, env.TRUST_PROXY, authSecret());
  try {
    return host !== null && new URL(origin).hostname === host.hostname;
  } catch {
    return false;
  }
}
