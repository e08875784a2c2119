import { readFileSync } from "node:fs";
import path from "node:path";
import * as React from "react";
import { onStatement } from "@/lib/db";
import { clearTenantCache } from "@/lib/tenancy/resolve";
import { onRequest } from "@/tests/next-headers";
import { inRequestScope, reactHasRequestCache } from "@/tests/react-request-cache";
import { clientFiles, filesNamed, ROOT } from "@/tests/project-files";

// Renders one page of the app in Jest as Next does for one request, and records the SQL statements
// that request sends to PostgreSQL. A test file that uses it starts with:
//
//   jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);
//   jest.mock("react", () => jest.requireActual("@/tests/react-request-cache").react);
//
// What runs, in one request scope (React `cache()` shared, as in production):
// - generateMetadata of every layout and of the page, when they have one;
// - the layouts from app/layout.tsx down to the page's folder, each with the next one as children;
// - every server component of the tree those return, awaited when async, with its children.
// Client components ("use client" modules) are leaves: they are not called, since their code runs in
// the browser; what they receive from the server is in their props, and server elements or
// promises passed in those props are rendered and awaited as React's server renderer does.
//
// The commune of the host is looked up afresh (the in-memory tenant cache is emptied first): the
// count is that of a request that finds it cold, once per host every TENANT_CACHE_TTL_MS.


export type Visit = {
  /** The page's file, from the project root: "app/(citoyen)/demandes/[numero]/page.tsx". */
  page: string;
  host: string;
  cookie?: string;
  params?: Record<string, string>;
  search?: Record<string, string>;
};

export type Rendered = {
  /** "ok", "not-found", or "redirect:" and where to. */
  outcome: string;
  /** Each statement sent to PostgreSQL, in order (BEGIN and COMMIT included). */
  statements: string[];
  /** The text the server rendered (client components excluded), for checks of what the page showed. */
  text: string;
  /** The client components of the page and the props the server gave them. */
  clients: { name: string; props: Record<string, unknown> }[];
};

export async function renderPage(visit: Visit): Promise<Rendered> {
  if (!reactHasRequestCache(React)) {
    throw new Error('React cache() ne mémorise rien ici : ajoutez jest.mock("react", () => jest.requireActual("@/tests/react-request-cache").react).');
  }
  const clients = await clientComponents();
  const files = [...layoutsOf(visit.page), visit.page];
  const modules = await Promise.all(files.map((file) => import(`@/${file.replace(/\.tsx$/, "")}`) as Promise<PageModule>));

  onRequest({ host: visit.host, ...(visit.cookie ? { cookie: visit.cookie } : {}) });
  clearTenantCache();
  const statements: string[] = [];
  const out: Output = { text: [], clients: [], clientSet: clients };
  const stop = onStatement((sql) => statements.push(sql));
  let outcome = "ok";
  try {
    await inRequestScope(async () => {
      // Fresh promises for each reader, as Next gives them.
      const params = () => Promise.resolve(visit.params ?? {});
      const searchParams = () => Promise.resolve(visit.search ?? {});
      try {
        for (const [i, mod] of modules.entries()) {
          const isPage = i === modules.length - 1;
          if (mod.generateMetadata) await mod.generateMetadata(isPage ? { params: params(), searchParams: searchParams() } : { params: params() }, Promise.resolve({}));
        }
        let tree: React.ReactNode = React.createElement(defaultOf(modules.at(-1)!, visit.page) as React.FC<Record<string, unknown>>, { params: params(), searchParams: searchParams() });
        for (let i = modules.length - 2; i >= 0; i--) {
          tree = React.createElement(defaultOf(modules[i]!, files[i]!) as React.FC<Record<string, unknown>>, { params: params() }, tree);
        }
        await walk(tree, out, 0);
      } catch (error) {
        const digest = String((error as { digest?: unknown })?.digest ?? "");
        if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") outcome = "not-found";
        else if (digest.startsWith("NEXT_REDIRECT;")) outcome = `redirect:${digest.split(";")[2]}`;
        else throw error;
      }
    });
  } finally {
    stop();
  }
  return { outcome, statements, text: out.text.join(" ").replace(/\s+/g, " ").trim(), clients: out.clients };
}

/** Every page.tsx under these folders of app/, as paths from the project root. */
export function pagesUnder(...folders: string[]): string[] {
  return folders.flatMap((folder) => filesNamed("page.tsx", folder)).sort();
}

type PageModule = {
  default?: React.ComponentType<never>;
  generateMetadata?: (props: object, parent: Promise<object>) => Promise<unknown>;
};
type Output = { text: string[]; clients: Rendered["clients"]; clientSet: Set<unknown> };

