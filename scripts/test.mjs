// `npm test`: static checks, Jest (unit, integration, component) and Playwright (end to end),
// against a real PostgreSQL: the embedded one in a temp folder, or throw-away databases on the
// server of DATABASE_URL (never the database it names). Ends with one line: "N passed, N failed".
//
//   node scripts/test.mjs            everything
//   node scripts/test.mjs jest [...] only Jest, extra arguments passed on (a path, -t "name")
//   node scripts/test.mjs e2e [...]  only Playwright, extra arguments passed on
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findSecrets } from "../tests/known-secrets.mjs";
import { dropDatabase, ensureDatabase, freePort, startEmbedded, withDatabase } from "./pg.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [only, ...extra] = process.argv.slice(2);
const runs = (part) => !only || only === part;
const JEST_WORKERS = 2;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "cc-test-"));
fs.chmodSync(work, 0o755); // the embedded server runs as the `postgres` user when we are root
// Every log line of the run, whatever its level (Jest and the e2e server): no secret may be in it.
const logCapture = path.join(work, "logs.jsonl");
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", LOG_CAPTURE: logCapture };
delete baseEnv.DATABASE_URL; // nothing below may touch the database the URL names
const totals = { passed: 0, failed: 0 };
const databases = [];
let embedded = null;

try {
  if (runs("static")) {
    count("TypeScript", step("npx", ["tsc", "--noEmit"]));
    count("ESLint", step("npx", ["eslint", ".", "--max-warnings=0"]));
  }
  if (runs("jest") || runs("e2e")) {
    const adminUrl = await startDatabaseServer();
    const prefix = `cc_test_${process.pid}`;
    const template = await createDatabase(adminUrl, `${prefix}_tpl`);
    const migrated = step("node", ["node_modules/prisma/build/index.js", "migrate", "deploy"], { DATABASE_URL: template.url });
    if (!migrated) throw new Error("Les migrations n'ont pas pu être appliquées.");

    if (runs("jest")) {
      for (let w = 1; w <= JEST_WORKERS; w++) await createDatabase(adminUrl, `${prefix}_w${w}`, template.name);
      const report = path.join(work, "jest.json");
      step("npx", ["jest", `--maxWorkers=${JEST_WORKERS}`, "--json", `--outputFile=${report}`, ...(only ? extra : [])], {
        TEST_DATABASE_URL_BASE: withDatabase(adminUrl, prefix),
      });
      addJest(report);
    }
    if (runs("e2e")) {
      const e2e = await createDatabase(adminUrl, `${prefix}_e2e`, template.name);
      const env = { DATABASE_URL: e2e.url, DEMO_MODE: "1" };
      if (!step("node", ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed.ts"], env)) {
        throw new Error("Les données de démonstration n'ont pas pu être chargées.");
      }
      if (!step("node", ["node_modules/next/dist/bin/next", "build"], { ...env, NODE_ENV: "production" })) {
        throw new Error("La construction de l'application a échoué.");
      }
      const report = path.join(work, "playwright.json");
      // Every axe scan adds a line here; `npm run accessibility:summary` turns a full run's lines
      // into lib/accessibility/results.json, which the accessibility statement is rendered from.
      const accessibility = path.join(root, "test-results", "accessibilite.jsonl");
      fs.rmSync(accessibility, { force: true });
      step("npx", ["playwright", "test", ...(only ? extra : [])], {
        ...env,
        E2E_PORT: String(await freePort()),
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        ACCESSIBILITY_REPORT: accessibility,
      });
      if (fs.existsSync(accessibility)) console.log(`\nContrôles d'accessibilité relevés dans ${path.relative(root, accessibility)} (npm run accessibility:summary).`);
      if (!addPlaywright(report) && fs.existsSync(logCapture)) {
        console.error("\nDernières lignes du journal du serveur :\n" + fs.readFileSync(logCapture, "utf8").split("\n").slice(-40).join("\n"));
      }
    }
    scanLogs();
  }
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : error}`);
  totals.failed += 1;
} finally {
  await cleanUp();
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

function step(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...baseEnv, ...env } });
  return result.status === 0;
}

function count(name, ok) {
  totals[ok ? "passed" : "failed"] += 1;
  if (!ok) console.error(`${name} : échec`);
}

function addJest(file) {
  if (!fs.existsSync(file)) return count("Jest", false);
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests;
  // A suite that fails to load has no failed test but must fail the run.
  totals.failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
}

function addPlaywright(file) {
  if (!fs.existsSync(file)) return count("Playwright", false);
  const { stats, errors = [] } = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected + errors.length;
  return stats.unexpected + errors.length === 0;
}

/** Counts as one test: the run wrote log lines (a whole run always does), and none holds a known secret. */
function scanLogs() {
  const text = fs.existsSync(logCapture) ? fs.readFileSync(logCapture, "utf8") : "";
  const lines = text.split("\n").filter(Boolean).length;
  if (lines === 0 && only) return;
  const found = findSecrets(text);
  console.log(`\nJournaux : ${lines} lignes lues, ${found.length} secret(s) trouvé(s).`);
  for (const f of found.slice(0, 20)) console.error(`  ${f}`);
  count("Aucun secret dans les journaux", lines > 0 && found.length === 0);
}

async function startDatabaseServer() {
  if (process.env.DATABASE_URL) return withDatabase(process.env.DATABASE_URL, "postgres");
  embedded = await startEmbedded({ dir: path.join(work, "pg"), port: await freePort(), fast: true });
  return embedded.adminUrl;
}

async function createDatabase(adminUrl, name, template) {
  await ensureDatabase(adminUrl, name, template);
  databases.push({ adminUrl, name });
  return { name, url: withDatabase(adminUrl, name) };
}

async function cleanUp() {
  if (embedded) await embedded.stop();
  else for (const { adminUrl, name } of databases.reverse()) await dropDatabase(adminUrl, name).catch(() => {});
  fs.rmSync(work, { recursive: true, force: true });
}

