import { onRequest } from "@/tests/next-headers";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createAccountRow, createAgent, createFullTenant } from "@/tests/factories";
import { filesNamed, ROOT, serverActionFiles } from "@/tests/project-files";
import { agentCookie, citizenCookie } from "@/tests/access";

// Hostile input for every server action and every route handler, both found on disk (a new one is
// fuzzed without a line here). Each is called as the browser would (host and cookies of the request)
// by nobody, a citizen and an admin of the commune, with a few cases that each carry one kind of
// hostility: 1 MB strings, wrong types (arrays, numbers, objects, files where text is expected,
// FormData with repeated keys), control characters and NUL bytes, lone UTF-16 surrogates, prototype
// keys (__proto__, constructor, prototype) as field names and in JSON, malformed, empty and huge
// JSON bodies. Expected of every call: no exception but Next's own redirect and 404 signals (anything
// else would be a 500), no 5xx status, no « incident technique » (hostile input is a refusal, not an
// incident), a refusal worded in French (an action's message or field errors, a 4xx body), no key
// added to Object.prototype, and nothing written: a checksum of every table is the same before and
// after the call.
// The cases come from a seeded generator (the seed is printed): FUZZ_SEED=<seed> runs another set.
// The shared stand-in for next/headers, with cookies().getAll() that next-auth's route reads.
jest.mock("next/headers", () => {
  const shared = jest.requireActual("@/tests/next-headers").nextHeaders;
  return {
    ...shared,
    cookies: async () => {
      const jar = await shared.cookies();
      const all = ((await shared.headers()).get("cookie") ?? "").split(/;\s*/).filter(Boolean).map((c: string) => {
        const [name, value = ""] = c.split("=", 2) as [string, string?];
        return { name, value };
      });
      return { ...jar, getAll: () => all };
    },
  };
});

/** A fixed seed keeps the suite repeatable; FUZZ_SEED=<n> explores (or replays) another run. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const HOST = "fuzz.localhost";

/** Tables a refusal may write to, and why. */
const MAY_CHANGE: Record<string, string> = {
  RateLimit: "a refused attempt counts against its limit: that is what the limit is for",
  LoginFailure: "failed sign-ins are counted to lock an identifiant out",
};
/** Acts that write whatever their input: the tables they may write to, and why. */
const WRITES_ANYWAY: Record<string, { tables: string[]; why: string }> = {
  "app/(citoyen)/compte/donnees/actions.ts#askDeletionAction": { tables: ["Account", "AuditEvent"], why: "a wrong password counts against the account's throttle and is journaled as a security event" },
  "app/admin/connexion/actions.ts#agentCode": { tables: ["Agent"], why: "a wrong second-factor code counts against the agent's throttle (failedLogins)" },
  "app/admin/(espace)/actions.ts#agentSignOut": { tables: ["Agent"], why: "signing out ends the agent's sessions (their version goes up), with or without input" },
  "app/admin/(espace)/demandes/export/route.ts#GET": { tables: ["AuditEvent"], why: "an export of personal data is journaled, even of an empty selection" },
  "app/admin/(espace)/factures/paiements/export/route.ts#GET": { tables: ["AuditEvent"], why: "an export of personal data is journaled, even of an empty selection" },
};

