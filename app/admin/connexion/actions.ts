"use server";

import { redirect } from "next/navigation";
import { checkAgentPassword } from "@/lib/agents/login";
import { rememberAgentReturn, takeAgentReturn } from "@/lib/agents/return-to";
import { getAgentSession, startAgentSession } from "@/lib/agents/session";
import { decryptSecret, enableTotp, encryptSecret, redeemRecoveryCode, verifyAgentTotp } from "@/lib/agents/totp";
import { guarded } from "@/lib/actions";
import { formOf, formText, textOf } from "@/lib/form-input";
import { minutesText, type ActionResult } from "@/lib/forms";
import { requireTenant } from "@/lib/tenancy/request";

// The agents' login, in two steps: email and password, then the code of the authenticator app (set
// up at the first login). Only the second step opens the back office.

export async function agentPassword(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const result = await guarded("agent login", tenant, () => checkAgentPassword(tenant, input));
  if (!result.ok) return result;
  await startAgentSession({ id: result.data.agentId, tenantId: result.data.tenantId, sessionVersion: result.data.sessionVersion }, false);
  // After an expired session: the page the agent was on, opened once the code is given.
  await rememberAgentReturn(textOf(typeof input === "object" && input !== null ? (input as { retour?: unknown }).retour : null, 500));
  redirect(result.data.totpEnabled ? "/admin/connexion/code" : "/admin/connexion/activer");
}

type SecondFactor = { ok: true } | { ok: false; reason: "wrong" | "throttled" | "error"; retryAfterSeconds?: number };

const CODE_REFUSED = "Code incorrect ou déjà utilisé : saisissez le code affiché maintenant par votre application.";

/** The second step: a TOTP code, or one of the recovery codes. */
export async function agentCode(input: unknown): Promise<ActionResult> {
  const tenant = await requireTenant();
  const session = await getAgentSession();
  if (!session) redirect("/admin/connexion");
  const code = textOf(typeof input === "object" && input !== null ? (input as { code?: unknown }).code : "", 200).replace(/\s/g, "");
  // Six digits: the app's code; anything else is tried as a recovery code.
  const recovery = !/^\d{6}$/.test(code);
  const failed: SecondFactor = { ok: false, reason: "error" };
  const result: SecondFactor = await guarded(
    "agent second factor",
    tenant,
    (): Promise<SecondFactor> => (recovery ? redeemRecoveryCode(session.agent.id, tenant.id, code) : verifyAgentTotp(session.agent.id, tenant.id, code)),
    { answer: failed },
  );
  if (!result.ok) {
    if (result.reason === "throttled") return { ok: false, message: `Trop d'essais : réessayez dans ${minutesText(result.retryAfterSeconds ?? 60)}.` };
    if (result.reason === "error") return { ok: false, message: "La vérification n'a pas abouti à cause d'un incident technique. Réessayez dans un instant." };
    return { ok: false, message: CODE_REFUSED, fieldErrors: { code: CODE_REFUSED } };
  }
  const row = { id: session.agent.id, tenantId: tenant.id, sessionVersion: session.version };
  await startAgentSession(row, true, session.authTime);
  redirect(await takeAgentReturn());
}

/** First login: the code that proves the authenticator app holds the secret shown; gives the recovery codes. */
export async function agentEnableTotp(input: unknown): Promise<ActionResult<{ recoveryCodes: string[]; ticket: string }>> {
  const tenant = await requireTenant();
  const session = await getAgentSession();
  if (!session) redirect("/admin/connexion");
  const sent = (typeof input === "object" && input !== null ? input : {}) as { secret?: unknown; code?: unknown };
  const secret = textOf(sent.secret, 1000);
  const code = textOf(sent.code, 200);
  return guarded<{ recoveryCodes: string[]; ticket: string }>("agent totp setup", tenant, async () => {
    // The page sealed the secret it chose (encrypted and authenticated): the browser cannot pick one.
    let base32: string;
    try {
      base32 = decryptSecret(secret);
    } catch {
      return { ok: false, message: "La clé affichée a expiré : rechargez la page et scannez le nouveau code." };
    }
    const result = await enableTotp(session.agent.id, tenant.id, base32, code.replace(/\s/g, ""));
    if (!result.ok && result.reason === "throttled") return { ok: false, message: `Trop d'essais : réessayez dans ${minutesText(result.retryAfterSeconds)}.` };
    if (!result.ok && result.reason === "already-enabled") redirect("/admin/connexion/code");
    if (!result.ok) return { ok: false, message: CODE_REFUSED, fieldErrors: { code: CODE_REFUSED } };
    // The session is upgraded only once the codes are read (agentFinishEnrolment): setting the
    // cookie here would refresh this page, which sends a signed-in agent away before the codes show.
    const ticket = encryptSecret(JSON.stringify({ kind: "inscription", agentId: session.agent.id, sv: session.version, authTime: session.authTime, exp: Date.now() + TICKET_MS }));
    return { ok: true, data: { recoveryCodes: result.recoveryCodes, ticket } };
  });
}

const TICKET_MS = 15 * 60_000;

/**
 * « Accéder à l'espace agents », under the recovery codes: the ticket sealed by agentEnableTotp
 * proves that this very session (same agent, password login and version) just enrolled; it then
 * passes the second factor. Anything else goes to the code page.
 */
export async function agentFinishEnrolment(sent: unknown): Promise<void> {
  await requireTenant();
  const formData = formOf(sent);
  const session = await getAgentSession();
  if (!session) redirect("/admin/connexion");
  let ticket: { kind?: unknown; agentId?: unknown; sv?: unknown; authTime?: unknown; exp?: unknown } = {};
  try {
    ticket = JSON.parse(decryptSecret(formText(formData, "ticket", 1000)));
  } catch {
    redirect("/admin/connexion/code");
  }
  const valid = ticket.kind === "inscription" && ticket.agentId === session.agent.id && ticket.sv === session.version
    && ticket.authTime === session.authTime && typeof ticket.exp === "number" && ticket.exp > Date.now();
  if (!valid) redirect("/admin/connexion/code");
  await startAgentSession({ id: session.agent.id, tenantId: session.agent.tenantId, sessionVersion: session.version }, true, session.authTime);
  redirect(await takeAgentReturn());
}
