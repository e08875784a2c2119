"use server";

import { revalidatePath } from "next/cache";
import { guarded } from "@/lib/actions";
import { removeMember, saveMember, updateContact } from "@/lib/accounts/profile";
import { requireCitizen } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/forms";
import { requireTenant } from "@/lib/tenancy/request";

// « Modifier mon compte »: the commune comes from the host and the account from the session,
// never from the form; the domain parses the input and refuses changes while the account is pending.

export async function saveContact(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/modifier");
  return guarded("contact change", tenant, async () => refreshed(await updateContact(citizen, tenant, input)));
}

export async function saveHouseholdMember(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/modifier");
  return guarded("household change", tenant, async () => refreshed(await saveMember(citizen, tenant, input)));
}

export async function removeHouseholdMember(memberId: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/modifier");
  return guarded("household removal", tenant, async () => refreshed(await removeMember(citizen, tenant, memberId)));
}

/** After a change, the « Compte » pages are read again. */
function refreshed(result: ActionResult): ActionResult {
  if (result.ok) revalidatePath("/compte", "layout");
  return result;
}
