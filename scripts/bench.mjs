// `npm run bench`: the production server on a large dataset, measured with autocannon.
//   1. builds the application if needed (no .next/BUILD_ID, or sources newer than it);
//   2. starts an embedded PostgreSQL in a temp folder, applies the migrations, loads the demo data
//      and the scale dataset (bench/dataset.mjs: a large commune, a small one, two others);
//   3. starts the production server (scripts/server.mjs) on it, signs in a citizen through
//      next-auth and gives an agent the session the agents' login gives after its second factor;
//   4. measures each target in a separate process (bench/load.mjs), 16 connections, warm-up first;
//   5. prints a table and writes bench/results.json, with the first-load JavaScript of the
//      citizens' routes (bench/first-load.mjs).
// Settings: BENCH_DURATION (s, 10), BENCH_WARMUP (s, 3), BENCH_CONNECTIONS (16), BENCH_SCALE (1:
// a million requests; 0.1 for a quick try, whose results are not written unless BENCH_WRITE=1).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import nextAuthJwt from "next-auth/jwt";
import { MEASURED_CITIZEN, planOf, seedScale } from "../bench/dataset.mjs";
import { firstLoadJs } from "../bench/first-load.mjs";
import { ensureDatabase, freePort, startEmbedded } from "./pg.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const settings = {
  connections: Number(process.env.BENCH_CONNECTIONS || 16),
  warmup_s: Number(process.env.BENCH_WARMUP || 3),
  duration_s: Number(process.env.BENCH_DURATION || 10),
  scale: Number(process.env.BENCH_SCALE || 1),
};
const TIME_BUDGET_S = 600;
const DEMO_PASSWORD = "demo-compte-citoyen-2026";
const AGENT_COOKIE = "cc.agent";
const SESSION_COOKIE = "cc.session";
const secret = crypto.randomBytes(32).toString("hex");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cc-bench-"));
fs.chmodSync(work, 0o755); // the embedded server runs as the `postgres` user when we are root
const phases = {};
let embedded = null;
let server = null;

process.on("SIGINT", () => cleanUp().then(() => process.exit(130)));
process.on("SIGTERM", () => cleanUp().then(() => process.exit(143)));

