import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { config, proxy } from "@/proxy";
import { createTenant } from "@/tests/factories";
import { filesNamed, ROOT } from "@/tests/project-files";

// Every server action and every route that accepts a write refuses a request sent by another site,
// whatever the page or route: the proxy decides before the app runs, so nothing can change. Actions
// and routes are found on disk: a new one is covered, and fails here if the proxy's matcher skips it.

const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** The address a file answers at: route groups dropped, each [param] given a sample value. */
function urlPath(file: string): string {
  const segments = path.posix.dirname(file).split("/").slice(1).filter((s) => s && !/^\(.*\)$/.test(s));
  return "/" + segments.map((s) => (s.startsWith("[...") ? "session" : s.startsWith("[") ? "exemple-1" : s)).join("/");
}

// A server action is a POST to its page's address, named by the Next-Action header.
const actions = filesNamed("actions.ts").map((file) => ({ what: `action ${file.slice(4)}`, path: urlPath(file), method: "POST" as string }));
const routes = filesNamed("route.ts").flatMap((file) => {
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  return WRITE_METHODS.filter((m) => new RegExp(`export (async function|const) ${m}\\b`).test(source))
    .map((method) => ({ what: `${method} ${file.slice(4)}`, path: urlPath(file), method: method as string }));
});

const HOSTILE: Array<[string, Record<string, string>]> = [
  ["Origin d'un autre site", { origin: "https://site-malveillant.example" }],
  ["Origin d'une autre commune", { origin: "http://beaucouze.test" }],
  ["Origin: null", { origin: "null" }],
  ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
];

function write(target: { path: string; method: string }, headers: Record<string, string>) {
  return new NextRequest(`http://sete.test${target.path}`, {
    method: target.method,
    headers: { host: "sete.test", "next-action": "0123456789abcdef", "content-type": "text/plain;charset=UTF-8", ...headers },
    body: "[]",
  });
}

describe("writes sent by another site", () => {
  beforeEach(async () => {
    await createTenant({ name: "Sète", hosts: ["sete.test"] });
    await createTenant({ name: "Beaucouzé", hosts: ["beaucouze.test"] });
  });

  it("finds the app's actions and write routes", () => {
    expect(actions.length).toBeGreaterThan(30);
    expect(routes.map((r) => r.what)).toEqual(expect.arrayContaining(["POST api/pieces/route.ts", "POST api/webhooks/stripe/route.ts", "POST api/v1/factures/route.ts"]));
  });

  it.each([...actions, ...routes].map((t) => [t.what, t] as const))("%s: the proxy sees it and refuses another site with a French message", async (_what, target) => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    expect(matcher.test(target.path)).toBe(true);
    for (const [name, headers] of HOSTILE) {
      const res = await proxy(write(target, headers));
      expect([name, res.status]).toEqual([name, 403]);
      expect((await res.json()).message).toMatch(/autre site/);
      // Refused before the app: no rewritten request reaches it.
      expect(res.headers.get("x-middleware-next")).toBeNull();
    }
    const own = await proxy(write(target, { origin: "http://sete.test", "sec-fetch-site": "same-origin" }));
    expect(own.status).toBe(200);
    expect(own.headers.get("x-middleware-next")).toBe("1");
  });
});
