import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

export type Health =
  | { ok: true; database: "up"; oldestPendingMessageSeconds: number | null }
  | { ok: false; database: "down" };

/** The database answers; and how late the outbox is (a stopped worker shows here first). */
export async function checkHealth(): Promise<Health> {
  try {
    const [row] = await db.$queryRaw<{ oldest: Date | null }[]>`
      SELECT min("createdAt") AS "oldest" FROM "Message" WHERE "status" = 'EN_ATTENTE' AND "nextAttemptAt" <= now()`;
    const oldest = row?.oldest ?? null;
    return {
      ok: true,
      database: "up",
      oldestPendingMessageSeconds: oldest ? Math.max(0, Math.round((Date.now() - oldest.getTime()) / 1000)) : null,
    };
  } catch (error) {
    log("error", "health.database_down", { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, database: "down" };
  }
}