try {
  await main();
} catch (error) {
  console.error(`\n${error instanceof Error ? error.stack : error}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(process.exitCode ?? 0);

async function main() {
  console.log(`Banc d'essai : ${os.cpus().length} cœurs (${os.cpus()[0]?.model.trim()}), Node ${process.version}. Objectif : tout en moins de ${TIME_BUDGET_S / 60} minutes.`);
  await phase("build", ensureBuild);

  const port = await freePort();
  const dbUrl = await phase("database", async () => {
    embedded = await startEmbedded({ dir: path.join(work, "pg"), port, fast: true });
    await ensureDatabase(embedded.adminUrl, "bench");
    const url = embedded.urlFor("bench");
    run("node_modules/prisma/build/index.js", ["migrate", "deploy"], { DATABASE_URL: url }, "Les migrations n'ont pas pu être appliquées.");
    run("node_modules/tsx/dist/cli.mjs", ["--conditions=react-server", "prisma/seed.ts"], { DATABASE_URL: url, DEMO_MODE: "1" }, "Les données de démonstration n'ont pas pu être chargées.");
    return url;
  });

  const plan = planOf(settings.scale);
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  let dataset;
  try {
    dataset = await phase("dataset", async () => {
      console.log("Jeu de données à l'échelle (SQL) :");
      const sizes = await seedScale(db, plan, (line) => console.log(line));
      await db.query("VACUUM ANALYZE");
      return sizes;
    });
  } catch (error) {
    await db.end();
    throw error;
  }

  const big = plan.find((c) => c.role === "grande").slug;
  const small = plan.find((c) => c.role === "petite").slug;
  const facts = {};
  for (const slug of [big, small]) facts[slug] = await factsOf(db, slug);
  await db.end();

  const appPort = await freePort();
  await phase("server", () => startServer(appPort, dbUrl));
  const base = `http://127.0.0.1:${appPort}`;
  for (const slug of [big, small]) {
    facts[slug].citizenCookie = await signInCitizen(appPort, facts[slug].host);
    facts[slug].agentCookie = await agentCookie(facts[slug].agent);
  }

  // BENCH_ONLY=name,name: those targets only (and the ceiling), to look into one page.
  const only = process.env.BENCH_ONLY?.split(",");
  const all = targetsOf(facts, big, small);
  const targets = all.filter((t) => !only || t.name === "ping" || only.includes(t.name));
  for (const t of targets) await check(appPort, t);
  if (process.env.BENCH_HOLD) {
    // BENCH_HOLD=seconds: keeps the server and the database up, to look into a page by hand.
    fs.writeFileSync(path.join(os.tmpdir(), "cc-bench-hold.json"), JSON.stringify({ base, dbUrl, targets: all }, null, 2));
    console.log(`Serveur ${base}, base ${dbUrl} ; cibles dans ${path.join(os.tmpdir(), "cc-bench-hold.json")} (${process.env.BENCH_HOLD} s).`);
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_HOLD) * 1000));
  }

  const pages = await phase("load", async () => {
    const out = {};
    for (const t of targets) {
      process.stdout.write(`  ${t.name.padEnd(30)} `);
      await drain(appPort, t.host);
      const r = await measure(base, t);
      out[t.name] = { label: t.label, commune: t.commune, path: t.path, ...r };
      console.log(`${String(r.rps).padStart(7)} req/s  p95 ${String(r.p95_ms).padStart(6)} ms  erreurs ${r.errors}`);
    }
    return out;
  });
  if (Object.values(pages).some((p) => p.requests === 0 || p.errors > 0)) {
    console.log(`\nJournal du serveur (fin) :\n${fs.readFileSync(path.join(work, "server.log"), "utf8").split("\n").slice(-30).join("\n")}`);
  }
  const ceiling = pages.ping.rps;
  for (const p of Object.values(pages)) p.ratio_to_ceiling = ceiling ? Math.round((p.rps / ceiling) * 100) / 100 : null;

  const ratio = (a, b) => (pages[a] && pages[b] && pages[b].p95_ms ? Math.round((pages[a].p95_ms / pages[b].p95_ms) * 100) / 100 : null);
  const scale_ratios = {
    mes_demandes_p95: ratio("mes_demandes", "mes_demandes_petite"),
    mes_demandes_filtrees_p95: ratio("mes_demandes_filtrees", "mes_demandes_filtrees_petite"),
    file_agents_p95: ratio("file_agents", "file_agents_petite"),
    file_agents_filtree_p95: ratio("file_agents_filtree", "file_agents_filtree_petite"),
  };
  const firstLoad = firstLoadJs(root);
  const duration = Math.round((Date.now() - started) / 1000);

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model.trim(), memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: { ...settings, note: "autocannon dans un processus séparé, sur la même machine que le serveur et PostgreSQL (bruit possible : d'autres travaux tournent)" },
    duration_s: duration,
    duration_without_build_s: Math.round(duration - (phases.build ?? 0)),
    phases_s: phases,
    dataset: { communes: dataset, measured_citizen: MEASURED_CITIZEN, totals: totalsOf(dataset) },
    targets_reported: { ratio_to_ceiling_min: 0.5, p95_ms_max: 100, scale_ratio_max: 1.2, errors: 0, first_load_kb_max: firstLoad.budget_kb },
    pages,
    scale_ratios,
    first_load_js: firstLoad,
  };
  printTable(results);
  // A partial run (BENCH_ONLY) or a small scale does not replace the full figures.
  if ((settings.scale === 1 && !only) || process.env.BENCH_WRITE === "1") {
    fs.writeFileSync(path.join(root, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log("\nRésultats écrits dans bench/results.json.");
  }
}

/** The pages measured, in order; the small commune's repeat the large one's for the scale ratios. */
function targetsOf(facts, big, small) {
  const b = facts[big];
  const s = facts[small];
  const citizen = (f) => ({ cookie: f.citizenCookie });
  const agent = (f) => ({ cookie: f.agentCookie });
  return [
    { name: "ping", label: "Plafond /api/ping", commune: big, host: b.host, path: "/api/ping" },
    { name: "accueil_commune", label: "Accueil de la commune (public)", commune: big, host: b.host, path: "/" },
    { name: "accueil_connecte", label: "Accueil (connecté)", commune: big, host: b.host, path: "/accueil", ...citizen(b) },
    { name: "mes_demandes", label: "Mes demandes", commune: big, host: b.host, path: "/demandes", ...citizen(b) },
    { name: "mes_demandes_filtrees", label: "Mes demandes, filtrées", commune: big, host: b.host, path: b.citizenFilter, ...citizen(b) },
    { name: "detail_demande", label: "Détail d'une demande", commune: big, host: b.host, path: `/demandes/${b.numero}`, ...citizen(b) },
    { name: "file_agents", label: "File des agents", commune: big, host: b.host, path: "/admin/demandes", ...agent(b) },
    { name: "file_agents_filtree", label: "File des agents, filtrée", commune: big, host: b.host, path: b.queueFilter, ...agent(b) },
    { name: "mes_demandes_petite", label: "Mes demandes (petite commune)", commune: small, host: s.host, path: "/demandes", ...citizen(s) },
    { name: "mes_demandes_filtrees_petite", label: "Mes demandes, filtrées (petite)", commune: small, host: s.host, path: s.citizenFilter, ...citizen(s) },
    { name: "file_agents_petite", label: "File des agents (petite commune)", commune: small, host: s.host, path: "/admin/demandes", ...agent(s) },
    { name: "file_agents_filtree_petite", label: "File des agents, filtrée (petite)", commune: small, host: s.host, path: s.queueFilter, ...agent(s) },
    // Last: a PDF is rendered on the CPU of the server, which stays busy a while after the run.
    { name: "pdf_demande", label: "PDF d'une demande", commune: big, host: b.host, path: `/demandes/${b.numero}/pdf`, ...citizen(b) },
  ];
}

/** What the targets need to know of a commune: host, the measured citizen's newest decided request, the filters. */
async function factsOf(db, slug) {
  const tenant = (await db.query(`SELECT t.id, h.hostname FROM "Tenant" t JOIN "TenantHost" h ON h."tenantId" = t.id AND h.canonical WHERE t.slug = $1`, [slug])).rows[0];
  const citizen = (await db.query(`SELECT id FROM "Account" WHERE "tenantId" = $1 AND identifiant = $2`, [tenant.id, MEASURED_CITIZEN])).rows[0];
  const request = (await db.query(
    `SELECT numero FROM "Request" WHERE "tenantId" = $1 AND "accountId" = $2 AND status = 'ACCEPTEE' ORDER BY "submittedAt" DESC LIMIT 1`,
    [tenant.id, citizen.id],
  )).rows[0];
  const agent = (await db.query(`SELECT id, "tenantId", "sessionVersion" FROM "Agent" WHERE "tenantId" = $1 AND role = 'ADMIN' ORDER BY email LIMIT 1`, [tenant.id])).rows[0];
  const theme = (await db.query(`SELECT id FROM "Theme" WHERE "tenantId" = $1 AND slug = 'enfance'`, [tenant.id])).rows[0];
  const since = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
  return {
    host: tenant.hostname,
    numero: request.numero,
    agent,
    // The citizen's decided requests of the last three years; the agents' open requests of one theme.
    citizenFilter: `/demandes?statut=traitees&du=${since}`,
    queueFilter: `/admin/demandes?statut=ouvertes&theme=${theme.id}`,
  };
}

async function ensureBuild() {
  if (!fs.existsSync(path.join(root, "lib", "generated", "prisma"))) run("node_modules/prisma/build/index.js", ["generate"], {}, "Échec de « prisma generate ».");
  const id = path.join(root, ".next", "BUILD_ID");
  const builtAt = fs.existsSync(id) ? fs.statSync(id).mtimeMs : 0;
  const newest = newestSource();
  if (builtAt && newest.mtime <= builtAt) return console.log("Construction : à jour.");
  console.log(builtAt ? `Construction : ${path.relative(root, newest.file)} est plus récent, reconstruction…` : "Construction de l'application…");
  run("node_modules/next/dist/bin/next", ["build"], { NODE_ENV: "production" }, "La construction de l'application a échoué.");
}

/** The newest file the build reads (tests excluded). */
function newestSource() {
  let newest = { file: "", mtime: 0 };
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (!name.startsWith(".") && name !== "node_modules") visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p) && stat.mtimeMs > newest.mtime) {
      newest = { file: p, mtime: stat.mtimeMs };
    }
  };
  for (const p of ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package.json"]) visit(path.join(root, p));
  return newest;
}

