import "server-only";
import type { Citizen } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Person } from "@/lib/procedures/prefill";
import { describeAnswers } from "@/lib/requests/detail";
import { statusLabel } from "@/lib/requests/status";
import type { Tenant } from "@/lib/tenancy/resolve";

// « Mes données » (RGPD, right of access and portability): everything the commune holds on the
// signed-in citizen, as one plain object that becomes the JSON file and the PDF. Every query is
// scoped to this citizen of this commune in its where clause. Never in it: the password and the
// security answer (their hashes), tokens, login failures, the agents' internal notes on requests.

export type PersonalData = Awaited<ReturnType<typeof personalData>>;

const ACTORS = { CITOYEN: "vous", AGENT: "la mairie", SYSTEME: "système" } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The citizen's data, or null when the account is not theirs any more (deleted meanwhile). */
export async function personalData(citizen: Citizen, tenant: Pick<Tenant, "id" | "name" | "officialName" | "contactEmail" | "contactPhone">, now = new Date()) {
  if (citizen.tenantId !== tenant.id) return null;
  const mine = { tenantId: citizen.tenantId, accountId: citizen.id };
  const account = await db.account.findFirst({
    where: { id: citizen.id, tenantId: citizen.tenantId, status: { not: "SUPPRIME" } },
    select: {
      identifiant: true, status: true, statusReason: true, createdAt: true, civility: true, firstNames: true, birthName: true, usageName: true,
      birthDate: true, birthPlace: true, addressLine1: true, addressLine2: true, postalCode: true, city: true,
      email: true, emailConfirmedAt: true, phone: true, mobile: true, mobileConfirmedAt: true, channel: true, securityQuestion: true,
      deletionRequestedAt: true, deletionRequestNote: true,
    },
  });
  if (!account) return null;
  const [members, requests, attachments, messages, invoices, payments] = await Promise.all([
    db.householdMember.findMany({
      where: mine, orderBy: [{ kind: "asc" }, { birthDate: "asc" }],
      select: { id: true, kind: true, relation: true, firstNames: true, lastName: true, birthDate: true, sex: true },
    }),
    db.request.findMany({
      where: mine, orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true, numero: true, status: true, answers: true, memberId: true, createdAt: true, updatedAt: true, submittedAt: true, closedAt: true,
        procedure: { select: { title: true, retentionMonths: true } },
        form: { select: { definition: true } },
        receipts: { select: { fieldName: true, receivedAt: true } },
        // Never internalNote: it is the agents' own writing, not data about the citizen they gave or received.
        events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { createdAt: true, fromStatus: true, toStatus: true, actorKind: true, publicMessage: true } },
      },
    }),
    db.attachment.findMany({ where: mine, orderBy: { createdAt: "asc" }, select: { id: true, requestId: true, fieldName: true, fileName: true, kind: true, size: true, createdAt: true } }),
    db.message.findMany({
      where: mine, orderBy: { createdAt: "asc" },
      select: { requestId: true, createdAt: true, sentAt: true, channel: true, recipient: true, subject: true, text: true, status: true, readAt: true },
    }),
    db.invoice.findMany({
      where: mine, orderBy: [{ issuedAt: "asc" }, { number: "asc" }],
      select: {
        number: true, domain: true, label: true, period: true, lines: true, amountCents: true, issuedAt: true, dueAt: true, status: true, paidAt: true, paidVia: true,
        regie: { select: { name: true } },
      },
    }),
    db.payment.findMany({
      where: mine, orderBy: { createdAt: "asc" },
      select: {
        createdAt: true, completedAt: true, provider: true, providerRef: true, status: true, amountCents: true,
        regie: { select: { name: true } }, items: { select: { amountCents: true, invoice: { select: { number: true } } } },
      },
    }),
  ]);
  const people: Person[] = members.map((m) => ({ id: m.id, relation: m.relation, firstNames: m.firstNames, lastName: m.lastName, birthDate: day(m.birthDate) }));
  const message = (m: (typeof messages)[number]) => ({
    date: m.createdAt.toISOString(), envoyeLe: iso(m.sentAt), canal: m.channel === "SMS" ? "SMS" : "courriel", destinataire: m.recipient,
    objet: m.subject, texte: m.text, etat: m.status === "ENVOYE" ? "envoyé" : m.status === "ECHEC" ? "échec de l'envoi" : "en attente", luLe: iso(m.readAt),
  });

  return {
    commune: { nom: tenant.officialName, courriel: tenant.contactEmail, telephone: tenant.contactPhone },
    exporteLe: now.toISOString(),
    compte: {
      identifiant: account.identifiant,
      etat: ({ EN_ATTENTE: "en attente de validation", VALIDE: "validé", REFUSE: "refusé", SUPPRIME: "supprimé" } as const)[account.status],
      motifDuRefus: account.statusReason,
      creeLe: account.createdAt.toISOString(),
      civilite: account.civility,
      prenoms: account.firstNames,
      nomDeNaissance: account.birthName,
      nomDUsage: account.usageName,
      dateDeNaissance: day(account.birthDate),
      lieuDeNaissance: account.birthPlace,
      adresse: { ligne1: account.addressLine1, ligne2: account.addressLine2, codePostal: account.postalCode, commune: account.city },
      courriel: account.email,
      courrielConfirmeLe: iso(account.emailConfirmedAt),
      telephoneFixe: account.phone,
      telephoneMobile: account.mobile,
      mobileConfirmeLe: iso(account.mobileConfirmedAt),
      canalDesMessages: account.channel === "SMS" ? "SMS" : "courriel",
      questionDeSecurite: account.securityQuestion,
      suppressionDemandeeLe: iso(account.deletionRequestedAt),
      noteDeLaDemandeDeSuppression: account.deletionRequestNote,
    },
    foyer: members.map((m) => ({
      prenoms: m.firstNames, nom: m.lastName, dateDeNaissance: day(m.birthDate), sexe: m.sex, lien: m.relation.toLowerCase().replace("_", " "),
    })),
    demandes: requests.map((r) => {
      const pieces = attachments.filter((a) => a.requestId === r.id);
      const described = describeAnswers(r.form.definition, r.answers, people, pieces, r.receipts);
      const member = r.memberId ? people.find((p) => p.id === r.memberId) : undefined;
      return {
        numero: r.numero,
        demarche: r.procedure.title,
        etat: statusLabel(r.status),
        creeeLe: r.createdAt.toISOString(),
        envoyeeLe: iso(r.submittedAt),
        clotureeLe: iso(r.closedAt),
        dureeDeConservationMois: r.procedure.retentionMonths,
        personneConcernee: member ? `${member.firstNames} ${member.lastName}` : null,
        reponses: described.sections.map((s) => ({ etape: s.title, reponses: s.items.map((i) => ({ question: i.label, reponse: i.text })) })),
        piecesJointes: pieces.map((p) => ({ champ: p.fieldName, nom: p.fileName, type: p.kind, tailleOctets: p.size, deposeeLe: p.createdAt.toISOString() })),
        historique: r.events.map((e) => ({
          date: e.createdAt.toISOString(), par: ACTORS[e.actorKind], de: e.fromStatus ? statusLabel(e.fromStatus) : null, vers: statusLabel(e.toStatus), message: e.publicMessage,
        })),
        messages: messages.filter((m) => m.requestId === r.id).map(message),
      };
    }),
    piecesNonRattachees: attachments.filter((a) => !a.requestId || !requests.some((r) => r.id === a.requestId))
      .map((p) => ({ nom: p.fileName, type: p.kind, tailleOctets: p.size, deposeeLe: p.createdAt.toISOString() })),
    messages: messages.map(message),
    factures: invoices.map((i) => ({
      numero: i.number, regie: i.regie.name, domaine: i.domain, libelle: i.label, periode: i.period, lignes: i.lines, montantCentimes: i.amountCents,
      emiseLe: i.issuedAt.toISOString(), aPayerAvant: i.dueAt.toISOString(),
      etat: i.status === "PAYEE" ? "payée" : i.status === "ANNULEE" ? "annulée" : "à payer", payeeLe: iso(i.paidAt),
      payeePar: i.paidVia === "GUICHET" ? "guichet" : i.paidVia ? "carte bancaire" : null,
    })),
    paiements: payments.map((p) => ({
      date: p.createdAt.toISOString(), regie: p.regie.name, moyen: p.provider === "STRIPE" ? "carte bancaire" : "carte bancaire (simulation)", reference: p.providerRef,
      etat: ({ EN_COURS: "en cours", REUSSI: "réussi", ECHOUE: "échoué", ABANDONNE: "abandonné", EXPIRE: "expiré" } as const)[p.status],
      montantCentimes: p.amountCents, termineLe: iso(p.completedAt), factures: p.items.map((it) => ({ numero: it.invoice.number, montantCentimes: it.amountCents })),
    })),
  };
}

/** « mes-donnees-beaucouze-2026-11-25 »: the file name of both downloads. */
export function personalDataFileName(tenant: Pick<Tenant, "slug">, now = new Date()): string {
  return `mes-donnees-${tenant.slug.replace(/[^a-z0-9-]/g, "")}-${now.toISOString().slice(0, 10)}`;
}
