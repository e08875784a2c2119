"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { guarded } from "@/lib/actions";
import { getCitizen } from "@/lib/auth/session";
import { formOf, formText } from "@/lib/form-input";
import { SESSION_EXPIRED_MESSAGE, type ActionResult } from "@/lib/forms";
import { submitAnonymous, type AnonymousReceipt } from "@/lib/requests/anonymous";
import { deleteDraft, saveDraft } from "@/lib/requests/drafts";
import { submitDraft } from "@/lib/requests/submission";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

// The wizard's actions. A session that expired answers SESSION_EXPIRED_MESSAGE rather than
// redirecting: the wizard keeps what was typed and offers to sign in again.

const NOT_SAVED = "Votre brouillon n'a pas pu être enregistré à cause d'un incident technique. Vos réponses restent dans ce navigateur : réessayez dans un instant.";

export async function saveProcedureDraft(input: unknown): Promise<ActionResult<{ draftId: string; version: number; savedAt: string }>> {
  const tenant = await requireTenant();
  const citizen = await getCitizen();
  if (!citizen) return { ok: false, message: SESSION_EXPIRED_MESSAGE };
  return guarded("draft", tenant, async () => {
    const result = await saveDraft(citizen, input);
    return result.ok ? { ok: true, data: { ...result.data, savedAt: new Date().toISOString() } } : result;
  }, NOT_SAVED);
}

export async function sendProcedureDraft(input: unknown): Promise<ActionResult<{ numero: string }>> {
  const tenant = await requireTenant();
  const citizen = await getCitizen();
  if (!citizen) return { ok: false, message: SESSION_EXPIRED_MESSAGE };
  return guarded(
    "submission",
    tenant,
    () => submitDraft(citizen, tenant, input),
    "Votre demande n'a pas pu être envoyée à cause d'un incident technique. Votre brouillon est conservé : réessayez dans un instant.",
  );
}

/** « Recommencer »: the old draft is deleted, a blank form opens. */
export async function startOver(sent: unknown): Promise<void> {
  await requireTenant();
  const formData = formOf(sent);
  const slug = formText(formData, "slug", 100);
  const citizen = await getCitizen();
  if (!citizen) redirect(`/connexion?retour=${encodeURIComponent(`/services/${slug}/formulaire`)}`);
  await deleteDraft(citizen, formData.get("draftId"));
  redirect(`/services/${encodeURIComponent(slug)}/formulaire?nouveau=1`);
}

/**
 * « Envoyer » of a démarche without an account: { procedure, answers, altcha, website, submissionKey }.
 * The commune is the request's host, never the form's; nothing is read from a session.
 */
export async function sendAnonymousRequest(input: unknown): Promise<ActionResult<AnonymousReceipt>> {
  const tenant = await requireTenant();
  const address = clientAddress(await headers());
  return guarded(
    "anonymous request",
    tenant,
    () => submitAnonymous(tenant, input, address),
    "Votre demande n'a pas pu être envoyée à cause d'un incident technique. Vos réponses sont conservées : réessayez dans un instant, elle ne sera pas enregistrée deux fois.",
  );
}
