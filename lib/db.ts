import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per process, created at first use: `next build` imports this module without a database.
// In development, Next reloads modules: keep the instance (and the statement listeners) on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; sqlListeners?: Set<StatementListener> };

/** Called with the text of each statement this process sends to PostgreSQL (BEGIN and COMMIT included). */
export type StatementListener = (sql: string) => void;
const listeners = (globalForPrisma.sqlListeners ??= new Set());

/**
 * Listens to every statement sent to PostgreSQL, until the returned function is called: how tests
 * and the benchmark count the queries of a page. Counted where the driver sends them (each
 * `query` of a pg connection), so what Prisma merges, splits or wraps in a transaction is counted
 * as the database receives it. Without a listener, the cost is one size check per statement.
 */
export function onStatement(listener: StatementListener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** A pg connection that tells the listeners of each statement before sending it. */
class ObservedClient extends pg.Client {
  // pg's query has many overloads (text, config object, callback): the first argument names the statement.
  query(...args: unknown[]): never {
    if (listeners.size) {
      const first = args[0] as string | { text?: string };
      const sql = typeof first === "string" ? first : (first?.text ?? "");
      for (const listener of listeners) listener(sql);
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

function client(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL manquant : lancez l'application avec `npm run dev` ou `npm start`.");
  }
  globalForPrisma.prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 5_000, Client: ObservedClient }),
  });
  return globalForPrisma.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});
