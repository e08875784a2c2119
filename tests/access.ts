// What the access matrices share (tests/admin-access-matrix and tests/app-access-matrix): two
// communes, the people who knock on every door, their sessions as the browser carries them, the
// surfaces found on disk, and the readable table written to docs/access-matrix.md.
import { onRequest } from "@/tests/next-headers";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { AGENT_COOKIE } from "@/lib/agents/session";
import { uploadAttachment } from "@/lib/attachments/attachments";
import { SESSION_COOKIE } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { authSecret } from "@/lib/env";
import { citizenOf, createAccountRow, createAgent, createFullTenant, createProcedure, createTheme } from "@/tests/factories";
import { filesNamed } from "@/tests/project-files";

export const HOST_A = "matrice-a.localhost";
export const HOST_B = "matrice-b.localhost";

/**
 * The seven people of every matrix (objects all belong to citizen A's account, in commune A), and
 * two more for the back office: an agent of another service of commune A, and commune B's admin.
 */
export const SEVEN = ["anonyme", "citoyenA", "citoyenA2", "citoyenB", "agentA", "adminA", "agentB"] as const;
export const ACTORS = ["anonyme", "citoyenA", "citoyenA2", "citoyenB", "agentA", "agentT", "adminA", "agentB", "adminB"] as const;
export type Actor = (typeof ACTORS)[number];

export const ACTOR_LABELS: Record<Actor, string> = {
  anonyme: "Anonyme",
  citoyenA: "Citoyen A (titulaire)",
  citoyenA2: "Citoyen A (autre)",
  citoyenB: "Citoyen B",
  agentA: "Agent A (service)",
  agentT: "Agent A (autre service)",
  adminA: "Admin A",
  agentB: "Agent B",
  adminB: "Admin B",
};

const CITIZENS = ["citoyenA", "citoyenA2", "citoyenB"] as const;
const AGENTS = ["agentA", "agentT", "adminA", "agentB", "adminB"] as const;
export const isCitizen = (actor: Actor): actor is (typeof CITIZENS)[number] => (CITIZENS as readonly string[]).includes(actor);
export const isAgent = (actor: Actor): actor is (typeof AGENTS)[number] => (AGENTS as readonly string[]).includes(actor);
/** The host each person uses: their own commune's (nobody, commune A's). */
export const hostOf = (actor: Actor) => (["citoyenB", "agentB", "adminB"].includes(actor) ? HOST_B : HOST_A);

/** What belongs to citizen A and must never be shown to anyone else (checked in refusals' bodies). */
export const OWNER = { firstNames: "Apolline", birthName: "Vasseurmatrice", answer: "Un canapé rouge" } as const;

const PDF = new TextEncoder().encode("%PDF-1.7\n%…\n");

/**
 * Communes A and B: in A, two services (S owns the démarche « encombrants »), its admin, citizen A
 * (the owner of every object) and another citizen; in B, a démarche of its own, a citizen, an agent
 * and an admin.
 */
