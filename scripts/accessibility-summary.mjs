// Turns the records of an end-to-end run (one JSON line per axe scan, written by
// tests/e2e/helpers.ts when ACCESSIBILITY_REPORT names a file) into the committed summary that the
// accessibility statement of every commune is rendered from.
//
//   node scripts/accessibility-summary.mjs [records.jsonl] [lib/accessibility/results.json]
//
// A manual RGAA audit, when one exists, is kept from the previous summary (the `audit` key): the
// automated scans do not replace it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const input = path.resolve(process.argv[2] ?? path.join(root, "test-results", "accessibilite.jsonl"));
const output = path.resolve(process.argv[3] ?? path.join(root, "lib", "accessibility", "results.json"));
const IMPACTS = ["critical", "serious", "moderate", "minor"];

if (!fs.existsSync(input)) {
  console.error(`Aucun relevé : ${input} n'existe pas. Lancez d'abord « node scripts/test.mjs e2e ».`);
  process.exit(1);
}
const scans = fs
  .readFileSync(input, "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line))
  // Tokens of single-use links (long random segments) are one page, whatever their value.
  .map((scan) => ({ ...scan, page: scan.page.replace(/\/[A-Za-z0-9_-]{32,}(?=[/?]|$)/g, "/[id]") }));
if (scans.length === 0) {
  console.error(`Aucun contrôle dans ${input}.`);
  process.exit(1);
}

const pages = new Map();
const viewports = new Map();
const rules = new Map();
const counts = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
for (const scan of scans) {
  const page = pages.get(scan.page) ?? { path: scan.page, states: new Set(), projects: new Set(), scans: 0 };
  page.scans += 1;
  if (scan.state) page.states.add(scan.state);
  page.projects.add(scan.project);
  pages.set(scan.page, page);
  if (scan.viewport) viewports.set(scan.project, { name: scan.project, width: scan.viewport.width, height: scan.viewport.height });
  for (const v of scan.violations) {
    counts[v.impact] = (counts[v.impact] ?? 0) + v.nodes;
    const rule = rules.get(v.id) ?? { rule: v.id, impact: v.impact, help: v.help, pages: new Set(), occurrences: 0 };
    rule.pages.add(scan.page);
    rule.occurrences += v.nodes;
    rules.set(v.id, rule);
  }
}

const previous = fs.existsSync(output) ? JSON.parse(fs.readFileSync(output, "utf8")) : {};
const dates = scans.map((s) => s.at).sort();
const summary = {
  date: dates.at(-1).slice(0, 10),
  tool: `axe-core ${scans[0].axe}`,
  browser: "Chromium (sans interface), Playwright",
  tags: scans[0].tags,
  viewports: [...viewports.values()].sort((a, b) => a.width - b.width),
  scans: scans.length,
  pages: [...pages.values()]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((p) => ({ path: p.path, states: [...p.states].sort(), viewports: [...p.projects].sort(), scans: p.scans })),
  counts,
  nonConformities: [...rules.values()]
    .sort((a, b) => IMPACTS.indexOf(a.impact) - IMPACTS.indexOf(b.impact) || a.rule.localeCompare(b.rule))
    .map((r) => ({ rule: r.rule, impact: r.impact, help: r.help, occurrences: r.occurrences, pages: [...r.pages].sort() })),
  audit: previous.audit ?? null,
};
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, `${JSON.stringify(summary, null, 2)}\n`);
console.log(
  `${path.relative(root, output)} : ${summary.scans} contrôles, ${summary.pages.length} pages, ` +
    `${IMPACTS.map((i) => `${counts[i]} ${i}`).join(", ")}.`,
);
