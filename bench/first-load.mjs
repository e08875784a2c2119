// First-load JavaScript of the citizens' routes (app/(citoyen) and app/(public) pages), in kB
// gzip, read from a production build (Next 16, Turbopack): the framework's chunks every page loads
// (build-manifest.json rootMainFiles) plus the entry chunks of the route's segments, root layout to
// page (the page's client reference manifest, entryJSFiles). Chunks loaded later (dynamic imports,
// client navigation) are not counted; polyfills are for old browsers only (nomodule) and are not either.
//   node bench/first-load.mjs          prints the table
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

export const FIRST_LOAD_BUDGET_KB = 120;

/** The citizen-facing page routes of the build, with their first-load JS. `root` is the project folder. */
export function firstLoadJs(root) {
  const next = path.join(root, ".next");
  const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8"));
  const appPaths = JSON.parse(fs.readFileSync(path.join(next, "server", "app-paths-manifest.json"), "utf8"));
  const sizes = new Map();
  const gzipped = (file) => {
    if (!sizes.has(file)) sizes.set(file, zlib.gzipSync(fs.readFileSync(path.join(next, file)), { level: 9 }).length);
    return sizes.get(file);
  };
  const framework = build.rootMainFiles;
  const routes = [];
  for (const entry of Object.keys(appPaths).sort()) {
    if (!entry.endsWith("/page") || !/^\/\((citoyen|public)\)(\/|$)/.test(entry)) continue;
    const manifest = readClientManifest(path.join(next, "server", "app", `${entry}_client-reference-manifest.js`), entry);
    const files = new Set(framework);
    for (const chunks of Object.values(manifest.entryJSFiles ?? {})) for (const file of chunks) files.add(file);
    const bytes = [...files].reduce((sum, file) => sum + gzipped(file), 0);
    const own = [...files].filter((f) => !framework.includes(f)).reduce((sum, file) => sum + gzipped(file), 0);
    routes.push({ route: routeOf(entry), kb: kb(bytes), app_kb: kb(own), chunks: files.size });
  }
  const frameworkKb = kb(framework.reduce((sum, file) => sum + gzipped(file), 0));
  return { budget_kb: FIRST_LOAD_BUDGET_KB, framework_kb: frameworkKb, routes };
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/** "/(citoyen)/demandes/[numero]/page" → "/demandes/[numero]". */
const routeOf = (entry) => entry.replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "") || "/";

/** The manifest file assigns globalThis.__RSC_MANIFEST[entry]: run it in a sandbox and read that. */
function readClientManifest(file, entry) {
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox, { filename: file });
  const manifest = sandbox.__RSC_MANIFEST?.[entry];
  if (!manifest) throw new Error(`Manifeste client illisible : ${file}`);
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { budget_kb, framework_kb, routes } = firstLoadJs(process.cwd());
  console.log(`JavaScript au premier chargement (kB gzip ; budget ${budget_kb} kB ; socle Next et React ${framework_kb} kB)`);
  for (const r of routes) console.log(`  ${r.route.padEnd(40)} ${r.kb.toFixed(1).padStart(7)} kB  (dont page ${r.app_kb.toFixed(1)} kB)${r.kb > budget_kb ? "  au-dessus du budget" : ""}`);
}
