import "server-only";
import * as z from "zod";
import { visibleRequests, type StaffActor } from "@/lib/agents/scope";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { allFields, procedureDefinitionSchema } from "@/lib/procedures/definition";
import { isNumero } from "@/lib/requests/numbering";
import { REQUEST_NOT_FOUND } from "@/lib/requests/transitions";
import type { Tenant } from "@/lib/tenancy/resolve";

const input = z.object({ field: z.string().min(1).max(50) });

/**
 * An agent records that a piece promised « sur papier » reached the town hall. The request's page
 * and PDF then say « reçue », and its timeline says which piece came in (a message of the town hall:
 * the status does not change, nor the version). Recording it twice changes nothing.
 */
export async function markPieceReceived(actor: StaffActor, tenant: Tenant, numero: string, raw: unknown, ip: string | null = null): Promise<ActionResult> {
  if (tenant.id !== actor.tenantId || !isNumero(numero)) return { ok: false, message: REQUEST_NOT_FOUND };
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, message: "Pièce illisible : rechargez la page." };
  const request = await db.request.findFirst({
    where: { ...visibleRequests(actor), numero },
    select: { id: true, numero: true, status: true, answers: true, form: { select: { definition: true } } },
  });
  if (!request) return { ok: false, message: REQUEST_NOT_FOUND };
  const field = allFields(procedureDefinitionSchema.parse(request.form.definition)).find((f) => f.name === parsed.data.field && f.type === "file");
  const answer = field ? (request.answers as Record<string, { kind?: string } | undefined>)[field.name] : undefined;
  if (!field || answer?.kind !== "paper") return { ok: false, message: "Cette pièce n'a pas été annoncée sur papier." };

  await db.$transaction(async (tx) => {
    const created = await tx.pieceReceipt.createMany({
      data: [{ tenantId: actor.tenantId, requestId: request.id, fieldName: field.name, agentId: actor.id }],
      skipDuplicates: true,
    });
    if (created.count === 0) return;
    await tx.requestEvent.create({
      data: {
        requestId: request.id, actorKind: "AGENT", actorId: actor.id, fromStatus: request.status, toStatus: request.status,
        publicMessage: `Pièce reçue à la mairie : ${field.label}.`,
      },
    });
    await recordAudit(tx, { tenantId: actor.tenantId, actor: { kind: "AGENT", id: actor.id }, action: "piece.recue", target: { type: "Demande", id: request.numero! }, ip, details: { piece: field.label } });
  });
  return { ok: true, message: "Pièce enregistrée comme reçue." };
}
