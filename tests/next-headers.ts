// Next's request headers and cookies, the one thing stood in for when a test calls a route handler
// or a server action as the browser would:
//   jest.mock("next/headers", () => jest.requireActual("@/tests/next-headers").nextHeaders);
// then `onRequest(request.headers)` before each call. Cookies the code sets are recorded in `cookiesSet`.

let current = new Headers();
export const cookiesSet = jest.fn();

/** The headers (Host, Cookie…) of the request the next call handles. */
export function onRequest(headers: HeadersInit) {
  current = new Headers(headers);
  cookiesSet.mockClear();
}

const decoded = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

export const nextHeaders = {
  headers: async () => current,
  cookies: async () => {
    // As Next reads them: values URL-decoded (next-auth's CSRF cookie holds a "|" sent as %7C).
    const jar = new Map((current.get("cookie") ?? "").split(/;\s*/).filter(Boolean).map((c) => c.split("=", 2) as [string, string]).map(([k, v]) => [k, decoded(v ?? "")]));
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      set: cookiesSet,
      delete: jest.fn(),
    };
  },
};
