"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formOf, formText } from "@/lib/form-input";
import { guarded, TECHNICAL_MESSAGE } from "@/lib/actions";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { CSV_MAX_BYTES } from "@/lib/billing/invoice-input";
import { importInvoiceCsv, markPaidAtCounter, NOT_PAYABLE, type ImportReport } from "@/lib/billing/invoices";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";
import * as z from "zod";

const A_FILE = z.instanceof(File);

/** `at` tells each answer apart: the form is drawn anew with it. */
export type ImportState = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; report?: ImportReport; file?: string; at: number } | null;

/** « Importer le fichier »: the CSV is read and imported; the report (lines refused and why) comes back to the form. */
export async function importCsv(_previous: ImportState, sent: unknown): Promise<ImportState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("factures.importer");
  if (!agent) return { ok: false, message: AGENT_SESSION_EXPIRED, at: Date.now() };
  const upload = A_FILE.safeParse(formData.get("fichier"));
  const file = upload.success ? upload.data : null;
  const name = file ? file.name.slice(0, 200) : "";
  if (!file || file.size === 0) {
    const message = "Choisissez le fichier CSV des factures.";
    return { ok: false, message, fieldErrors: { fichier: message }, at: Date.now() };
  }
  // A file over the limit is not even read.
  if (file.size > CSV_MAX_BYTES) {
    const message = "Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers.";
    return { ok: false, message, fieldErrors: { fichier: message }, file: name, at: Date.now() };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const ip = clientAddress(await headers());
  const result = await guarded("invoice import", tenant, () => importInvoiceCsv(agent, tenant, bytes, name, ip), "L'import n'a pas pu être fait à cause d'un incident technique : aucune facture n'a été ajoutée. Réessayez dans un instant.");
  if (!result.ok) return { ok: false, message: result.message, fieldErrors: result.fieldErrors, file: name, at: Date.now() };
  return { ok: true, message: result.message, report: result.data, file: name, at: Date.now() };
}

/** « Confirmer le paiement au guichet » (plain form; the outcome comes back in the address). */
export async function markPaid(sent: unknown): Promise<void> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const agent = await agentOfAction("factures.gerer");
  if (!agent) redirect("/admin/connexion?expiree=1");
  const id = formText(formData, "id", 40);
  const ip = clientAddress(await headers());
  const result = await guarded("invoice counter payment", tenant, () => markPaidAtCounter(agent, tenant, id, ip));
  // The invoice's own page only for a real one of the commune: what the form posted never shapes the address otherwise.
  if (result.ok) redirect(`/admin/factures/${id}?fait=payee-guichet`);
  if (result.message === NOT_PAYABLE) redirect(`/admin/factures/${id}?fait=deja-reglee`);
  redirect(`/admin/factures?fait=${result.message === TECHNICAL_MESSAGE ? "erreur" : "introuvable"}`);
}
