"use server";

import { headers } from "next/headers";
import { redirect, RedirectType } from "next/navigation";
import { addInternalNote, assignRequest } from "@/lib/agents/instruction";
import { AGENT_SESSION_EXPIRED, agentOfAction } from "@/lib/agents/session";
import { guarded } from "@/lib/actions";
import { formOf, formText } from "@/lib/form-input";
import { type ActionResult } from "@/lib/forms";
import { markPieceReceived } from "@/lib/requests/pieces";
import { changeStatus, previewMessage, previewStatusChange, scheduleReminder, sendInformation, type NoticePreview } from "@/lib/requests/transitions";
import { clientAddress } from "@/lib/security/rate-limit";
import { requireTenant } from "@/lib/tenancy/request";

// The agents' acts on one request. Those that write to the requester go in two steps: « apercu »
// renders the message exactly as it will be sent and changes nothing; « confirmer » does it. The
// others (note, assignment, paper piece) are done at once. Every act names the request by number;
// the domain finds it only among those the agent sees.

export type ActState = { result?: ActionResult; preview?: { notice: NoticePreview } } | null;

const field = (formData: FormData, name: string, max = 5000) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, max) : undefined;
};

/** A move of the lifecycle table (« to »), an information message or a reminder: previewed, then confirmed. */
export async function act(_previous: ActState, sent: unknown): Promise<ActState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const kind = field(formData, "kind");
  const agent = await agentOfAction(kind === "statut" ? "demandes.instruire" : "messages.envoyer");
  if (!agent) return { result: { ok: false, message: AGENT_SESSION_EXPIRED } };
  const numero = formText(formData, "numero", 40);
  const confirm = field(formData, "intent") === "confirmer";
  const ip = clientAddress(await headers());

  if (kind === "statut") {
    const input = {
      to: field(formData, "to"), version: Number(field(formData, "version")),
      publicMessage: field(formData, "publicMessage"), motif: field(formData, "motif"), internalNote: field(formData, "internalNote"),
    };
    if (!confirm) {
      const preview = await guarded("status preview", tenant, () => previewStatusChange(agent, tenant, numero, input));
      return preview.ok ? { preview: preview.data } : { result: preview };
    }
    const result = await guarded("status change", tenant, () => changeStatus(agent, tenant, numero, input, ip));
    return done(numero, result, result.ok ? `statut-${result.data.status}` : "");
  }
  if (kind === "information" || kind === "rappel") {
    const input = kind === "information"
      ? { message: field(formData, "message"), nonce: field(formData, "nonce", 40) }
      : { message: field(formData, "message"), date: field(formData, "date"), time: field(formData, "time") || undefined };
    if (!confirm) {
      const preview = await guarded("message preview", tenant, () => previewMessage(agent, tenant, numero, kind === "information" ? "information" : "rappel", input));
      return preview.ok ? { preview: preview.data } : { result: preview };
    }
    const result = kind === "information"
      ? await guarded("information message", tenant, () => sendInformation(agent, tenant, numero, input, ip))
      : await guarded("reminder", tenant, () => scheduleReminder(agent, tenant, numero, input, new Date(), ip));
    return done(numero, result, kind);
  }
  return { result: { ok: false, message: "Action inconnue : rechargez la page." } };
}

/** An internal note, an assignment or a paper piece received: done at once. */
export async function record(_previous: ActState, sent: unknown): Promise<ActState> {
  const tenant = await requireTenant();
  const formData = formOf(sent);
  const kind = field(formData, "kind");
  const agent = await agentOfAction("demandes.instruire");
  if (!agent) return { result: { ok: false, message: AGENT_SESSION_EXPIRED } };
  const numero = formText(formData, "numero", 40);
  const ip = clientAddress(await headers());
  const result =
    kind === "note" ? await guarded("internal note", tenant, () => addInternalNote(agent, tenant, numero, { text: field(formData, "text") }, ip))
    : kind === "attribuer" ? await guarded("assignment", tenant, () => assignRequest(agent, tenant, numero, { agentId: field(formData, "agentId", 40) ?? "" }, ip))
    : kind === "piece" ? await guarded("piece received", tenant, () => markPieceReceived(agent, tenant, numero, { field: field(formData, "field", 60) }, ip))
    : { ok: false as const, message: "Action inconnue : rechargez la page." };
  return done(numero, result, kind ?? "");
}

/** A refusal stays in the form (with what was typed); a success reloads the page with its outcome. */
function done(numero: string, result: { ok: boolean; message?: string; fieldErrors?: Record<string, string> }, outcome: string): ActState {
  if (!result.ok) return { result: { ok: false, message: result.message, fieldErrors: result.fieldErrors } };
  // Replacing the page read before the act: « Back » never shows that older state again.
  redirect(`/admin/demandes/${encodeURIComponent(numero)}?fait=${outcome}`, RedirectType.replace);
}
