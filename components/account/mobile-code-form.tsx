"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import * as z from "zod/mini";
import { FormFeedback } from "@/components/forms/form-feedback";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/forms";

const schema = z.object({ code: z.string().check(z.trim(), z.regex(/^\d{6}$/, "Le code compte six chiffres.")) });
const ids = { code: "code-sms" };

/** « Confirmer mon mobile »: the six digits received by SMS, or a new code. */
export function MobileCodeForm({ confirm, resend }: { confirm: (input: unknown) => Promise<ActionResult>; resend: () => Promise<ActionResult> }) {
  const router = useRouter();
  const [resent, setResent] = useState<ActionResult | null>(null);
  const { form, submit, result, errors, pending } = useActionForm({
    name: "mobile",
    schema,
    defaultValues: { code: "" },
    action: confirm,
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-mobile" className="mt-4 rounded-lg border border-amber-600 bg-white p-5">
      <h2 id="titre-mobile" className="text-lg font-bold">Confirmer mon mobile</h2>
      <p className="mt-1 text-slate-700">Nous vous avons envoyé un code à six chiffres par SMS. Tant qu&apos;il n&apos;est pas saisi, nos messages vous parviennent par courriel.</p>
      <FormFeedback form="mobile" result={result ?? resent} errors={errors} fieldIds={ids} />
      <TextField id={ids.code} label="Code reçu par SMS" inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={errors.code} {...form.register("code")} />
      <div className="mt-4 flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Vérification…" : "Confirmer"}</Button>
        <Button variant="secondary" disabled={pending} onClick={async () => setResent(await resend().catch(() => ({ ok: false, message: "Le code n'a pas pu être envoyé. Réessayez dans un instant." })))}>
          Recevoir un nouveau code
        </Button>
      </div>
    </form>
  );
}
