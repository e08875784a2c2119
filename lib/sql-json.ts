// Rows that PostgreSQL builds as JSON (json_build_object, json_agg) carry timestamps as text: the
// columns are `timestamp(3)` holding UTC (Prisma's DateTime), written without a zone, and dates
// (`date`) as "YYYY-MM-DD". These read them back as Prisma would.

/** A `timestamp(3)` column as json_build_object writes it (UTC, no zone). */
export function jsonTimestamp(value: string): Date {
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
}