export async function world() {
  const a = await createFullTenant({ hosts: [HOST_A] });
  const b = await createFullTenant({ hosts: [HOST_B] });
  const service = async (tenant: { id: string }, slug: string) => db.service.create({ data: { tenantId: tenant.id, slug, name: slug }, select: { id: true } });
  const [sA, tA, sB] = [await service(a, "cadre-de-vie"), await service(a, "ccas"), await service(b, "cadre-de-vie")];
  const themeA = await createTheme(a, "cadre-de-vie", "Cadre de vie");
  await db.theme.update({ where: { id: themeA.id }, data: { serviceId: sA.id } });
  const definition = { steps: [{ id: "d", title: "Demande", fields: [
    { type: "textarea", name: "objets", label: "Objets", required: true },
    { type: "file", name: "justificatif", label: "Justificatif" },
  ] }] };
  const procedure = await createProcedure(a, themeA, { slug: "encombrants", title: "Encombrants", definition });
  const versionId = (await db.procedureVersion.findFirstOrThrow({ where: { procedureId: procedure.id }, select: { id: true } })).id;
  await createProcedure(b, await createTheme(b, "cadre-de-vie", "Cadre de vie"), { slug: "collecte-b", title: "Collecte de B" });
  const holder = await createAccountRow(a, { status: "VALIDE", firstNames: OWNER.firstNames, birthName: OWNER.birthName, spouse: { firstNames: "Gaspard", birthDate: "1984-02-01", sex: "M" } });
  const citizens = {
    citoyenA: holder,
    citoyenA2: await createAccountRow(a, { status: "VALIDE", firstNames: "Bertille", birthName: "Morel" }),
    citoyenB: await createAccountRow(b, { status: "VALIDE", firstNames: "Clémence", birthName: "Roux" }),
  };
  let n = 0;

  /** A sent request of citizen A, in service S's theme, with an uploaded piece; `status` DEPOSEE unless told. */
  const request = async (status: "DEPOSEE" | "INCOMPLETE" = "DEPOSEE") => {
    const numero = `${a.code}-2025-${String(++n).padStart(6, "0")}`; // 2025: never a number the counter gives now
    const row = await db.request.create({
      data: { tenantId: a.id, procedureId: procedure.id, versionId, accountId: holder.id, status: "INCOMPLETE", numero, submittedAt: new Date(), answers: { objets: OWNER.answer } },
      select: { id: true },
    });
    const piece = await uploadAttachment(citizenOf(holder), { draftId: row.id, fieldName: "justificatif", fileName: "facture.pdf", bytes: PDF });
    if (!piece.ok) throw new Error("upload failed");
    await db.request.update({ where: { id: row.id }, data: { status, answers: { objets: OWNER.answer, justificatif: { kind: "upload", attachmentId: piece.data.id } } } });
    if (status === "INCOMPLETE") {
      await db.requestEvent.create({ data: { requestId: row.id, fromStatus: "DEPOSEE", toStatus: "INCOMPLETE", actorKind: "AGENT", publicMessage: "Merci d'ajouter votre justificatif." } });
    }
    return { id: row.id, numero, attachmentId: piece.data.id };
  };
  /** An account of commune A awaiting validation. */
  const pending = () => createAccountRow(a, { status: "EN_ATTENTE" });

  const agents = {
    agentA: await createAgent(a, { services: [sA.id] }),
    agentT: await createAgent(a, { services: [tA.id] }),
    adminA: await createAgent(a, { role: "ADMIN" }),
    agentB: await createAgent(b, { services: [sB.id] }),
    adminB: await createAgent(b, { role: "ADMIN" }),
  };
  return { a, b, request, pending, agents, citizens, holder, procedure };
}
export type World = Awaited<ReturnType<typeof world>>;

const sessions = new WeakMap<World, Map<Actor, { host: string; cookie?: string }>>();

/** The host and cookie this person's browser sends (made once per world: a session lasts long enough). */
export async function sessionOf(w: World, actor: Actor): Promise<{ host: string; cookie?: string }> {
  const known = sessions.get(w) ?? new Map();
  sessions.set(w, known);
  if (!known.has(actor)) known.set(actor, await newSession(w, actor));
  return known.get(actor)!;
}

/** The session cookie a citizen gets from signing in (lib/auth/options). */
export async function citizenCookie(account: { id: string; tenantId: string }) {
  const token = { accountId: account.id, tenantId: account.tenantId, sv: 0, authTime: Math.floor(Date.now() / 1000) };
  return `${SESSION_COOKIE}=${await encode({ token, secret: authSecret() })}`;
}

/** The cookie an agent gets once the second factor has passed (lib/agents/session). */
export async function agentCookie(agent: { id: string; tenantId: string }) {
  const token = { agentId: agent.id, tenantId: agent.tenantId, sv: 0, authTime: Math.floor(Date.now() / 1000), mfa: true };
  return `${AGENT_COOKIE}=${await encode({ token, secret: authSecret(), salt: AGENT_COOKIE, maxAge: 1800 })}`;
}

async function newSession(w: World, actor: Actor): Promise<{ host: string; cookie?: string }> {
  const host = hostOf(actor);
  if (actor === "anonyme") return { host };
  return { host, cookie: isCitizen(actor) ? await citizenCookie(w.citizens[actor]) : await agentCookie(w.agents[actor]) };
}

/** Sets the next call's host and cookies for this person (Next's headers() and cookies()). */
export async function as(w: World, actor: Actor) {
  const session = await sessionOf(w, actor);
  onRequest({ host: session.host, ...(session.cookie ? { cookie: session.cookie } : {}) });
  return session;
}

/** Sessions end on a password change or a sign-out: the next cell needs them back. */
export async function restoreSessions(w: World) {
  await db.agent.updateMany({ where: { tenantId: { in: [w.a.id, w.b.id] } }, data: { sessionVersion: 0 } });
  await db.account.updateMany({ where: { tenantId: { in: [w.a.id, w.b.id] } }, data: { sessionVersion: 0 } });
}

/**
 * Every write to this worker's database, logged by triggers, less what a refusal may rightly write:
 * login and rate-limit counters and the security log's failed attempts (a wrong password or code
 * counts), and rows' update times. Installed for one test file (watchWrites), removed after it.
 */
