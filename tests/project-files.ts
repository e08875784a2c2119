import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The one walk of the project's folders for the tests that cover every page, action or route found
// on disk (access matrices, fuzzing, cross-site writes, the action rule, SQL counts per page).

export const ROOT = path.resolve(__dirname, "..");

/** Files under `dir` (from the project folder) whose name is or matches `name`, as sorted POSIX paths from `root`. */
export function filesNamed(name: string | RegExp, dir = "app"): string[] {
  const matches = (file: string) => (typeof name === "string" ? file === name : name.test(file));
  const walk = (d: string): string[] =>
    readdirSync(path.join(ROOT, d), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.posix.join(d, e.name)) : matches(e.name) ? [path.posix.join(d, e.name)] : []);
  return walk(dir).sort();
}

const startsWith = (directive: string) => (file: string) => new RegExp(`^\\s*["']${directive}["']`).test(readFileSync(path.join(ROOT, file), "utf8"));

/** The server actions files under app/ ("use server"). */
export const serverActionFiles = () => filesNamed("actions.ts").filter(startsWith("use server"));

/** The client components and modules of app/ and components/ ("use client"), tests left out. */
export const clientFiles = () => ["app", "components"].flatMap((dir) => filesNamed(/^(?!.*\.test\.).*\.tsx?$/, dir)).filter(startsWith("use client"));