/** mulberry32: small, seeded, good enough to pick cases. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick };
}
const random = generator(SEED);

const MEGA = "é".repeat(512 * 1024); // 1 MB of UTF-8
const CONTROL = "a\u0000b\u0001\u0007\u001b[31m\r\n\t\u007f\u0085\u2028\ufeffz";
const SURROGATES = "x\ud800y\udfffz\udc00\ud83d";
const PROTO_KEYS = ["__proto__", "constructor", "prototype"];
const hostileText = () => random.pick([MEGA, CONTROL, SURROGATES, CONTROL + SURROGATES, "\u0000".repeat(1000), "%00%ff%uD800", "../../../etc/passwd\u0000.pdf"]);
const wrongType = (): unknown => random.pick<() => unknown>([
  () => [hostileText(), 1],
  () => 1e308,
  () => -1,
  () => Number.NaN,
  () => ({ toString: "x", valueOf: 1, [random.pick(PROTO_KEYS)]: { polluted: true } }),
  () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  () => null,
  () => true,
  () => new Array(10_000).fill(CONTROL),
  () => new File([new Uint8Array([0, 1, 2, 255])], `${CONTROL}.pdf`, { type: "application/pdf" }),
])();

/** The string literals of a file: the field names and values its code compares with, to reach deeper paths. */
function literalsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...new Set([...text.matchAll(/["']([A-Za-z$][\w.$-]{0,30})["']/g)].map((m) => m[1]!))].filter((s) => s !== "use server");
}

type Case = { kind: string; args: (literals: string[]) => unknown[] };

/** FormData with every key the file names, and prototype keys; values from `value`, some keys repeated. */
function formOf(literals: string[], value: () => string | Blob) {
  const form = new FormData();
  for (const key of [...literals, ...PROTO_KEYS]) {
    form.append(key, value());
    if (random.next() < 0.3) form.append(key, value());
  }
  return form;
}
/** Hostile text, or one of the file's literals followed by control characters: never a valid form. */
const someLiteral = (literals: string[]) => (random.next() < 0.3 && literals.length ? random.pick(literals) + CONTROL : hostileText());

const ACTION_CASES: Case[] = [
  { kind: "FormData de 1 Mo par champ, clés répétées", args: (l) => [formOf(l, () => MEGA), formOf(l, () => MEGA)] },
  { kind: "FormData avec caractères de contrôle, NUL, surrogates, clés de prototype", args: (l) => [null, formOf(l, () => someLiteral(l))] },
  { kind: "FormData avec des fichiers à la place du texte", args: (l) => [formOf(l, () => new File([CONTROL], `${SURROGATES}.pdf`, { type: "application/pdf" })), formOf(l, () => new File([MEGA], "a.txt", { type: "text/plain" }))] },
  { kind: "objet aux types faux et aux clés de prototype", args: (l) => {
    const object: Record<string, unknown> = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "prototype": 1}');
    for (const key of l) object[key] = random.next() < 0.5 ? wrongType() : hostileText();
    return [object, object, object, object];
  } },
  { kind: "valeurs isolées : nombres, tableaux, texte hostile, undefined", args: () => [wrongType(), hostileText(), wrongType(), undefined] },
];

const ROUTE_BODIES: { kind: string; init: () => { body?: BodyInit; type?: string } }[] = [
  { kind: "corps vide", init: () => ({}) },
  { kind: "JSON mal formé", init: () => ({ body: '{"a": [1, 2,, "\u0000', type: "application/json" }) },
  { kind: "JSON aux clés de prototype", init: () => ({ body: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "factures": [{"__proto__": {}}]}', type: "application/json" }) },
  { kind: "JSON énorme", init: () => ({ body: JSON.stringify({ lignes: new Array(20_000).fill({ texte: CONTROL, n: 1e308 }), gros: MEGA }), type: "application/json" }) },
  { kind: "multipart aux clés répétées, fichiers à la place du texte", init: () => {
    const form = new FormData();
    for (const key of ["draftId", "field", "file", "fichier", ...PROTO_KEYS]) {
      form.append(key, new File([CONTROL], `${SURROGATES}.pdf`, { type: "application/pdf" }));
      form.append(key, hostileText());
    }
    return { body: form };
  } },
  { kind: "texte de contrôle, NUL et surrogates", init: () => ({ body: CONTROL + SURROGATES + MEGA.slice(0, 1000), type: "text/plain; charset=utf-8" }) },
];

const actionFiles = serverActionFiles;
const routeFiles = () => filesNamed("route.ts");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

let storageDir: string;
beforeAll(async () => {
  storageDir = await mkdtemp(path.join(tmpdir(), "fuzz-"));
  jest.replaceProperty(env, "STORAGE_DIR", storageDir);
  console.log(`fuzz seed: ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
});
afterAll(() => rm(storageDir, { recursive: true, force: true }));

async function world() {
  const tenant = await createFullTenant({ hosts: [HOST] });
  const citizen = await createAccountRow(tenant, { status: "VALIDE" });
  const admin = await createAgent(tenant, { role: "ADMIN" });
  return { tenant, citizen, admin };
}
type World = Awaited<ReturnType<typeof world>>;
const ACTORS = ["anonyme", "citoyen", "admin"] as const;
type Actor = (typeof ACTORS)[number];

async function cookieOf(w: World, actor: Actor): Promise<string> {
  if (actor === "anonyme") return "";
  return actor === "citoyen" ? citizenCookie({ id: w.citizen.id, tenantId: w.tenant.id }) : agentCookie({ id: w.admin.id, tenantId: w.tenant.id });
}

let checksumSql: string | null = null;
/** One checksum of every table's rows (but MAY_CHANGE's). */
async function checksum(): Promise<string> {
  if (!checksumSql) {
    const tables = (await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`)
      .map((t) => t.tablename)
      .filter((t) => !Object.hasOwn(MAY_CHANGE, t));
    checksumSql = `SELECT ${tables.map((t) => `(SELECT '${t}:' || count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM "public"."${t}" x)`).join(" || ' ' || ")} AS sum`;
  }
  const [row] = await db.$queryRawUnsafe<{ sum: string }[]>(checksumSql);
  return row!.sum;
}
/** Which tables differ between two checksums. */
const differing = (before: string, after: string) => {
  const b = new Set(before.split(" "));
  return after.split(" ").filter((t) => !b.has(t)).map((t) => t.split(":")[0]).join(", ");
};

const ENGLISH = /\b(invalid|expected|required|received|must|should|too (big|small)|object Object|error|failed|not found|unauthori[sz]ed|forbidden|bad request|internal)\b/i;
/** Whether a message reads as French to a person: non-empty, no English error words, no raw values. */
const french = (text: unknown) => typeof text === "string" && text.trim().length > 3 && !ENGLISH.test(text) && !text.includes("\u0000");

/** What is wrong with an action's answer or exception (null when it is a proper refusal or a Next signal). */
function judgeAction(outcome: { value?: unknown; error?: unknown }): string | null {
  if ("error" in outcome) {
    const digest = String((outcome.error as { digest?: unknown } | null)?.digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT;") || digest === "NEXT_HTTP_ERROR_FALLBACK;404") return null;
    return `exception (500) : ${outcome.error instanceof Error ? outcome.error.stack?.split("\n").slice(0, 3).join(" | ") : String(outcome.error)}`;
  }
  const value = outcome.value as Record<string, unknown> | undefined | null;
  if (value === undefined || value === null || typeof value !== "object") return null;
  const result = ("result" in value ? value.result : value) as { ok?: unknown; message?: unknown; fieldErrors?: Record<string, unknown>; reason?: unknown } | undefined;
  if (!result || result.ok !== false) return null;
  const messages = [result.message, ...Object.values(result.fieldErrors ?? {})].filter((m) => m !== undefined);
  if (messages.some((m) => typeof m === "string" && m.includes("incident technique"))) return `un incident au lieu d'un refus : ${String(result.message)}`;
  // A refusal by code (« reason ») is worded by its page.
  if (!messages.length) return typeof result.reason === "string" ? null : "un refus sans message";
  const wrong = messages.filter((m) => !french(m));
  return wrong.length ? `un refus qui n'est pas en français : ${JSON.stringify(wrong).slice(0, 200)}` : null;
}

/** Whether a `__proto__` key sent reached Object.prototype (every object of the process would then carry it). */
function polluted(): string | null {
  const probe = {} as Record<string, unknown>;
  if (!("polluted" in probe) && !("x" in probe)) return null;
  delete (Object.prototype as Record<string, unknown>).polluted;
  delete (Object.prototype as Record<string, unknown>).x;
  return "Object.prototype a été modifié par une clé __proto__";
}

async function judgeResponse(response: Response): Promise<string | null> {
  if (response.status >= 500) return `statut ${response.status} : ${(await response.text()).slice(0, 200)}`;
  if (response.status < 400) return null;
  const text = await response.text();
  if (!text) return null; // a bare 404/401/405 status: the browser shows Next's own page
  let message: unknown = text;
  try {
    const json = JSON.parse(text) as { message?: unknown; error?: unknown };
    message = json.message ?? json.error ?? text;
  } catch {}
  if (typeof message === "string" && message.includes("incident technique")) return `un incident au lieu d'un refus (${response.status}) : ${message}`;
  return french(message) || /^<!DOCTYPE|<html/i.test(text) ? null : `une réponse ${response.status} qui n'est pas en français : ${String(message).slice(0, 200)}`;
}

/** Route parameters named by the folders ([numero], [...nextauth]), hostile. */
function paramsOf(file: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [, rest, name] of file.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)) params[name!] = rest ? [hostileText(), "__proto__", "signin"] : random.pick([hostileText(), "__proto__", "constructor", "00000000-0000-0000-0000-000000000000"]);
  return params;
}

function urlOf(file: string): string {
  const route = file.replace(/^app/, "").replace(/\/route\.ts$/, "").replace(/\/\([^)]+\)/g, "").replace(/\[(\.\.\.)?[^\]]+\]/g, encodeURIComponent(SURROGATES.replace(/[\ud800-\udfff]/g, "")));
  const query = new URLSearchParams();
  for (const key of ["numero", "id", "from", "to", "statut", "page", "code", "__proto__", "constructor"]) query.append(key, random.pick([CONTROL, MEGA.slice(0, 4000), "-1", "1e308", "[]"]));
  return `http://${HOST}${route || "/"}?${query}`;
}

/** A call that has not answered after this long is reported as hanging (a request that never ends). */
const HANG_MS = 10_000;
const HANGING = Symbol("hanging");

async function call(run: () => Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([run(), new Promise((resolve) => (timer = setTimeout(() => resolve(HANGING), HANG_MS)))]);
    return value === HANGING ? { error: new Error(`no answer after ${HANG_MS / 1000} s`) } : { value };
  } catch (error) {
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

describe("hostile input", () => {
  it("never breaks an action nor a route handler, gets a French refusal and writes nothing", async () => {
    const w = await world();
    const failures: string[] = [];
    const started = Date.now();
    let calls = 0;
    // Signing out and wrong codes change the agent: the next calls need the session and no throttle.
    const resetSessions = async () => {
      await db.agent.updateMany({ where: { tenantId: w.tenant.id }, data: { sessionVersion: 0, failedLogins: 0, lastFailedLoginAt: null } });
      await db.account.updateMany({ where: { tenantId: w.tenant.id }, data: { failedLogins: 0, lastFailedLoginAt: null } });
    };
    /** After a call: the checksum the next one starts from (read again only when something was written and put back). */
    const settle = async (written: string, after: string) => {
      if (!written) return after;
      await resetSessions();
      return checksum();
    };
    let before = await checksum();

    for (const file of actionFiles()) {
      const mod = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
      const literals = literalsOf(file);
      for (const [name, action] of Object.entries(mod)) {
        if (typeof action !== "function") continue;
        const key = `${file}#${name}`;
        for (const actor of ACTORS) {
          for (const kase of ACTION_CASES) {
            const cookie = await cookieOf(w, actor);
            onRequest({ host: HOST, ...(cookie ? { cookie } : {}) });
            const args = kase.args(literals);
            const outcome = await call(() => (action as (...args: unknown[]) => Promise<unknown>)(...args));
            calls++;
            const where = `${key} × ${actor} × ${kase.kind} (FUZZ_SEED=${SEED})`;
            const wrong = judgeAction(outcome) ?? polluted();
            if (wrong) failures.push(`${where}: ${wrong}`);
            const after = await checksum();
            const written = differing(before, after);
            if (written && !written.split(", ").every((t) => WRITES_ANYWAY[key]?.tables.includes(t))) failures.push(`${where}: écrit dans ${written}`);
            before = await settle(written, after);
          }
        }
      }
    }

    for (const file of routeFiles()) {
      const mod = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
      for (const method of METHODS.filter((m) => typeof mod[m] === "function")) {
        const handler = mod[method] as (request: Request, context: unknown) => Promise<Response> | Response;
        for (const actor of ACTORS) {
          for (const body of method === "GET" || method === "HEAD" ? [ROUTE_BODIES[0]!] : ROUTE_BODIES) {
            const cookie = await cookieOf(w, actor);
            const { body: content, type } = body.init();
            const headers = new Headers({ host: HOST, origin: `http://${HOST}`, ...(cookie ? { cookie } : {}), ...(type ? { "content-type": type } : {}), "x-forwarded-for": CONTROL.replace(/[^\x20-\x7e]/g, "") });
            // As Next hands it to the handler: a NextRequest (nextUrl, cookies).
            const request = new NextRequest(urlOf(file), { method, headers, ...(content !== undefined ? { body: content } : {}) });
            onRequest(headers);
            const outcome = await call(() => Promise.resolve(handler(request, { params: Promise.resolve(paramsOf(file)) })));
            calls++;
            const where = `${file} ${method} × ${actor} × ${body.kind} (FUZZ_SEED=${SEED})`;
            const wrong = "error" in outcome ? judgeAction(outcome) : outcome.value instanceof Response ? await judgeResponse(outcome.value) : `pas une réponse : ${String(outcome.value)}`;
            if (wrong) failures.push(`${where}: ${wrong}`);
            const pollution = polluted();
            if (pollution) failures.push(`${where}: ${pollution}`);
            const after = await checksum();
            const written = differing(before, after);
            if (written && !written.split(", ").every((t) => WRITES_ANYWAY[`${file}#${method}`]?.tables.includes(t))) failures.push(`${where}: écrit dans ${written}`);
            before = await settle(written, after);
          }
        }
      }
    }
    console.log(`fuzz: ${calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}`);
    expect(failures).toEqual([]);
  }, 240_000);
});
