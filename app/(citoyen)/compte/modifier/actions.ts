"use server";

import { revalidatePath } from "next/cache";
import { removeMember, saveMember, updateContact } from "@/lib/accounts/profile";
import { requireCitizen } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/forms";
import { log } from "@/lib/log";
import { requireTenant } from "@/lib/tenancy/request";

// « Modifier mon compte »: the commune comes from the host and the account from the session,
// never from the form; the domain parses the input and refuses changes while the account is pending.

const FAILED = "La modification n'a pas pu être enregistrée à cause d'un incident technique. Réessayez dans un instant.";

export async function saveContact(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/modifier");
  try {
    return refreshed(await updateContact(citizen, tenant, input));
  } catch (error) {
    log("error", "contact change failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, message: FAILED };
  }
}

export async function saveHouseholdMember(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/modifier");
  try {
    return refreshed(await saveMember(citizen, tenant, input));
  } catch (error) {
    log("error", "household change failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, message: FAILED };
  }
}

export async function removeHouseholdMember(memberId: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/modifier");
  try {
    return refreshed(await removeMember(citizen, tenant, memberId));
  } catch (error) {
    log("error", "household removal failed", { tenant: tenant.slug, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, message: FAILED };
  }
}

/** After a change, the « Compte » pages are read again. */
function refreshed(result: ActionResult): ActionResult {
  if (result.ok) revalidatePath("/compte", "layout");
  return result;
}
