import "server-only";
import { db } from "@/lib/db";
import { after, decodeCursor, encodeCursor } from "@/lib/keyset";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";

/** The client itself or a transaction's: an event is written in the transaction of the change it records. */
export type AuditClient = Pick<Prisma.TransactionClient, "auditEvent">;

export type AuditInput = {
  tenantId: string;
  actor: { kind: ActorKind; id?: string | null };
  /** « demande.accepter », « piece.ouvrir », « compte.valider », « connexion.echec »… */
  action: string;
  target?: { type: string; id: string };
  ip?: string | null;
  /** Small and free of secrets: never a password, a code or a token. */
  details?: object;
};

/**
 * Records who did what, on what, from where. Pass the transaction of the change: if it rolls back,
 * the event was never there. Sensitive reads (an attachment opened, an account viewed) pass `db`.
 */
export async function recordAudit(client: AuditClient, input: AuditInput): Promise<{ id: string }> {
  return client.auditEvent.create({
    data: {
      tenantId: input.tenantId,
      actorKind: input.actor.kind,
      actorId: input.actor.id ?? null,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      ip: input.ip ?? null,
      ...(input.details ? { details: input.details as Prisma.InputJsonObject } : {}),
    },
    select: { id: true },
  });
}

export type AuditFilters = {
  action?: string;
  actorId?: string;
  targetId?: string;
  /** Events at or after this instant. */
  from?: Date;
  /** Events strictly before this instant. */
  to?: Date;
  /** The `next` cursor of the previous page. */
  before?: string;
};

const auditSelect = {
  id: true,
  createdAt: true,
  actorKind: true,
  actorId: true,
  action: true,
  targetType: true,
  targetId: true,
  ip: true,
  details: true,
} satisfies Prisma.AuditEventSelect;

export type AuditEntry = Prisma.AuditEventGetPayload<{ select: typeof auditSelect }>;

/**
 * One page of a commune's audit log, newest first, by keyset (createdAt, id): the thousandth page
 * costs what the first does. `next` is the cursor of the following page, null on the last one.
 * The caller checks the « audit.voir » permission; the commune is always in the where.
 */
export async function listAudit(tenantId: string, filters: AuditFilters = {}, take = 50): Promise<{ events: AuditEntry[]; next: string | null }> {
  const size = Math.min(Math.max(Math.trunc(take) || 1, 1), 200);
  const cursor = decodeCursor(filters.before);
  const where: Prisma.AuditEventWhereInput = {
    tenantId,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.targetId ? { targetId: filters.targetId } : {}),
    ...(filters.from || filters.to
      ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) } }
      : {}),
    ...(cursor ? after("createdAt", cursor, "desc") : {}),
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
    select: auditSelect,
  });
  const events = rows.slice(0, size);
  const last = events.at(-1);
  return { events, next: rows.length > size && last ? encodeCursor(last.createdAt, last.id) : null };
}
