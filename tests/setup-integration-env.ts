// Before any module loads: point this Jest worker at its own database (created by scripts/test.mjs),
// so two workers never truncate each other's tables.
const base = process.env.TEST_DATABASE_URL_BASE;
if (!base) {
  throw new Error("Les tests d'intégration se lancent avec `npm test` (ou `node scripts/test.mjs jest …`).");
}
process.env.DATABASE_URL = `${base}_w${process.env.JEST_WORKER_ID ?? "1"}`;
process.env.LOG_LEVEL = "silent";
