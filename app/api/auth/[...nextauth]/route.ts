import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { clientAddress, hitRateLimit } from "@/lib/security/rate-limit";

// next-auth's routes (sign in, sign out, session refresh), with a per-address limit on login
// attempts: beyond it, a 429 with Retry-After, shaped as next-auth's client expects an error.
type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  return NextAuth(authOptions())(request, context);
}

export async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const limit = await hitRateLimit("login-ip", clientAddress(request.headers), env.LOGIN_IP_LIMIT_PER_MINUTE, 60_000);
    if (!limit.allowed) {
      const url = new URL(`/connexion?error=attente:${limit.retryAfterSeconds}`, request.url).toString();
      return Response.json({ url }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
    }
  }
  return handler(request, context);
}

export const GET = handler;
