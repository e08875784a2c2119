import * as z from "zod/mini";
import { passwordFields } from "@/lib/accounts/schema";

// The password recovery forms, shared by the browser (instant errors) and the server (which parses
// everything again, with the account's own names in the password context).

/** What the recovery forms say when the service fails (an incident, or no answer at all). */
export const RECOVERY_UNAVAILABLE = "Le service ne répond pas pour le moment. Réessayez dans quelques instants.";

export const resetRequestSchema = z.object({
  identifiant: z.string().check(z.trim(), z.minLength(1, "Indiquez votre identifiant."), z.maxLength(254, "L'identifiant compte 254 caractères au plus.")),
});

/** The answer to the security question and the new password twice. */
export function resetPasswordSchema(context: string[]) {
  return z.intersection(
    z.object({ answer: z.string().check(z.trim(), z.minLength(1, "Indiquez la réponse à votre question."), z.maxLength(100, "La réponse compte 100 caractères au plus.")) }),
    passwordFields(context),
  );
}
export type ResetPasswordInput = z.infer<ReturnType<typeof resetPasswordSchema>>;

/** The identifiant, the town hall's code (lib/accounts/counter) and the new password twice. */
export function counterCodeSchema(context: string[]) {
  return z.intersection(
    z.object({
      identifiant: z.string().check(z.trim(), z.minLength(1, "Indiquez votre identifiant."), z.maxLength(254, "L'identifiant compte 254 caractères au plus.")),
      code: z.string().check(z.trim(), z.minLength(1, "Indiquez le code reçu de la mairie."), z.maxLength(40, "Ce code est trop long : recopiez-le tel qu'il est écrit.")),
    }),
    passwordFields(context),
  );
}
