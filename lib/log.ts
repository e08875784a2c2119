import { appendFileSync } from "node:fs";
import { env } from "@/lib/env";

// One JSON line per event on stdout. Callers pass technical fields only: never personal data or secrets.
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = Exclude<keyof typeof levels, "silent">;

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}) {
  if (env.LOG_CAPTURE) appendFileSync(env.LOG_CAPTURE, `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  if (levels[level] < levels[env.LOG_LEVEL]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}
