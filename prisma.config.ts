import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI runs our WebAssembly-backed schema engine (docs/decisions/0002): no native download.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, "scripts", "schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx --conditions=react-server prisma/seed.ts",
  },
  // `prisma generate` needs no database: a fresh clone installs without DATABASE_URL.
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/compte_citoyen" },
});
