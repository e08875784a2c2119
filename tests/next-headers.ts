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

export const nextHeaders = {
  headers: async () => current,
  cookies: async () => {
    const jar = new Map((current.get("cookie") ?? "").split(/;\s*/).filter(Boolean).map((c) => c.split("=", 2) as [string, string]));
    return { get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined), set: cookiesSet, delete: jest.fn() };
  },
};
