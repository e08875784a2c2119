import type { Metadata } from "next";
import { checkEmailToken } from "@/lib/accounts/email-confirmation";
import { requireTenant } from "@/lib/tenancy/request";
import { ConfirmForm } from "./confirm-form";
import { LinkProblem } from "./link-problem";

// The link's secret is in the URL: never sent on to another site, never indexed.
export const metadata: Metadata = {
  title: "Confirmer mon adresse électronique",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const tenant = await requireTenant();
  const { token } = await params;
  const state = await checkEmailToken(tenant, token);
  return (
    <div className="mx-auto max-w-2xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-10">
      {state === "valid" ? (
        <ConfirmForm token={token} contactPhone={tenant.contactPhone} />
      ) : (
        <LinkProblem reason={state} contactPhone={tenant.contactPhone} />
      )}
    </div>
  );
}
