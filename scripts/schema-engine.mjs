#!/usr/bin/env node
// Stands in for Prisma's native schema engine, which the Prisma CLI would otherwise download
// (not possible on our machines). The CLI runs this file (PRISMA_SCHEMA_ENGINE_BINARY, set in
// prisma.config.ts) with the same arguments and protocol as the native engine:
//   --version                                     prints the engine version line
//   --datasource '<json>' cli <command>            can-connect-to-database | create-database | drop-database
//   [--datamodels file]... [--datasource '<json>']  JSON-RPC 2.0, one JSON object per line on stdin/stdout
// Requests are served by the WebAssembly build of the same engine, talking to PostgreSQL through the
// Prisma pg driver adapter (with three fixes, below).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parse as parseUrl } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const out = { datamodels: [], datasource: null, cli: null, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--version" || a === "-V") out.version = true;
    else if (a === "--datamodels") out.datamodels.push(argv[++i]);
    else if (a === "--datasource") out.datasource = JSON.parse(argv[++i]);
    else if (a === "cli") out.cli = argv[++i];
    else if (a.startsWith("--")) i++; // other options (preview features, extension types) take a value we do not need
  }
  return out;
}

// ---- `cli` commands: plain SQL on the server's maintenance database --------------------------------

async function cli(command, datasource) {
  const target = parseUrl(datasource.url);
  const database = target.database;
  try {
    if (command === "can-connect-to-database") {
      await withClient({ ...target }, () => {});
    } else if (command === "create-database") {
      await withClient({ ...target, database: "postgres" }, async (c) => {
        const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (!rowCount) await c.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
      });
    } else if (command === "drop-database") {
      await withClient({ ...target, database: "postgres" }, (c) =>
        c.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`),
      );
    } else {
      throw Object.assign(new Error(`Unknown command: ${command}`), { code: "P1000" });
    }
    return 0;
  } catch (error) {
    // The CLI skips the first stderr line, then reads JSON log lines.
    process.stderr.write("schema-engine\n");
    process.stderr.write(`${JSON.stringify({ level: "ERROR", fields: { message: error.message, error_code: pgCode(error) } })}\n`);
    return 1;
  }
}

function pgCode(error) {
  if (error.code === "3D000") return "P1003"; // database does not exist
  if (error.code === "28P01") return "P1000"; // authentication failed
  if (error.code === "ECONNREFUSED") return "P1001"; // server unreachable
  return "P1000";
}

async function withClient(config, fn) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ---- JSON-RPC server ------------------------------------------------------------------------------

async function serve({ datamodels, datasource }) {
  // A panic inside the WebAssembly engine reports its message here before throwing.
  let panicMessage = null;
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message: (m) => {
      panicMessage = m;
      process.stderr.write(`${JSON.stringify({ level: "ERROR", fields: { message: String(m) } })}\n`);
    },
  };

  const { SchemaEngine } = await loadWasmEngine();
  const url = datasource?.url ?? process.env.DATABASE_URL;
  const engine = await SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels.map((file) => [file, fs.readFileSync(file, "utf8")]) : undefined },
    (log) => process.stderr.write(`${log}\n`),
    bindMigrationAwareSqlAdapterFactory(new MigrationAdapterFactory(parseUrl(url))),
  );

  const write = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  let nextId = 1_000_000;
  const pendingPrints = new Map();

  // The native engine asks the CLI to print (`migrate diff` output) with a `print` request.
  globalThis.__schemaEnginePrint = (content) =>
    new Promise((resolve) => {
      const id = nextId++;
      pendingPrints.set(id, resolve);
      write({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  const queue = [];
  let busy = false;
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const message = JSON.parse(line);
    if (message.method === undefined && pendingPrints.has(message.id)) {
      pendingPrints.get(message.id)();
      pendingPrints.delete(message.id);
      return;
    }
    queue.push(message);
    void drain();
  });
  lines.on("close", async () => {
    while (busy || queue.length) await new Promise((r) => setTimeout(r, 10));
    process.exit(0);
  });

  // One request at a time, in order, as the native engine does.
  async function drain() {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const request = queue.shift();
      write(await handle(request));
    }
    busy = false;
  }

  async function handle({ id, method, params }) {
    try {
      let result;
      if (method === "getDatabaseVersion") result = await engine.version(params);
      else if (method === "diff") {
        result = await engine.diff(params);
        // The wasm engine returns the script in the result; the CLI expects it printed first.
        if (result?.stdout) await globalThis.__schemaEnginePrint(result.stdout);
      } else if (typeof engine[method] === "function") result = await engine[method](params ?? {});
      else throw Object.assign(new Error(`Unknown method: ${method}`), { code: -32601 });
      return { jsonrpc: "2.0", id, result: result ?? null };
    } catch (error) {
      return { jsonrpc: "2.0", id, error: toRpcError(error, panicMessage) };
    }
  }
}

function toRpcError(error, panicMessage) {
  const message = panicMessage ?? error?.message ?? String(error);
  const data = { is_panic: Boolean(panicMessage), message, meta: error?.meta ?? null, error_code: error?.error_code ?? error?.code ?? null };
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

async function loadWasmEngine() {
  // The package imports its .wasm as an ES module, which Node 20 cannot; instantiate it ourselves.
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bindings = await import(path.join(dir, "schema_engine_bg.js"));
  const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return bindings;
}

// ---- The pg driver adapter, with three fixes for the engine's needs --------------------------------

// Built from discrete connection parameters rather than a connection string: with a string,
// the adapter's shadow database would silently be the main database (the string wins over `database`).
class MigrationAdapterFactory extends PrismaPg {
  // The shadow database (used by `migrate dev` to check the migrations) must be dropped after its
  // pool is closed, or PostgreSQL refuses: "database is being accessed by other users".
  async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.config, database }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }

  async connect() {
    const adapter = await super.connect();
    patchCharColumns(adapter);
    return adapter;
  }
}

// The engine's introspection reads PostgreSQL's internal one-byte "char" type (OID 18), which the
// adapter cannot map, and expects it back as a Character column: pass the value as text and label
// the column Character. Per-query state is keyed by the query object (queries may run concurrently).
let patched = false;
function patchCharColumns(adapter) {
  if (patched) return;
  patched = true;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  const { performIO, queryRaw } = proto;
  const charColumns = new WeakMap();
  proto.performIO = async function (query) {
    const result = await performIO.call(this, query);
    const columns = [];
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25; // text
        columns.push(i);
      }
    });
    if (columns.length) charColumns.set(query, columns);
    return result;
  };
  proto.queryRaw = async function (query) {
    const result = await queryRaw.call(this, query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}
// ---- Entry point (last, so the classes above are defined) ----------------------------------------

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  const { enginesVersion } = require("@prisma/engines-version");
  console.log(`schema-engine-cli ${enginesVersion}`);
  process.exit(0);
}
if (args.cli) process.exit(await cli(args.cli, args.datasource));
await serve(args);
