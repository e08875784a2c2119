"use server";

import { redirect } from "next/navigation";
import * as z from "zod";
import { requestDeletion, withdrawDeletion } from "@/lib/accounts/deletion";
import { guarded } from "@/lib/actions";
import { requireCitizen } from "@/lib/auth/session";
import { formOf } from "@/lib/form-input";
import { requireTenant } from "@/lib/tenancy/request";

// « Mes données »: asking for the account's deletion (with the password) and withdrawing the request.

/** `at` tells each answer apart: the form is drawn anew with what was typed (the note, never the password). */
export type DeletionState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; note: string; at: number } | null;

const deletionInput = z.object({ password: z.string().max(200), note: z.string().max(1000).optional() });

/** « Demander la suppression de mon compte ». */
export async function askDeletionAction(_previous: DeletionState, sent: unknown): Promise<DeletionState> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/donnees");
  const formData = formOf(sent);
  const note = String(formData.get("note") ?? "").slice(0, 1000);
  const parsed = deletionInput.safeParse({ password: String(formData.get("password") ?? "").slice(0, 200), note });
  if (!parsed.success) return { ok: false, message: "Vérifiez le formulaire.", note, at: Date.now() };
  const result = await guarded("deletion request", tenant, () => requestDeletion(citizen, parsed.data));
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, note, at: Date.now() };
  redirect("/compte/donnees?fait=demandee#suppression");
}

/** « Retirer ma demande de suppression ». */
export async function withdrawDeletionAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/donnees");
  const formData = formOf(sent);
  // The form carries nothing but its intent: anything else is not this form.
  const parsed = z.object({ acte: z.literal("retirer") }).safeParse({ acte: formData.get("acte") });
  if (!parsed.success) redirect("/compte/donnees");
  const result = await guarded("deletion withdrawal", tenant, () => withdrawDeletion(citizen));
  redirect(`/compte/donnees?fait=${result.ok ? "retiree" : "rien"}#suppression`);
}
