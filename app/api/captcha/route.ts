import { createCaptchaChallenge } from "@/lib/captcha/captcha";
import { clientAddress, hitRateLimit } from "@/lib/security/rate-limit";

// GET /api/captcha: a fresh proof-of-work challenge for the ALTCHA widget. Creating one costs
// almost nothing, but the endpoint is public: a per-address limit keeps it from being a cheap flood.
export const dynamic = "force-dynamic";

const PER_MINUTE = 60;

export async function GET(request: Request) {
  const limit = await hitRateLimit("captcha", clientAddress(request.headers), PER_MINUTE, 60_000);
  if (!limit.allowed) {
    return Response.json(
      { message: "Trop de vérifications demandées depuis votre connexion. Réessayez dans une minute." },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  return Response.json(await createCaptchaChallenge(), { headers: { "Cache-Control": "no-store" } });
}
