import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { readAtMost } from "@/lib/request-body";
import { clientAddress, hitRateLimit } from "@/lib/security/rate-limit";

// next-auth's routes (sign in, sign out, session refresh), with a per-address limit on login
// attempts: beyond it, a 429 with Retry-After, shaped as next-auth's client expects an error.
type Context = { params: Promise<{ nextauth: string[] }> };

/** A sign-in form is a few hundred bytes. */
const BODY_MAX_BYTES = 64 * 1024;

/** next-auth's own routes; anything else is answered here, not with next-auth's English error. */
const ACTIONS = new Set(["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error", "_log"]);

async function handler(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (!Array.isArray(nextauth) || !ACTIONS.has(String(nextauth[0]))) return new Response(null, { status: 404 });
  return NextAuth(authOptions())(request, context);
}

export async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (Array.isArray(nextauth) && nextauth.join("/") === "callback/credentials") {
    const limit = await hitRateLimit("login-ip", clientAddress(request.headers), env.LOGIN_IP_LIMIT_PER_MINUTE, 60_000);
    if (!limit.allowed) {
      const url = new URL(`/connexion?error=attente:${limit.retryAfterSeconds}`, request.url).toString();
      return Response.json({ url }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
    }
  }
  // next-auth reads the body itself, unbounded, and throws on JSON it cannot parse (a 500): read and
  // checked here first, then handed on as the same request.
  const body = await readAtMost(request, BODY_MAX_BYTES);
  if (body === "too-large") return Response.json({ message: "Cette demande de connexion est trop volumineuse." }, { status: 413 });
  if (request.headers.get("content-type")?.includes("application/json")) {
    try {
      JSON.parse(new TextDecoder().decode(body));
    } catch {
      return Response.json({ message: "Cette demande de connexion est illisible : rechargez la page et réessayez." }, { status: 400 });
    }
  }
  return handler(new NextRequest(request.url, { method: "POST", headers: request.headers, body }), context);
}

export const GET = handler;
