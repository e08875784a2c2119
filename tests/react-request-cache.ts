import path from "node:path";

// React's `cache()` memoizes only inside a server render: Next gives each request its own cache,
// and the layout, the page, generateMetadata and every nested server component of that request
// share it. Jest loads React's client build, whose `cache` memoizes nothing, so a page rendered
// there would run each cached read once per caller and a count of its queries would be wrong.
//
// This module is React as Jest loads it, with the `cache` of React's server build: the same code
// that runs in production, reading its store from the dispatcher of the current request, as
// React's server renderer sets it. tests/render-page.ts opens that scope for the one request it
// renders; outside it `cache` memoizes nothing, as in production outside a request.
//
//   jest.mock("react", () => jest.requireActual("@/tests/react-request-cache").react);

type Dispatcher = { getCacheForType<T>(create: () => T): T; getOwner(): null; cacheSignal(): AbortSignal | null };

const client = jest.requireActual<typeof import("react")>("react");
// The server build is not exported to the default condition: load its file directly.
const server = jest.requireActual<{ cache: typeof client.cache; __SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE: { A: Dispatcher | null } }>(
  path.join(path.dirname(require.resolve("react/package.json")), "react.react-server.js"),
);
const internals = server.__SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;
const clientInternals = (client as unknown as { __CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE: { H: unknown } })
  .__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;

/**
 * The hooks a server component may call, as React's server renderer gives them (useId, use,
 * useMemo, useCallback, useDebugValue); any other hook is an error there, and here: a component
 * that calls one is a client component whose module lacks "use client".
 */
function serverHooks() {
  let ids = 0;
  const unsupported = (name: string) => () => {
    throw new Error(`${name} n'est pas permis dans un composant serveur : ce composant doit venir d'un module "use client".`);
  };
  return new Proxy(
    {
      useId: () => `«S_${(ids++).toString(32)}»`,
      use: () => unsupported("use (avec une promesse)")(),
      useMemo: <T>(create: () => T) => create(),
      useCallback: <T>(callback: T) => callback,
      useDebugValue: () => undefined,
    } as Record<string, unknown>,
    { get: (hooks, name: string) => hooks[name] ?? unsupported(name) },
  );
}

/** React for the modules of a test that renders pages: the client build, with the server's `cache`. */
export const react = { ...client, cache: server.cache };

/** Whether the React modules see is this one (a test that forgot the jest.mock would count too much). */
export function reactHasRequestCache(loaded: { cache: unknown }): boolean {
  return loaded.cache === server.cache;
}

/**
 * Runs `work` as one request: every `cache()`d function called meanwhile (awaits included) shares one
 * store, dropped at the end. One request at a time: a second scope while one is open is a bug of the test.
 */
export async function inRequestScope<T>(work: () => Promise<T>): Promise<T> {
  if (internals.A) throw new Error("Une requête est déjà en cours de rendu : les pages se rendent une à la fois.");
  const store = new Map<() => unknown, unknown>();
  const controller = new AbortController();
  internals.A = {
    getCacheForType<T>(create: () => T): T {
      if (!store.has(create)) store.set(create, create());
      return store.get(create) as T;
    },
    getOwner: () => null,
    cacheSignal: () => controller.signal,
  };
  clientInternals.H = serverHooks();
  try {
    return await work();
  } finally {
    internals.A = null;
    clientInternals.H = null;
    controller.abort();
  }
}
