import { readdirSync } from "node:fs";
import path from "node:path";

// The one walk of the project's folders for the tests that cover every page, action or route found
// on disk (access matrices, fuzzing, cross-site writes, the action rule, SQL counts per page).

export const ROOT = path.resolve(__dirname, "..");

/** Files under `dir` (from `root`) whose name is or matches `name`, as sorted POSIX paths from `root`. */
export function filesNamed(name: string | RegExp, dir = "app", root = ROOT): string[] {
  const matches = (file: string) => (typeof name === "string" ? file === name : name.test(file));
  const walk = (d: string): string[] =>
    readdirSync(path.join(root, d), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.posix.join(d, e.name)) : matches(e.name) ? [path.posix.join(d, e.name)] : []);
  return walk(dir).sort();
}
