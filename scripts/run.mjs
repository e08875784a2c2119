// `npm run dev`, `npm start`, `npm run db:reset`.
// With DATABASE_URL: that PostgreSQL. Without: an embedded PostgreSQL whose data stays in .data/
// (demo mode). Either way: apply migrations, load the demo data into an empty database, then serve:
// the web server and the message worker, as two processes stopped together.
// `serve` only starts those two processes on a database that is ready (the end-to-end tests).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDatabase, startEmbedded, withClient } from "./pg.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mode = process.argv[2];
if (!["dev", "start", "reset", "serve"].includes(mode)) {
  console.error("usage: node scripts/run.mjs dev|start|reset|serve");
  process.exit(2);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let embedded = null;
if (!env.DATABASE_URL && mode !== "serve") {
  const port = Number(env.EMBEDDED_PG_PORT || 54329);
  console.log(`PostgreSQL embarqué (données dans .data/pg, port ${port})…`);
  embedded = await startEmbedded({ dir: path.join(root, ".data", "pg"), port });
  await ensureDatabase(embedded.adminUrl, "compte_citoyen");
  env.DATABASE_URL = embedded.urlFor("compte_citoyen");
  env.EMBEDDED_DATABASE = "1";
}
if (embedded || env.DEMO_MODE === "1" || mode === "dev") {
  // Links in demo messages open on this machine: http and the port we serve on.
  env.PUBLIC_PROTOCOL ??= "http";
  env.PUBLIC_PORT ??= env.PORT || "3000";
}

const children = [];
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children
      .filter((child) => child.exitCode === null)
      .map((child) => new Promise((resolve) => { child.once("exit", resolve); child.kill("SIGTERM"); })),
  );
  if (embedded) await embedded.stop();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

try {
  if (mode === "reset") {
    run("prisma", ["migrate", "reset", "--force"]);
    seed();
    console.log("Données de démonstration recréées.");
    await shutdown(0);
  }
  if (mode !== "serve") {
    run("prisma", ["migrate", "deploy"]);
    const demo = embedded || env.DEMO_MODE === "1" || mode === "dev";
    if (demo && (await isEmpty())) seed();
    if (mode === "start" && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) run("next", ["build"]);
  }
  const childEnv = { ...env, NODE_ENV: mode === "dev" ? "development" : "production" };
  // The worker runs in this very process tree with tsx as a loader (not its CLI, which adds a process
  // in between): SIGTERM reaches the worker's own handler, which finishes the batch in hand.
  const worker = ["-r", path.join(root, "scripts", "server-only.cjs"), "--import", "tsx", path.join(root, "scripts", "worker.ts")];
  for (const args of [[path.join(root, "scripts", "server.mjs")], worker]) {
    const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: childEnv });
    // Either process ending ends both: a web server without its worker would silently stop sending.
    child.on("exit", (code) => shutdown(code ?? 0));
    children.push(child);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}

function run(bin, args) {
  const entry = { prisma: "node_modules/prisma/build/index.js", next: "node_modules/next/dist/bin/next" }[bin];
  const result = spawnSync(process.execPath, [path.join(root, entry), ...args], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`Échec de « ${bin} ${args.join(" ")} ».`);
}

function seed() {
  const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
  const result = spawnSync(process.execPath, [tsx, "--conditions=react-server", "prisma/seed.ts"], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error("Échec du chargement des données de démonstration.");
}

async function isEmpty() {
  return withClient(env.DATABASE_URL, async (c) => (await c.query('SELECT count(*)::int AS n FROM "Tenant"')).rows[0].n === 0);
}