async function startServer(port, dbUrl) {
  const log = fs.openSync(path.join(work, "server.log"), "a");
  server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
    cwd: root,
    stdio: ["ignore", log, log],
    env: {
      ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DEMO_MODE: "1", DATABASE_URL: dbUrl,
      AUTH_SECRET: secret, PORT: String(port), BIND_ADDRESS: "127.0.0.1", PUBLIC_PROTOCOL: "http", PUBLIC_PORT: String(port),
    },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    const res = await request(port, { host: "localhost", path: "/api/ping" }).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Le serveur n'a pas démarré :\n${fs.readFileSync(path.join(work, "server.log"), "utf8").slice(-2000)}`);
}

/** Signs the measured citizen in as a browser does: next-auth's CSRF token, then the credentials form. */
async function signInCitizen(port, host) {
  const csrf = await request(port, { host, path: "/api/auth/csrf" });
  const { csrfToken } = JSON.parse(csrf.body);
  const body = new URLSearchParams({ csrfToken, identifiant: MEASURED_CITIZEN, password: DEMO_PASSWORD, callbackUrl: "/accueil", json: "true" }).toString();
  const res = await request(port, {
    host, path: "/api/auth/callback/credentials", method: "POST", body,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1", cookie: cookiesOf(csrf).join("; ") },
  });
  const session = cookiesOf(res).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error(`Connexion de ${MEASURED_CITIZEN} sur ${host} refusée (${res.status}) : ${res.body.slice(0, 300)}`);
  return session;
}