const UNWATCHED = ["_prisma_migrations", "_matrix_writes", "LoginFailure", "RateLimit", "CaptchaUse"];
const watchedTables = async () =>
  (await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`).map((t) => t.tablename).filter((t) => !UNWATCHED.includes(t));

export async function watchWrites() {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "public"."_matrix_writes" ("table" text NOT NULL)`);
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION "public"."_matrix_write"() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ignored text[] := ARRAY['failedLogins', 'lastFailedLoginAt', 'updatedAt'];
    BEGIN
      IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - ignored) = (to_jsonb(NEW) - ignored) THEN RETURN NULL; END IF;
      IF TG_TABLE_NAME = 'AuditEvent' AND TG_OP = 'INSERT' AND to_jsonb(NEW)->>'action' = 'citoyen.echec' THEN RETURN NULL; END IF;
      INSERT INTO "public"."_matrix_writes" VALUES (TG_TABLE_NAME);
      RETURN NULL;
    END $$`);
  for (const table of await watchedTables()) {
    await db.$executeRawUnsafe(`CREATE OR REPLACE TRIGGER "_matrix_write" AFTER INSERT OR UPDATE OR DELETE ON "public"."${table}" FOR EACH ROW EXECUTE FUNCTION "public"."_matrix_write"()`);
  }
}

export async function unwatchWrites() {
  for (const table of await watchedTables()) await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "_matrix_write" ON "public"."${table}"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "public"."_matrix_write"()`);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "public"."_matrix_writes"`);
}

/** How many writes were logged so far (compare before and after a call). */
export async function writes(): Promise<number> {
  return Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "public"."_matrix_writes"`))[0]!.n);
}

export const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
export const page = (params: Record<string, string> = {}, search: Record<string, string> = {}) => ({ params: Promise.resolve(params), searchParams: Promise.resolve(search) });

/**
 * Every page (`page.tsx`), route handler method (`route.ts#GET`) and server action
 * (`actions.ts#name`) found under `dirs`, less what lies under `except`: the keys the matrices name.
 */
export async function discover(dirs: string[], except: string[] = []): Promise<string[]> {
  const keys: string[] = [];
  const found = dirs.flatMap((dir) => filesNamed(/^(page\.tsx|route\.ts|actions\.ts)$/, dir)).filter((file) => !except.some((x) => file === x || file.startsWith(`${x}/`)));
  for (const file of found.sort()) {
    const base = path.basename(file);
    if (base === "page.tsx") keys.push(file);
    else if (base === "route.ts" || base === "actions.ts") {
      const mod = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (typeof value === "function") keys.push(`${file}#${name}`);
    }
  }
  return keys;
}

/** The module a matrix key names, and the export to call. */
export async function surfaceOf(key: string) {
  // A key may name a variant after a space: « route.ts#POST clé de A ».
  const [file, name = "default"] = key.split(" ")[0]!.split("#") as [string, string?];
  const mod = (await import(`@/${file.replace(/\.tsx?$/, "")}`)) as Record<string, (...args: never[]) => Promise<unknown>>;
  return { mod, name };
}

export const MATRIX_DOC = path.resolve(__dirname, "..", "docs", "access-matrix.md");

/** A matrix as a Markdown table: one line per surface, one column per person. */
export function matrixTable(actors: readonly Actor[], rows: [string, Record<string, string>, string?][], label: (outcome: string) => string) {
  const head = `| Surface | ${actors.map((a) => ACTOR_LABELS[a]).join(" | ")} |`;
  const rule = `|---|${actors.map(() => "---").join("|")}|`;
  const lines = rows.map(([key, expected, note]) => `| \`${key}\`${note ? ` — ${note}` : ""} | ${actors.map((a) => label(expected[a]!)).join(" | ")} |`);
  return [head, rule, ...lines].join("\n");
}

/**
 * The section `name` of docs/access-matrix.md: written when WRITE_MATRIX=1, otherwise read.
 * Returns what the file holds between its markers, for the test to compare with `text`.
 */
export function matrixSection(name: string, text: string): string | null {
  const start = `<!-- ${name}:debut -->`;
  const end = `<!-- ${name}:fin -->`;
  let doc = "";
  try {
    doc = readFileSync(MATRIX_DOC, "utf8");
  } catch {
    doc = "";
  }
  if (process.env.WRITE_MATRIX === "1") {
    const block = `${start}\n${text}\n${end}`;
    const i = doc.indexOf(start);
    const j = doc.indexOf(end);
    doc = i >= 0 && j > i ? `${doc.slice(0, i)}${block}${doc.slice(j + end.length)}` : `${doc.trimEnd()}\n\n${block}\n`;
    writeFileSync(MATRIX_DOC, doc);
  }
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  return i >= 0 && j > i ? doc.slice(i + start.length + 1, j - 1) : null;
}
