import "server-only";
import { accountOfSignup, createAccount } from "@/lib/accounts/signup";
import * as z from "zod";
import { signupSchema } from "@/lib/accounts/schema";
import { isHoneypotFilled, verifyCaptcha } from "@/lib/captcha/captcha";
import { env } from "@/lib/env";
import { fieldErrorsOf, minutesText, type ActionResult } from "@/lib/forms";
import { hitRateLimit } from "@/lib/security/rate-limit";
import type { Tenant } from "@/lib/tenancy/resolve";

// The sign-up form as the server receives it: everything the person typed, plus the captcha
// payload (`altcha`) and the honeypot (`website`), which are checked here and never stored.
export const SIGNUP_RATE_LIMIT = "inscription";
const HOUR_MS = 3_600_000;

const NOT_SAVED = "Votre inscription n'a pas pu être enregistrée. Vérifiez vos informations et réessayez.";

/** `created`: this very call created the account (false when the same form came back). */
export type SignupOutcome = ActionResult<{ identifiant: string; created: boolean }>;

/**
 * Validates a sign-up and creates the pending account in the commune of the request.
 * Order matters: the form first (user-fixable errors), then the honeypot, then the captcha (a payload
 * serves once, so it is spent only on a submission that could succeed), then the per-IP limit.
 */
export async function registerAccount(tenant: Tenant, input: unknown, address: string, now = new Date()): Promise<SignupOutcome> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, message: NOT_SAVED };
  }
  const { altcha, website, submissionKey, ...fields } = input as Record<string, unknown>;
  // The form's random key: a form sent again (retry after a network error, second tab) gets the
  // account it already created, whatever the captcha, which served once.
  const key = z.string().uuid().safeParse(submissionKey).data ?? null;
  if (key) {
    const existing = await accountOfSignup(tenant, key);
    if (existing) return { ok: true, data: { ...existing, created: false } };
  }

  const parsed = signupSchema(tenant.name).safeParse(fields);
  if (!parsed.success) {
    return { ok: false, message: "Certaines informations sont à corriger.", fieldErrors: fieldErrorsOf(parsed.error) };
  }
  // A robot that filled the hidden field learns nothing more than a person would.
  if (isHoneypotFilled(website)) return { ok: false, message: NOT_SAVED };

  if (!(await verifyCaptcha(altcha, now))) {
    return {
      ok: false,
      message: "La vérification « Je ne suis pas un robot » n'a pas abouti.",
      fieldErrors: { altcha: "La vérification a expiré ou a déjà servi. Cochez de nouveau la case « Je ne suis pas un robot »." },
    };
  }

  const limit = await hitRateLimit(SIGNUP_RATE_LIMIT, address, env.SIGNUP_IP_LIMIT_PER_HOUR, HOUR_MS, now);
  if (!limit.allowed) {
    return {
      ok: false,
      message: `Trop de comptes ont été créés depuis votre connexion internet au cours de la dernière heure. Réessayez dans ${minutesText(limit.retryAfterSeconds)}, ou contactez la mairie.`,
    };
  }

  const { identifiant, created } = await createAccount(tenant, parsed.data, key);
  return { ok: true, data: { identifiant, created } };
}
