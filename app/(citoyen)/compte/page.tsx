import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { channelLabel, formatDate, formatPhone, householdGroups, relationLabel } from "@/components/account/format";
import { MobileCodeForm } from "@/components/account/mobile-code-form";
import { Notice } from "@/components/ui/notice";
import { getAccount, type AccountView } from "@/lib/accounts/profile";
import { requireCitizen } from "@/lib/auth/session";
import { requireTenant } from "@/lib/tenancy/request";
import { confirmMobileAction, resendMobileCodeAction } from "./actions";

export const metadata: Metadata = { title: "Compte" };

const links = [
  { href: "/compte/modifier", label: "Modifier mon compte", what: "Coordonnées et membres du foyer" },
  { href: "/compte/mot-de-passe", label: "Modifier mon mot de passe", what: "Celui qui sert à vous connecter" },
  { href: "/compte/question", label: "Modifier ma question/réponse", what: "Elle protège la récupération de votre mot de passe" },
  { href: "/compte/donnees", label: "Mes données", what: "Les télécharger, ou demander la suppression du compte" },
];

export default async function AccountPage() {
  const tenant = await requireTenant();
  const citizen = await requireCitizen("/compte");
  const account = await getAccount(citizen);
  if (!account) notFound();
  const { adults, children } = householdGroups(account.members);
  // A commune that sends no SMS writes by email to those who chose SMS.
  const sms = tenant.settings.smsEnabled;
  const channel = !sms && account.channel === "SMS" ? "EMAIL" : account.channel;

  const general: [string, ReactNode][] = [
    ["Identifiant", <strong key="id">{account.identifiant}</strong>],
    ["Civilité", account.civility],
    ["Prénom(s)", account.firstNames],
    ["Nom de naissance", account.birthName],
    ...(account.usageName ? ([["Nom d'usage", account.usageName]] as [string, ReactNode][]) : []),
    ["Date de naissance", formatDate(account.birthDate)],
    ["Lieu de naissance", account.birthPlace],
    [
      "Adresse",
      <span key="adresse" className="whitespace-pre-line">
        {[account.addressLine1, account.addressLine2, `${account.postalCode} ${account.city}`].filter(Boolean).join("\n")}
      </span>,
    ],
    [
      "Adresse électronique",
      <span key="courriel" className="break-all">
        {account.email}
        {account.emailConfirmedAt ? null : <ToConfirm />}
        {account.pendingEmail ? (
          <span className="block text-sm text-slate-700">
            Nouvelle adresse {account.pendingEmail} : ouvrez le lien qui vient de lui être envoyé pour la confirmer.
          </span>
        ) : null}
      </span>,
    ],
    ["Téléphone fixe", formatPhone(account.phone) || "Non renseigné"],
    [
      "Téléphone mobile",
      account.mobile ? (
        <span key="mobile">
          {formatPhone(account.mobile)}
          {channel === "SMS" && !account.mobileConfirmedAt ? <ToConfirm /> : null}
        </span>
      ) : (
        "Non renseigné"
      ),
    ],
    ["Recevoir nos messages par", channelLabel(channel)],
  ];

  return (
    <div>
      <h1 className="text-3xl font-bold">Mon compte</h1>
      {account.status === "EN_ATTENTE" ? (
        <Notice tone="warning" title="Votre compte attend sa validation par la mairie">
          Vous pourrez modifier vos coordonnées et votre foyer dès que la mairie l&apos;aura validé. Votre mot de passe et votre
          question de sécurité se modifient dès maintenant.
        </Notice>
      ) : null}
      {account.emailConfirmedAt ? null : (
        <Notice tone="info" title="Adresse électronique à confirmer">
          Ouvrez le lien reçu à l&apos;adresse {account.email}. Tant qu&apos;elle n&apos;est pas confirmée, nous ne l&apos;utilisons que pour ce lien
          et pour votre identifiant.
        </Notice>
      )}

      {channel === "SMS" && account.mobile && !account.mobileConfirmedAt ? (
        <MobileCodeForm confirm={confirmMobileAction} resend={resendMobileCodeAction} />
      ) : null}

      <nav aria-label="Modifier mes informations" className="mt-6">
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="block h-full rounded-lg border-2 border-brand bg-white p-4 no-underline hover:bg-slate-100">
                <span className="font-semibold text-brand underline">{link.label}</span>
                <span className="mt-1 block text-sm text-slate-700">{link.what}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="titre-informations" className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="titre-informations" className="text-2xl font-bold">Informations générales</h2>
        <dl className="mt-4 grid gap-x-6 sm:grid-cols-[14rem_1fr] sm:gap-y-2">
          {general.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="mt-3 font-semibold sm:mt-0">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="titre-foyer" className="mt-8">
        <h2 id="titre-foyer" className="text-2xl font-bold">Mon foyer</h2>
        <Household title="Adultes" members={adults} empty="Aucun adulte déclaré." />
        <Household title="Enfants" members={children} empty="Aucun enfant déclaré." />
      </section>
    </div>
  );
}

function Household({ title, members, empty }: { title: string; members: AccountView["members"]; empty: string }) {
  return (
    <>
      <h3 className="mt-6 text-xl font-bold">{title}</h3>
      {members.length ? (
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {members.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <p className="font-semibold">{m.firstNames} {m.lastName}</p>
              <p className="text-slate-700">
                {relationLabel(m.relation, m.sex)} · né{m.sex === "F" ? "e" : ""} le {formatDate(m.birthDate)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-slate-700">{empty}</p>
      )}
    </>
  );
}

function ToConfirm() {
  return <span className="ml-2 inline-block rounded bg-amber-100 px-2 text-sm font-semibold text-amber-900 [word-break:normal]">à confirmer</span>;
}
