import "server-only";
import * as z from "zod";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { noticeRoute, reachabilitySelect } from "@/lib/accounts/contact";
import { recordAudit } from "@/lib/audit/audit";
import { queueMessage } from "@/lib/notifications/outbox";
import type { Tenant } from "@/lib/tenancy/resolve";
import type { StaffActor } from "@/lib/agents/scope";

const decision = z.discriminatedUnion("status", [
  z.object({ status: z.literal("VALIDE") }),
  z.object({ status: z.literal("REFUSE"), motif: z.string().trim().min(3, "Indiquez le motif du refus.").max(1000) }),
]);

/**
 * Validates or refuses an account awaiting validation, and tells the citizen by the channel they
 * chose (lib/accounts/contact). Another commune's account, or one already decided, is not
 * found: two agents deciding at once cannot both win.
 */
export async function decideAccount(actor: StaffActor, tenant: Tenant, accountId: string, input: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId) return { ok: false, message: "Compte introuvable." };
  const parsed = decision.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: { motif: parsed.error.issues[0]?.message ?? "Décision invalide." } };
  const d = parsed.data;
  return db.$transaction(async (tx) => {
    const updated = await tx.account.updateMany({
      where: { id: accountId, tenantId: actor.tenantId, status: "EN_ATTENTE" },
      data: { status: d.status, statusReason: d.status === "REFUSE" ? d.motif : null, statusChangedAt: new Date() },
    });
    if (updated.count === 0) return { ok: false, message: "Compte introuvable ou déjà traité." };
    const account = await tx.account.findFirstOrThrow({ where: { id: accountId, tenantId: actor.tenantId }, select: reachabilitySelect });
    const route = noticeRoute(account, tenant);
    if (route && d.status === "VALIDE") await queueMessage(tx, tenant, { ...route, accountId, template: "compteValide", data: {} });
    if (route && d.status === "REFUSE") await queueMessage(tx, tenant, { ...route, accountId, template: "compteRefuse", data: { motif: d.motif } });
    await recordAudit(tx, {
      tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: d.status === "VALIDE" ? "compte.valider" : "compte.refuser",
      target: { type: "Compte", id: accountId }, ip, ...(d.status === "REFUSE" ? { details: { motif: d.motif } } : {}),
    });
    return { ok: true, message: d.status === "VALIDE" ? "Compte validé." : "Compte refusé." };
  });
}
