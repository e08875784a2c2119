import "server-only";
import * as z from "zod";
import type { Agent } from "@/lib/agents/session";
import { recordAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";

// « Comptes à valider »: the commune's accounts awaiting validation, and one account as an agent
// reads it before deciding. Opening an account is a sensitive read: it is written to the audit log.

export const ACCOUNT_FILTERS = { EN_ATTENTE: "À valider", SUPPRESSION: "Suppression demandée", VALIDE: "Validés", REFUSE: "Refusés", SUPPRIME: "Supprimés", tous: "Tous" } as const;
export type AccountFilter = keyof typeof ACCOUNT_FILTERS;

/**
 * The commune's accounts of a status (awaiting validation by default: the oldest first, the order
 * they are dealt with), searched by name, identifiant or email. At most 200: search narrows it.
 */
export async function listAccounts(agent: Agent, filters: { statut?: string; q?: string } = {}) {
  const statut: AccountFilter = filters.statut && filters.statut in ACCOUNT_FILTERS ? (filters.statut as AccountFilter) : "EN_ATTENTE";
  const q = filters.q?.trim().slice(0, 100).replace(/[\p{Cc}]/gu, "") || undefined;
  // Each word typed (« claire moreau ») matches one of the names, the identifiant or the email.
  const words = q ? q.split(/\s+/).filter(Boolean).slice(0, 4) : [];
  const accounts = await db.account.findMany({
    where: {
      tenantId: agent.tenantId,
      // « Suppression demandée »: the holders who asked for their account's deletion (lib/accounts/deletion).
      ...(statut === "tous" ? {} : statut === "SUPPRESSION" ? { status: { not: "SUPPRIME" as const }, deletionRequestedAt: { not: null } } : { status: statut }),
      AND: words.map((word) => {
        const text = { contains: word, mode: "insensitive" as const };
        return { OR: [{ firstNames: text }, { birthName: text }, { usageName: text }, { identifiant: text }, { email: text }] };
      }),
    },
    orderBy: statut === "EN_ATTENTE" ? { createdAt: "asc" } : statut === "SUPPRESSION" ? { deletionRequestedAt: "asc" } : { createdAt: "desc" },
    take: 200,
    select: { id: true, identifiant: true, status: true, deletionRequestedAt: true, firstNames: true, birthName: true, usageName: true, email: true, emailConfirmedAt: true, createdAt: true, city: true },
  });
  return { statut, q, accounts };
}

/** One account of the commune with its household and the requests it sent; null for any other id. */
export async function openAccount(agent: Agent, accountId: string, ip: string | null = null) {
  if (!z.string().uuid().safeParse(accountId).success) return null;
  const account = await db.account.findFirst({
    where: { id: accountId, tenantId: agent.tenantId },
    select: {
      id: true, identifiant: true, status: true, statusReason: true, civility: true, firstNames: true, birthName: true, usageName: true,
      birthDate: true, birthPlace: true, addressLine1: true, addressLine2: true, postalCode: true, city: true,
      email: true, emailConfirmedAt: true, phone: true, mobile: true, mobileConfirmedAt: true, channel: true, createdAt: true,
      deletionRequestedAt: true, deletionRequestNote: true, deletedAt: true,
      members: { orderBy: [{ kind: "asc" }, { birthDate: "asc" }], select: { id: true, relation: true, firstNames: true, lastName: true, birthDate: true } },
      requests: {
        where: { tenantId: agent.tenantId, status: { not: "BROUILLON" } },
        orderBy: { submittedAt: "desc" },
        take: 50,
        select: { numero: true, status: true, submittedAt: true, procedure: { select: { title: true } } },
      },
    },
  });
  if (!account) return null;
  await recordAudit(db, { tenantId: agent.tenantId, actor: { kind: "AGENT", id: agent.id }, action: "compte.consulter", target: { type: "Compte", id: account.id }, ip });
  return account;
}
