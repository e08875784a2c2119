import "server-only";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";

// The citizen's « Messages »: every message the town hall sent them, with its delivery status.

/** The latest messages, newest first. Reading changes nothing: the page then asks markInboxRead. */
export async function openInbox(citizen: Citizen, take = 100) {
  const mine = { tenantId: citizen.tenantId, accountId: citizen.id };
  const messages = await db.message.findMany({
    where: { ...mine, ...delivered() },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, createdAt: true, sentAt: true, channel: true, subject: true, text: true, status: true, lastError: true, readAt: true },
  });
  return messages.map(({ readAt, lastError, ...m }) => ({ ...m, isNew: !readAt, failed: m.status === "ECHEC" ? failureText(lastError) : null }));
}

/**
 * Once the page has shown them, the messages up to `shownUpTo` (the newest listed) are read, all of
 * them, not only the ones listed (Accueil counts the unread). A POST of the page, never its GET: a
 * prefetch or a link preview must not mark anything read.
 */
export async function markInboxRead(citizen: Citizen, shownUpTo: Date): Promise<number> {
  const { count } = await db.message.updateMany({
    where: { tenantId: citizen.tenantId, accountId: citizen.id, readAt: null, createdAt: { lte: shownUpTo }, ...delivered() },
    data: { readAt: new Date() },
  });
  return count;
}

/**
 * Messages that exist for the citizen: sent, failed, or due. A reminder planned for a later day waits
 * in the outbox and must not show before it (nor count as unread).
 */
export function delivered(now = new Date()) {
  return { OR: [{ status: { not: "EN_ATTENTE" as const } }, { nextAttemptAt: { lte: now } }] };
}

/** Why a message did not reach its recipient, in words a citizen can act on. */
function failureText(error: string | null): string {
  if (error && /invalid|not.*valid|bounce|rejected|unknown/i.test(error)) return "l'adresse ou le numéro semble invalide : vérifiez vos coordonnées dans « Compte ».";
  return "le service d'envoi ne l'a pas accepté après plusieurs essais. La mairie peut vous le redire.";
}
