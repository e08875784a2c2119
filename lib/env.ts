import * as z from "zod";
import { fr } from "zod/locales";

// zod's own messages (a field missing, a value of the wrong type: what only a tampered form sends)
// in French, for every parse on the server: lib/env is the first module the server loads.
z.config(fr());

// The only reader of process.env. Everything is parsed once, at first import, with safe defaults.
const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Required by lib/db at first use; optional here so `next build` needs no database.
  DATABASE_URL: z.string().url().optional(),
  // Set by scripts/run.mjs when it started the embedded PostgreSQL: that is demo mode.
  EMBEDDED_DATABASE: flag,
  DEMO_MODE: flag,
  // Honour X-Forwarded-Host/-Proto only behind a reverse proxy that sets them itself.
  TRUST_PROXY: flag,
  // Hosts of the deployment itself (no commune): they list the communes.
  PLATFORM_HOSTS: z.string().default("localhost,127.0.0.1"),
  TENANT_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // The test run appends every log line, whatever its level, to this file, then looks for secrets in it.
  LOG_CAPTURE: z.string().min(1).optional(),
  // Messages: Resend when a key is given, otherwise the built-in outbox only.
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  // The address emails come from (a domain verified with the provider); replies go to the town hall.
  MAIL_FROM: z.string().email().default("ne-pas-repondre@compte-citoyen.localhost"),
  DEV_MAILBOX: flag,
  WORKER_POLL_MS: z.coerce.number().int().min(50).default(1_000),
  // Links in messages point at the commune's canonical host with this protocol and port
  // (https and the default port in production; run.mjs sets http and the dev port in demo mode).
  PUBLIC_PROTOCOL: z.enum(["http", "https"]).optional(),
  PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Signs sessions and captcha challenges. Required in production; demo mode uses a fixed one.
  AUTH_SECRET: z.string().min(32).optional(),
  // Proof-of-work cost of the captcha (higher: slower for robots and people alike).
  CAPTCHA_COST: z.coerce.number().int().min(1).default(5_000),
  // Per-IP limits (all local traffic comes from 127.0.0.1: tests may raise them).
  LOGIN_IP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  SIGNUP_IP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(20),
  // Démarches without an account: requests sent, and wrong tracking codes typed on /suivi, per IP per hour.
  ANONYMOUS_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  TRACKING_FAILURES_PER_HOUR: z.coerce.number().int().min(1).default(20),
  // Drafts untouched for DRAFT_RETENTION_DAYS are removed; their owner is told DRAFT_REMINDER_DAYS before.
  DRAFT_RETENTION_DAYS: z.coerce.number().int().min(2).default(90),
  DRAFT_REMINDER_DAYS: z.coerce.number().int().min(1).default(7),
  // Attachments (pièces justificatives): files under STORAGE_DIR (relative to the working directory,
  // never under public/), or an S3-compatible bucket when S3_BUCKET is set.
  STORAGE_DIR: z.string().default(".data/pieces"),
  S3_BUCKET: z.string().min(1).optional(),
  // Without it, AWS itself (https://s3.<region>.amazonaws.com); otherwise any S3-compatible service.
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Card payments. The platform's Stripe secret key and webhook signing secret live here, never in
  // the database; each régie names its connected account (acct_…). STRIPE_API_URL points the client
  // at another server (tests). Without a key, régies pay by the local simulation, which production
  // refuses unless PAYMENT_SIMULATION=1 (demo mode allows it).
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_API_URL: z.string().url().optional(),
  PAYMENT_SIMULATION: flag,
  // A payment not finished within this many minutes expires and releases its invoices.
  PAYMENT_TIMEOUT_MINUTES: z.coerce.number().int().min(1).default(30),
}).refine((e) => e.DRAFT_REMINDER_DAYS < e.DRAFT_RETENTION_DAYS, {
  // Otherwise a draft would be announced for removal the moment it is saved.
  path: ["DRAFT_REMINDER_DAYS"],
  message: "doit être inférieur à DRAFT_RETENTION_DAYS",
}).refine((e) => !e.S3_BUCKET || (e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY), {
  // Fail at start rather than at the first upload.
  path: ["S3_BUCKET"],
  message: "S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY sont requis avec S3_BUCKET",
});

function parse() {
  // An empty variable (`RESEND_API_KEY=` in a compose file) means unset.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const result = schema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Configuration invalide : ${problems}`);
  }
  return result.data;
}

const raw = parse();

export const env = {
  ...raw,
  demoMode: raw.DEMO_MODE || raw.EMBEDDED_DATABASE,
  devMailbox: raw.DEV_MAILBOX || raw.DEMO_MODE || raw.EMBEDDED_DATABASE,
  publicProtocol: raw.PUBLIC_PROTOCOL ?? (raw.DEMO_MODE || raw.EMBEDDED_DATABASE ? "http" : "https"),
  paymentSimulation: raw.PAYMENT_SIMULATION || raw.DEMO_MODE || raw.EMBEDDED_DATABASE || raw.NODE_ENV !== "production",
  platformHosts: raw.PLATFORM_HOSTS.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
};

/** The secret that signs sessions and captcha challenges. */
export function authSecret(): string {
  if (raw.AUTH_SECRET) return raw.AUTH_SECRET;
  if (env.demoMode || raw.NODE_ENV !== "production") return "compte-citoyen-demo-secret-not-for-production-use";
  throw new Error("AUTH_SECRET manquant : une valeur aléatoire d'au moins 32 caractères est requise en production.");
}
