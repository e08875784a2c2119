import "server-only";
import type { ActionResult } from "@/lib/forms";
import { log } from "@/lib/log";
import type { Tenant } from "@/lib/tenancy/resolve";

// The one way a server action answers an incident (database down, mail queue unreachable…): the
// error is logged with technical fields only, and the person gets a French message asking to retry.
// Input the person can fix never reaches here: the domain returns it as field errors.

export const TECHNICAL_MESSAGE = "La modification n'a pas pu être enregistrée à cause d'un incident technique. Réessayez dans un instant.";

/**
 * Next signals redirect() and notFound() by throwing errors whose digest starts with "NEXT_"
 * ("NEXT_REDIRECT;…", "NEXT_HTTP_ERROR_FALLBACK;404"): they must reach Next, not become a message.
 */
function isNextSignal(error: unknown): boolean {
  const digest = typeof error === "object" && error !== null ? (error as { digest?: unknown }).digest : undefined;
  return typeof digest === "string" && digest.startsWith("NEXT_");
}

/**
 * Runs an action's work; on an incident, logs `what` failed in this commune and answers `failed`:
 * a message (an ActionResult refusal, TECHNICAL_MESSAGE by default) or the action's own answer.
 * Call requireTenant/requireCitizen before, so their redirects never come through here.
 */
export async function guarded<T = undefined>(what: string, tenant: Pick<Tenant, "slug">, run: () => Promise<ActionResult<T>>, failed?: string): Promise<ActionResult<T>>;
export async function guarded<R>(what: string, tenant: Pick<Tenant, "slug">, run: () => Promise<R>, failed: { answer: R }): Promise<R>;
export async function guarded<R>(what: string, tenant: Pick<Tenant, "slug">, run: () => Promise<R>, failed: string | { answer: R } = TECHNICAL_MESSAGE): Promise<R | ActionResult<never>> {
  try {
    return await run();
  } catch (error) {
    if (isNextSignal(error)) throw error;
    log("error", `${what} failed`, { action: what, tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return typeof failed === "string" ? { ok: false, message: failed } : failed.answer;
  }
}
