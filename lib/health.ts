import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

export async function checkHealth(): Promise<{ ok: boolean; database: "up" | "down" }> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true, database: "up" };
  } catch (error) {
    log("error", "health.database_down", { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, database: "down" };
  }
}
