import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/accounts/login";
import { db } from "@/lib/db";
import { authSecret, env } from "@/lib/env";
import { requestHost } from "@/lib/tenancy/host";
import { resolveHost } from "@/lib/tenancy/resolve";

// Citizens sign in with next-auth's credentials provider; the session is a JWT in a cookie of the
// commune's own host. next-auth builds its URLs from the forwarded host, which proxy.ts always
// overwrites with the host it validated: trusting it is safe, and there is no single NEXTAUTH_URL
// for a deployment that serves many communes. next-auth reads this variable itself.
process.env.AUTH_TRUST_HOST ??= "1";

/** Idle lifetime: each page the citizen opens pushes it back (components/session-keeper). */
export const IDLE_SECONDS = 30 * 60;
/** Absolute lifetime, whatever the activity. */
export const ABSOLUTE_SECONDS = 12 * 3600;

const secure = env.publicProtocol === "https";
export const SESSION_COOKIE = `${secure ? "__Secure-" : ""}cc.session`;
export const SESSION_COOKIE_OPTIONS = { httpOnly: true, sameSite: "lax", path: "/", secure } as const;

/** What the session cookie carries. The account is read again on every request (lib/auth/session). */
export type CitizenToken = { accountId: string; tenantId: string; sv: number; authTime: number };

/** Codes thrown to the login form, which turns them into French sentences. */
export const LOGIN_ERRORS = { invalid: "identifiants", throttled: "attente", refused: "refuse", host: "commune" } as const;

/** A function: the secret is read on the first request, so `next build` needs none. */
export const authOptions = (): NextAuthOptions => ({
  secret: authSecret(),
  useSecureCookies: secure,
  session: { strategy: "jwt", maxAge: IDLE_SECONDS, updateAge: 0 },
  jwt: { maxAge: IDLE_SECONDS },
  cookies: {
    sessionToken: { name: SESSION_COOKIE, options: SESSION_COOKIE_OPTIONS },
  },
  pages: { signIn: "/connexion", error: "/connexion" },
  providers: [
    CredentialsProvider({
      name: "Compte Citoyen",
      credentials: { identifiant: { label: "Identifiant", type: "text" }, password: { label: "Mot de passe", type: "password" } },
      async authorize(credentials, req) {
        const host = requestHost(new Headers(req.headers as Record<string, string>), env.TRUST_PROXY, authSecret());
        const resolution = host ? await resolveHost(host.hostname) : { kind: "unknown" as const };
        if (resolution.kind !== "tenant") throw new Error(LOGIN_ERRORS.host);
        const result = await authenticate(
          resolution.tenant,
          String(credentials?.identifiant ?? "").slice(0, 254),
          String(credentials?.password ?? "").slice(0, 200),
        );
        if (result.ok) {
          return { id: result.accountId, tenantId: resolution.tenant.id, sv: result.sessionVersion } as never;
        }
        if (result.reason === "throttled") throw new Error(`${LOGIN_ERRORS.throttled}:${result.retryAfterSeconds}`);
        throw new Error(LOGIN_ERRORS[result.reason]);
      },
    }),
  ],
  callbacks: {
    // Only at sign-in does `user` exist: the token then gets the account, its commune and version.
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; tenantId: string; sv: number };
        const citizen: CitizenToken = { accountId: u.id, tenantId: u.tenantId, sv: u.sv, authTime: Math.floor(Date.now() / 1000) };
        return { ...token, ...citizen, name: null, email: null, picture: null };
      }
      return token;
    },
    async session({ session }) {
      // The browser learns nothing from the session endpoint but that a session exists.
      return { expires: session.expires };
    },
  },
  events: {
    // Signing out ends every session of the account (other browsers too).
    async signOut({ token }) {
      const t = token as Partial<CitizenToken> | null;
      if (t?.accountId && t.tenantId) {
        await db.account.updateMany({ where: { id: t.accountId, tenantId: t.tenantId }, data: { sessionVersion: { increment: 1 } } });
      }
    },
  },
});