/** The cookie the agents' login sets once the second factor has passed (lib/agents/session startAgentSession). */
async function agentCookie(agent) {
  const token = { agentId: agent.id, tenantId: agent.tenantId, sv: agent.sessionVersion, authTime: Math.floor(Date.now() / 1000), mfa: true };
  return `${AGENT_COOKIE}=${await nextAuthJwt.encode({ token, secret, salt: AGENT_COOKIE, maxAge: 30 * 60 })}`;
}

/** One request before the load: the page must answer 200 to this session (a redirect would measure the login page). */
async function check(port, target) {
  const res = await request(port, { host: target.host, path: target.path, headers: target.cookie ? { cookie: target.cookie } : {} });
  if (res.status !== 200) throw new Error(`${target.label} (${target.host}${target.path}) répond ${res.status} au lieu de 200.`);
}

/** Waits (20 s at most) until the server answers the ceiling at once: the previous run has left nothing in its queue. */
async function drain(port, host) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const t = Date.now();
    const res = await request(port, { host, path: "/api/ping" }).catch(() => null);
    if (res?.status === 200 && Date.now() - t < 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function measure(base, target) {
  const spec = {
    url: base + target.path, connections: settings.connections, warmup: settings.warmup_s, duration: settings.duration_s,
    headers: { host: target.host, ...(target.cookie ? { cookie: target.cookie } : {}) },
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bench", "load.mjs"), JSON.stringify(spec)], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1))) : reject(new Error(`Mesure de ${target.name} : code ${code}`))));
  });
}