function defaultOf(mod: PageModule, file: string) {
  if (typeof mod.default !== "function") throw new Error(`${file} n'exporte pas de composant par défaut.`);
  return mod.default as (props: object) => React.ReactNode;
}

/** app/layout.tsx, then every layout.tsx on the way down to the page's folder. */
function layoutsOf(page: string): string[] {
  const parts = path.posix.dirname(page).split("/");
  const layouts: string[] = [];
  for (let i = 1; i <= parts.length; i++) {
    const candidate = path.posix.join(...parts.slice(0, i), "layout.tsx");
    try {
      readFileSync(path.join(ROOT, candidate));
      layouts.push(candidate);
    } catch {
      // no layout at this level
    }
  }
  return layouts;
}

const CONTEXT = Symbol.for("react.context");
const CONSUMER = Symbol.for("react.consumer");
const MEMO = Symbol.for("react.memo");
const FORWARD_REF = Symbol.for("react.forward_ref");
const LAZY = Symbol.for("react.lazy");
const MAX_DEPTH = 200;

/** Renders a node as React's server renderer would, recording text and client components. */
async function walk(node: unknown, out: Output, depth: number): Promise<void> {
  if (depth > MAX_DEPTH) throw new Error("Arbre trop profond : un composant se rend-il lui-même ?");
  if (node === null || node === undefined || typeof node === "boolean") return;
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") {
    out.text.push(String(node));
    return;
  }
  if (isThenable(node)) return walk(await node, out, depth + 1);
  if (Array.isArray(node)) {
    for (const child of node) await walk(child, out, depth + 1);
    return;
  }
  if (!React.isValidElement(node)) {
    if (typeof node === "object" && Symbol.iterator in node) for (const child of node as Iterable<unknown>) await walk(child, out, depth + 1);
    return;
  }
  const { type } = node;
  const props = (node.props ?? {}) as Record<string, unknown>;
  if (typeof type === "string" || typeof type === "symbol") return walk(props.children, out, depth + 1);
  if (out.clientSet.has(type)) return client(type, props, out, depth);
  if (typeof type === "object" && type !== null) {
    const special = type as { $$typeof?: symbol; type?: unknown; _payload?: unknown; _init?: (payload: unknown) => unknown };
    if (special.$$typeof === CONTEXT || special.$$typeof === CONSUMER) return walk(props.children, out, depth + 1);
    if (special.$$typeof === MEMO) return walk(React.createElement(special.type as React.ElementType, props), out, depth + 1);
    if (special.$$typeof === LAZY) return walk(React.createElement((await special._init!(special._payload)) as React.ElementType, props), out, depth + 1);
    if (special.$$typeof === FORWARD_REF) return client(type, props, out, depth);
    throw new Error(`Élément React inattendu : ${String(special.$$typeof)}`);
  }
  if (typeof type !== "function") return;
  // A server component: called with its props, awaited when async, and its output rendered in turn.
  const rendered = (type as (p: object) => unknown)(props);
  await walk(rendered, out, depth + 1);
}

/** A client component: not called; the server elements and promises in its props are rendered. */
async function client(type: unknown, props: Record<string, unknown>, out: Output, depth: number) {
  const name = (type as { displayName?: string; name?: string }).displayName ?? (type as { name?: string }).name ?? "anonyme";
  out.clients.push({ name, props });
  const seen = new Set<unknown>();
  const visitValue = async (value: unknown, level: number): Promise<void> => {
    if (value === null || typeof value !== "object" || seen.has(value) || level > 20) return;
    seen.add(value);
    if (React.isValidElement(value) || isThenable(value)) return walk(value, out, depth + 1);
    if (Array.isArray(value)) {
      for (const v of value) await visitValue(v, level + 1);
      return;
    }
    if (Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) await visitValue(v, level + 1);
  };
  // Its children are rendered by it (their text is on the page); elements and promises in other props are rendered on the server too.
  await walk(props.children, out, depth + 1);
  for (const [key, value] of Object.entries(props)) if (key !== "children") await visitValue(value, 0);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

let clientSet: Set<unknown> | null = null;

/**
 * The components of the app's "use client" modules (and next/link's), by identity: the modules are
 * loaded through Jest's registry, as the pages load them.
 */
async function clientComponents(): Promise<Set<unknown>> {
  if (clientSet) return clientSet;
  const set = new Set<unknown>();
  for (const file of clientFiles()) {
    const mod = (await import(`@/${file.replace(/\.tsx?$/, "")}`)) as Record<string, unknown>;
    for (const value of Object.values(mod)) if (typeof value === "function" || (typeof value === "object" && value !== null)) set.add(value);
  }
  set.add((await import("next/link")).default);
  clientSet = set;
  return set;
}
