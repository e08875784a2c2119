// `npm run worker`: delivers the message outbox, alone or beside the web server (scripts/run.mjs
// starts both). Run with node -r ./scripts/server-only.cjs --import tsx (see that file): lib/ is TypeScript.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { runWorker } from "@/lib/notifications/worker";

const controller = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => controller.abort());

runWorker(controller.signal, env.WORKER_POLL_MS)
  .then(() => db.$disconnect())
  .then(() => process.exit(0));
