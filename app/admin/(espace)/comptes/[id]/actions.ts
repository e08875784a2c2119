"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AGENT_SESSION_EXPIRED, agentOfAction, requireAgent } from "@/lib/agents/session";
import { issueCounterCode, type Letter } from "@/lib/accounts/counter";
import { confirmDeletion, refuseDeletion } from "@/lib/accounts/deletion";
import { decideAccount } from "@/lib/accounts/validation";
import { guarded } from "@/lib/actions";
import { formOf } from "@/lib/form-input";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";
import * as z from "zod";

/** An account's id as the form sends it: a uuid, or "" (found nowhere). */
const ACCOUNT_ID = z.uuid().catch("");

/**
 * « Valider » or « Refuser » (with a motif) an account awaiting validation, from the account's page
 * (a plain form: works without JavaScript). The outcome comes back as a code in the address.
 */
export async function decide(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await requireAgent("comptes.valider");
  const accountId = String(formData.get("accountId") ?? "").slice(0, 40);
  const status = formData.get("status") === "VALIDE" ? "VALIDE" : "REFUSE";
  const input = status === "VALIDE" ? { status } : { status, motif: String(formData.get("motif") ?? "") };
  const ip = clientAddress(await headers());
  const result = await guarded("account decision", tenant, () => decideAccount(agent, tenant, ACCOUNT_ID.parse(accountId), input, ip));
  const code = result.ok ? (status === "VALIDE" ? "valide" : "refuse") : result.fieldErrors?.motif ? "motif" : "deja";
  redirect(`/admin/comptes/${encodeURIComponent(accountId)}?resultat=${code}`);
}

export type CodeState = { ok: boolean; message?: string; letter?: Letter | null } | null;

/** A single-use code for the holder to choose a new password: emailed, or returned as the letter to print. */
export async function sendPasswordCode(_previous: CodeState, sent: unknown): Promise<CodeState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("comptes.valider");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED };
  const accountId = String(formData.get("accountId") ?? "").slice(0, 40);
  const via = formData.get("via") === "courrier" ? "courrier" : "courriel";
  const ip = clientAddress(await headers());
  const result = await guarded("counter code", tenant, () => issueCounterCode(agent, tenant, accountId, via, ip));
  return result.ok ? { ok: true, message: result.message, letter: result.data.letter } : { ok: false, message: result.message };
}

const deletionInput = z.object({ accountId: z.uuid(), motif: z.string().max(1000).optional() });

/**
 * « Confirmer la suppression » of an account whose holder asked for it (plain form). The outcome
 * comes back as a code in the address; another commune's account, or one not awaiting deletion, is
 * « introuvable ».
 */
export async function confirmDeletionAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const agent = await requireAgent("comptes.valider");
  const formData = formOf(sent);
  const parsed = deletionInput.safeParse({ accountId: String(formData.get("accountId") ?? "").slice(0, 40) });
  if (!parsed.success) redirect("/admin/comptes?statut=SUPPRESSION");
  const ip = clientAddress(await headers());
  const result = await guarded("account deletion", tenant, () => confirmDeletion(agent, tenant, parsed.data.accountId, ip));
  redirect(`/admin/comptes/${parsed.data.accountId}?resultat=${result.ok ? "supprime" : "suppression-introuvable"}`);
}

/** « Refuser la suppression », with the explanation sent to the holder (plain form). */
export async function refuseDeletionAction(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const agent = await requireAgent("comptes.valider");
  const formData = formOf(sent);
  const parsed = deletionInput.safeParse({ accountId: String(formData.get("accountId") ?? "").slice(0, 40), motif: String(formData.get("motif") ?? "").slice(0, 1000) });
  if (!parsed.success) redirect("/admin/comptes?statut=SUPPRESSION");
  const ip = clientAddress(await headers());
  const result = await guarded("account deletion refusal", tenant, () => refuseDeletion(agent, tenant, parsed.data.accountId, { motif: parsed.data.motif }, ip));
  const code = result.ok ? "refuse-suppression" : result.fieldErrors?.motif ? "suppression-motif" : "suppression-introuvable";
  redirect(`/admin/comptes/${parsed.data.accountId}?resultat=${code}`);
}
