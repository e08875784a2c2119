import "server-only";
import type { Tx } from "@/lib/notifications/outbox";

// Request numbers: the commune's three letters, the year, and a yearly sequence of the commune on
// six digits (BCZ-2026-000123). Citizens quote them at the counter: short, readable, never reused.

export function formatNumero(code: string, year: number, sequence: number): string {
  return `${code}-${year}-${String(sequence).padStart(6, "0")}`;
}

/** The year in France at `now`: a request sent at 00:30 on 1 January belongs to the new year. */
export function frenchYear(now: Date): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: "Europe/Paris", year: "numeric" }).format(now));
}

/**
 * The next number of the commune, taken in the caller's transaction: the counter row stays locked
 * until it commits, so two requests never get the same number, and a rolled-back submission gives
 * its number back.
 */
export async function nextNumero(tx: Tx, tenant: { id: string; code: string }, now = new Date()): Promise<string> {
  const year = frenchYear(now);
  const [row] = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "RequestCounter" ("tenantId", "year", "value") VALUES (${tenant.id}, ${year}, 1)
    ON CONFLICT ("tenantId", "year") DO UPDATE SET "value" = "RequestCounter"."value" + 1
    RETURNING "value"`;
  return formatNumero(tenant.code, year, row!.value);
}

/** « BCZ-2026-000123 »: anything else in an address or a form is not a request number (checked before any query). */
export const isNumero = (value: string) => /^[A-Z]{3}-\d{4}-\d{6}$/.test(value);
