import "server-only";
import { cookies } from "next/headers";
import { safeReturn } from "@/lib/auth/return-to";

// Where an agent whose session ended goes back after signing in again: the login page receives it
// (`?retour=`), the password step keeps it in a short cookie, the code step takes it. Only a page of
// the back office, never the login itself nor another site.
const COOKIE = "cc.admin-retour";

/** A back-office path to come back to, or null. */
export function safeAgentReturn(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/admin")) return null;
  const path = safeReturn(value.slice(0, 500));
  if (!/^\/admin(\/|\?|$)/.test(path) || path.startsWith("/admin/connexion")) return null;
  return path;
}

export async function rememberAgentReturn(value: unknown) {
  const path = safeAgentReturn(value);
  const jar = await cookies();
  if (path) jar.set(COOKIE, path, { httpOnly: true, sameSite: "lax", path: "/admin", maxAge: 15 * 60 });
  else jar.delete(COOKIE);
}

/** The page to open once the second step passed (then forgotten), or the dashboard. */
export async function takeAgentReturn(): Promise<string> {
  const jar = await cookies();
  const path = safeAgentReturn(jar.get(COOKIE)?.value);
  if (jar.get(COOKIE)) jar.delete({ name: COOKIE, path: "/admin" });
  return path ?? "/admin";
}
