import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAgent } from "@/lib/agents/session";
import { communePreferences } from "@/lib/commune/preferences";
import { env } from "@/lib/env";
import { DRAFT_LIFETIME_DAYS, INVOICE_WINDOW_MONTHS, SENDER_NAME_MAX } from "@/lib/tenancy/settings";
import { PreferencesForm } from "./preferences-form";

export const metadata: Metadata = { title: "Réglages du portail" };

/** How the commune's portal behaves: drafts kept, invoices shown, SMS, the messages' sender. */
export default async function PreferencesPage() {
  const agent = await requireAgent("commune.configurer");
  const preferences = await communePreferences(agent);
  if (!preferences) notFound();
  const { officialName, ...p } = preferences;
  return (
    <div className="max-w-3xl">
      <nav aria-label="Fil d'Ariane" className="text-sm">
        <Link href="/admin" className="text-brand underline">Espace agents</Link> › <Link href="/admin/parametres" className="text-brand underline">Paramètres</Link> › Réglages
      </nav>
      <h1 className="mt-2 text-3xl font-bold">Réglages du portail</h1>
      <p className="mt-2 text-slate-700">Ils s&apos;appliquent dès l&apos;enregistrement, à la commune seulement.</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <PreferencesForm
          initial={{ draftLifetimeDays: String(p.draftLifetimeDays), invoiceWindowMonths: String(p.invoiceWindowMonths), smsEnabled: p.smsEnabled ? "on" : "", senderName: p.senderName }}
          officialName={officialName}
          reminderDays={env.DRAFT_REMINDER_DAYS}
          min={{ draftLifetimeDays: DRAFT_LIFETIME_DAYS.min, invoiceWindowMonths: INVOICE_WINDOW_MONTHS.min }}
          max={{ draftLifetimeDays: DRAFT_LIFETIME_DAYS.max, invoiceWindowMonths: INVOICE_WINDOW_MONTHS.max, senderName: SENDER_NAME_MAX }}
        />
      </div>
    </div>
  );
}