function printTable(r) {
  const rows = Object.entries(r.pages).map(([name, p]) => [p.label, p.commune, p.rps, p.p50_ms, p.p95_ms, p.p99_ms, p.errors, p.ratio_to_ceiling, name]);
  console.log(`\n${"Page".padEnd(34)}${"commune".padEnd(13)}${"req/s".padStart(8)}${"p50".padStart(8)}${"p95".padStart(8)}${"p99".padStart(8)}${"err.".padStart(6)}${"÷ plafond".padStart(11)}`);
  for (const [label, commune, rps, p50, p95, p99, errors, ratio] of rows) {
    console.log(`${label.padEnd(34)}${commune.padEnd(13)}${String(rps).padStart(8)}${String(p50).padStart(8)}${String(p95).padStart(8)}${String(p99).padStart(8)}${String(errors).padStart(6)}${String(ratio).padStart(11)}`);
  }
  console.log("(latences en ms ; 16 connexions ; objectifs : ≥ 0,5 × plafond, p95 ≤ 100 ms, aucune erreur)");
  console.log("\nRapport d'échelle (p95 grande commune ÷ p95 petite commune ; objectif ≤ 1,2) :");
  for (const [k, v] of Object.entries(r.scale_ratios)) console.log(`  ${k.padEnd(28)} ${v}`);
  console.log(`\nJavaScript au premier chargement (kB gzip ; budget ${r.first_load_js.budget_kb} kB ; socle Next et React ${r.first_load_js.framework_kb} kB) :`);
  for (const p of r.first_load_js.routes) console.log(`  ${p.route.padEnd(40)} ${p.kb.toFixed(1).padStart(7)}${p.kb > r.first_load_js.budget_kb ? "  au-dessus" : ""}`);
  const t = r.dataset.totals;
  console.log(`\nDonnées : ${t.accounts} comptes, ${t.requests} demandes, ${t.events} événements, ${t.invoices} factures.`);
  const minutes = (s) => `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  console.log(`Durée totale : ${minutes(r.duration_s)}, dont ${minutes(r.duration_s - r.duration_without_build_s)} de construction (objectif ≤ ${TIME_BUDGET_S / 60} min sur cette machine à ${r.machine.cpus} cœurs) ; étapes (s) : ${Object.entries(r.phases_s).map(([k, v]) => `${k} ${v}`).join(", ")}.`);
}

function totalsOf(sizes) {
  const sum = (k) => sizes.reduce((s, c) => s + c[k], 0);
  return { accounts: sum("accounts"), requests: sum("requests"), events: sum("events"), invoices: sum("invoices") };
}

async function phase(name, fn) {
  const t = Date.now();
  const result = await fn();
  phases[name] = Math.round((Date.now() - t) / 100) / 10;
  return result;
}

function run(script, args, env, message) {
  const result = spawnSync(process.execPath, [path.join(root, script), ...args], {
    cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  if (result.status !== 0) throw new Error(message);
}

/** http.request on 127.0.0.1 with a Host header (Node's fetch would drop it). */
function request(port, { host, path: p, method = "GET", headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: p, method, headers: { host, ...headers } }, (res) => {
      let data = "";
      res.setEncoding("latin1");
      res.on("data", (d) => (data += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${p} : pas de réponse`)));
    req.end(body);
  });
}

function cookiesOf(res) {
  return (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);
}


async function cleanUp() {
  if (server && server.exitCode === null) {
    await new Promise((resolve) => { server.once("exit", resolve); server.kill("SIGTERM"); setTimeout(resolve, 12_000).unref(); });
  }
  server = null;
  if (embedded) await embedded.stop();
  embedded = null;
  // BENCH_KEEP_LOG=file: keeps the server's log (one JSON line per request, with its time).
  if (process.env.BENCH_KEEP_LOG && fs.existsSync(path.join(work, "server.log"))) fs.copyFileSync(path.join(work, "server.log"), process.env.BENCH_KEEP_LOG);
  fs.rmSync(work, { recursive: true, force: true });
}
