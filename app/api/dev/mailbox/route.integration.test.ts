import { queueStandalone } from "@/lib/notifications/outbox";
import { createFullTenant } from "@/tests/factories";

type Route = typeof import("@/app/api/dev/mailbox/route");

/** The route as loaded with the given environment (lib/env reads it once, at import). */
function loadRoute(vars: Record<string, string>): Route {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  let route!: Route;
  jest.isolateModules(() => {
    route = jest.requireActual("@/app/api/dev/mailbox/route");
  });
  process.env = saved;
  return route;
}

const get = (route: Route, host: string, query: string) =>
  route.GET(new Request(`http://${host}/api/dev/mailbox${query}`, { headers: { host } }));

describe("GET /api/dev/mailbox", () => {
  it("lists one address's messages of this commune, newest first, in demo mode", async () => {
    const sete = await createFullTenant({ hosts: ["sete.test"] });
    const other = await createFullTenant({ hosts: ["ailleurs.test"] });
    await queueStandalone(sete, { channel: "EMAIL", to: "amelie@exemple.fr", template: "essai", data: { note: "premier" } });
    await queueStandalone(sete, { channel: "EMAIL", to: "autre@exemple.fr", template: "essai", data: {} });
    await queueStandalone(other, { channel: "EMAIL", to: "amelie@exemple.fr", template: "essai", data: {} });
    await new Promise((r) => setTimeout(r, 5));
    await queueStandalone(sete, { channel: "EMAIL", to: "amelie@exemple.fr", template: "essai", data: { note: "second" } });

    const res = await get(loadRoute({ DEMO_MODE: "1" }), "sete.test", "?to=Amelie@exemple.fr");
    expect(res.status).toBe(200);
    const list = await res.json();
    expect(list).toHaveLength(2);
    expect(Object.keys(list[0]).sort()).toEqual(["channel", "createdAt", "subject", "text", "to"]);
    expect(list[0].text).toContain("second");
    expect(list[1].text).toContain("premier");
    expect(list.every((m: { to: string }) => m.to === "amelie@exemple.fr")).toBe(true);
  });

  it("does not exist outside demo mode, nor on a host that is no commune", async () => {
    await createFullTenant({ hosts: ["sete.test"] });
    expect((await get(loadRoute({}), "sete.test", "?to=a@b.fr")).status).toBe(404);
    expect((await get(loadRoute({ DEV_MAILBOX: "1" }), "inconnue.test", "?to=a@b.fr")).status).toBe(404);
    expect((await get(loadRoute({ DEV_MAILBOX: "1" }), "sete.test", "?to=a@b.fr")).status).toBe(200);
  });
});
