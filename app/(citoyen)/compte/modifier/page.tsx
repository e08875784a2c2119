import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContactForm, type ContactValues } from "@/components/account/contact-form";
import { formatDate, formatPhone } from "@/components/account/format";
import { OneErrorSummary } from "@/components/forms/form-feedback";
import { HouseholdEditor } from "@/components/account/household-editor";
import { Notice } from "@/components/ui/notice";
import { getAccount, PENDING_MESSAGE } from "@/lib/accounts/profile";
import { requireCitizen } from "@/lib/auth/session";
import { requireTenant } from "@/lib/tenancy/request";
import { removeHouseholdMember, saveContact, saveHouseholdMember } from "./actions";

export const metadata: Metadata = { title: "Modifier mon compte" };

export default async function EditAccountPage() {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte/modifier");
  const account = await getAccount(citizen);
  if (!account) notFound();

  const contact: ContactValues = {
    addressLine1: account.addressLine1, addressLine2: account.addressLine2 ?? "", postalCode: account.postalCode, city: account.city,
    email: account.email, phone: formatPhone(account.phone), mobile: formatPhone(account.mobile), channel: account.channel,
  };
  const identity: [string, string][] = [
    ["Civilité", account.civility],
    ["Prénom(s)", account.firstNames],
    ["Nom de naissance", account.birthName],
    ...(account.usageName ? ([["Nom d'usage", account.usageName]] as [string, string][]) : []),
    ["Date de naissance", formatDate(account.birthDate)],
    ["Lieu de naissance", account.birthPlace],
  ];

  return (
    <div>
      <p>
        <Link href="/compte" className="text-brand underline">Retour à mon compte</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Modifier mon compte</h1>
      {account.status === "EN_ATTENTE" ? (
        <Notice tone="warning" title="Modifications possibles après la validation">{PENDING_MESSAGE}</Notice>
      ) : null}

      <OneErrorSummary>
        <section aria-labelledby="titre-identite" className="mt-8">
          <h2 id="titre-identite" className="text-2xl font-bold">Informations générales</h2>
          <div className="mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h3 className="text-xl font-bold">Mon état civil</h3>
            <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
              {identity.map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="mt-2 font-semibold sm:mt-0">{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-4 text-slate-700">
              Ces informations ne se modifient pas en ligne : pour corriger votre état civil, adressez-vous à la mairie
              ({tenant.contactPhone}) avec un justificatif.
            </p>
          </div>
          <div className="mt-6">
            <ContactForm initial={contact} action={saveContact} smsEnabled={tenant.settings.smsEnabled} />
          </div>
        </section>

        <HouseholdEditor members={account.members} familyName={account.usageName || account.birthName} saveMember={saveHouseholdMember} removeMember={removeHouseholdMember} />
      </OneErrorSummary>
    </div>
  );
}
