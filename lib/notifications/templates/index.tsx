import * as z from "zod";
import { EmailLayout, noReply, type Sender } from "@/lib/notifications/templates/layout";
import { tenantUrl } from "@/lib/tenancy/url";
import { inSentence, ofName } from "@/lib/text";

// Every message the product sends. A template gives the subject, the plain text of the email,
// the HTML body, and the SMS (160 characters when possible; the plain text when absent).
// Data is validated: a template never renders half-filled.
export type Template<D> = {
  data: z.ZodType<D>;
  subject: (d: D, t: Sender) => string;
  text: (d: D, t: Sender) => string;
  html: (d: D, t: Sender) => React.ReactElement;
  sms?: (d: D, t: Sender) => string;
};

type Link = { label: string; url: string };

/**
 * Most messages are a greeting, a few paragraphs and at most one link: written once here, they
 * come out as the same words in the HTML email, its plain-text version and the SMS.
 */
function message<D>(spec: {
  data: z.ZodType<D>;
  subject: (d: D, t: Sender) => string;
  paragraphs: (d: D, t: Sender) => string[];
  link?: (d: D, t: Sender) => Link;
  sms?: (d: D, t: Sender) => string;
}): Template<D> {
  return {
    data: spec.data,
    subject: spec.subject,
    sms: spec.sms,
    text: (d, t) => {
      const link = spec.link?.(d, t);
      return ["Bonjour,", ...spec.paragraphs(d, t), ...(link ? [`${link.label} : ${link.url}`] : []), noReply(t)].join("\n\n");
    },
    html: (d, t) => {
      const link = spec.link?.(d, t);
      return (
        <EmailLayout tenant={t} title={spec.subject(d, t)}>
          <p style={{ margin: "0 0 12px" }}>Bonjour,</p>
          {spec.paragraphs(d, t).map((p, i) => (
            <p key={i} style={{ margin: "0 0 12px", whiteSpace: "pre-line" }}>{p}</p>
          ))}
          {link ? (
            <p style={{ margin: "16px 0 0" }}>
              <a
                href={link.url}
                style={{ backgroundColor: t.primaryColor, color: "#ffffff", padding: "10px 16px", borderRadius: 6, textDecoration: "none", display: "inline-block", fontWeight: "bold" }}
              >
                {link.label}
              </a>
            </p>
          ) : null}
        </EmailLayout>
      );
    },
  };
}

const mairie = (t: Sender) => `la ${inSentence(t.officialName)}`;
const none = z.object({});

const essai = message({
  data: z.object({ note: z.string().max(500).optional() }),
  subject: (_d, t) => `Message d'essai de ${mairie(t)}`,
  paragraphs: (d, t) => [
    `Ceci est un message d'essai du Compte Citoyen de ${t.name}. Il montre l'apparence des messages que vous recevrez.`,
    ...(d.note ? [d.note] : []),
  ],
  link: (_d, t) => ({ label: "Ouvrir le Compte Citoyen", url: tenantUrl(t) }),
  sms: (_d, t) => `${t.name} : message d'essai du Compte Citoyen. Ne répondez pas à ce SMS.`,
});

const compteCree = message({
  data: z.object({ identifiant: z.string(), confirmUrl: z.string().url() }),
  subject: (_d, t) => `Votre Compte Citoyen de ${t.name} est créé`,
  paragraphs: (d, t) => [
    `Votre compte est créé. Votre identifiant est : ${d.identifiant}\nGardez-le : il vous servira à chaque connexion, avec le mot de passe que vous avez choisi.`,
    `Confirmez votre adresse électronique avec le lien ci-dessous (valable 7 jours). Tant qu'elle n'est pas confirmée, nous ne l'utilisons que pour ce lien et pour votre identifiant.`,
    `Les agents de ${mairie(t)} vont vérifier votre compte. Vous pouvez déjà faire vos démarches en ligne ; la modification de votre compte et vos factures seront accessibles après cette validation.`,
  ],
  link: (d) => ({ label: "Confirmer mon adresse", url: d.confirmUrl }),
});

const confirmationEmail = message({
  data: z.object({ confirmUrl: z.string().url() }),
  subject: () => "Confirmez votre adresse électronique",
  paragraphs: () => [
    "Vous avez indiqué cette adresse pour votre Compte Citoyen. Confirmez-la avec le lien ci-dessous (valable 7 jours).",
    "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
  ],
  link: (d) => ({ label: "Confirmer mon adresse", url: d.confirmUrl }),
});

const codeSms = message({
  data: z.object({ code: z.string().regex(/^\d{6}$/) }),
  subject: () => "Code de confirmation",
  paragraphs: (d) => [`Votre code de confirmation : ${d.code} (valable 15 minutes).`],
  sms: (d, t) => `${t.name} - Compte Citoyen : votre code de confirmation est ${d.code} (valable 15 min). Ne répondez pas.`,
});

const reinitialisation = message({
  data: z.object({ identifiant: z.string(), resetUrl: z.string().url() }),
  subject: () => "Choisir un nouveau mot de passe",
  paragraphs: (d) => [
    `Une demande de nouveau mot de passe a été faite pour l'identifiant ${d.identifiant}.`,
    "Le lien ci-dessous est valable 30 minutes et ne sert qu'une fois. Il vous demandera la réponse à votre question de sécurité.",
    "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.",
  ],
  link: (d) => ({ label: "Choisir un nouveau mot de passe", url: d.resetUrl }),
});

const codeMairie = message({
  data: z.object({ identifiant: z.string(), code: z.string(), url: z.string().url(), created: z.boolean(), validUntil: z.string() }),
  subject: (d, t) => (d.created ? `Votre Compte Citoyen de ${t.name} : choisissez votre mot de passe` : "Votre code pour choisir un nouveau mot de passe"),
  paragraphs: (d, t) => [
    d.created
      ? `La ${inSentence(t.officialName)} a créé votre Compte Citoyen à votre demande. Votre identifiant est : ${d.identifiant}`
      : `À votre demande, ${mairie(t)} vous donne un code pour choisir un nouveau mot de passe. Votre identifiant est : ${d.identifiant}`,
    `Votre code : ${d.code}\nIl ne sert qu'une fois, jusqu'au ${d.validUntil}. Ouvrez le lien ci-dessous, saisissez votre identifiant, ce code, puis le mot de passe de votre choix : personne d'autre ne le connaîtra, pas même la mairie.`,
    "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message et prévenez la mairie.",
  ],
  link: (d) => ({ label: "Choisir mon mot de passe", url: d.url }),
});

const motDePasseModifie = message({
  data: none,
  subject: () => "Votre mot de passe a été modifié",
  paragraphs: (_d, t) => [
    "Le mot de passe de votre Compte Citoyen vient d'être modifié. Toutes les sessions ouvertes avec l'ancien ont été fermées.",
    `Si vous n'êtes pas à l'origine de ce changement, contactez sans attendre ${mairie(t)} au ${t.contactPhone}.`,
  ],
  link: (_d, t) => ({ label: "Se connecter", url: tenantUrl(t, "/connexion") }),
  sms: (_d, t) => `${t.name} - Compte Citoyen : votre mot de passe a été modifié. Si ce n'est pas vous, appelez la mairie au ${t.contactPhone}.`,
});

const compteModifie = message({
  data: z.object({ what: z.string().max(200) }),
  subject: () => "Votre compte a été modifié",
  paragraphs: (d, t) => [
    `Modification enregistrée sur votre Compte Citoyen : ${d.what}.`,
    `Si vous n'êtes pas à l'origine de ce changement, contactez ${mairie(t)} au ${t.contactPhone}.`,
  ],
  link: (_d, t) => ({ label: "Voir mon compte", url: tenantUrl(t, "/compte") }),
  sms: (d, t) => `${t.name} - Compte Citoyen : ${d.what}. Si ce n'est pas vous, appelez la mairie au ${t.contactPhone}.`,
});

const compteValide = message({
  data: none,
  subject: () => "Votre compte est validé",
  paragraphs: (_d, t) => [
    `${t.officialName} a validé votre Compte Citoyen. Vous pouvez maintenant modifier votre compte et votre foyer, et consulter vos factures.`,
  ],
  link: (_d, t) => ({ label: "Se connecter", url: tenantUrl(t, "/connexion") }),
  sms: (_d, t) => `${t.name} - Compte Citoyen : votre compte est validé. Ne répondez pas à ce SMS.`,
});

const compteRefuse = message({
  data: z.object({ motif: z.string().min(1).max(1000) }),
  subject: () => "Votre compte n'a pas été validé",
  paragraphs: (d, t) => [
    `${t.officialName} n'a pas pu valider votre Compte Citoyen, pour le motif suivant :\n${d.motif}`,
    `Pour toute question, contactez ${mairie(t)} au ${t.contactPhone}.`,
  ],
  sms: (d, t) => `${t.name} - Compte Citoyen : compte non validé. Motif : ${d.motif.slice(0, 80)}. Mairie : ${t.contactPhone}`,
});

const demandeRecue = message({
  data: z.object({ numero: z.string(), title: z.string(), processingDays: z.number().int() }),
  subject: (d) => `Demande ${d.numero} reçue`,
  paragraphs: (d, t) => [
    `${t.officialName} a bien reçu votre demande « ${d.title} », enregistrée sous le numéro ${d.numero}.`,
    `Elle sera traitée en ${d.processingDays} jours environ. Vous serez prévenu à chaque étape ; rappelez ce numéro si vous contactez la mairie.`,
  ],
  link: (_d, t) => ({ label: "Suivre mes demandes", url: tenantUrl(t, "/demandes") }),
  sms: (d, t) => `${t.name} - Compte Citoyen : demande ${d.numero} (${d.title.slice(0, 40)}) bien reçue. Suivi sur votre compte.`,
});

// A démarche sent without an account: this email is the only place the tracking code is written
// (only its hash is kept), so it says so.
const demandeSansCompteRecue = message({
  data: z.object({
    numero: z.string(), title: z.string(), processingDays: z.number().int(),
    trackingCode: z.string().regex(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/), followUrl: z.string().url(),
  }),
  subject: (d) => `Demande ${d.numero} reçue`,
  paragraphs: (d, t) => [
    `${t.officialName} a bien reçu votre demande « ${d.title} », enregistrée sous le numéro ${d.numero}. Elle sera traitée en ${d.processingDays} jours environ.`,
    `Votre code de suivi : ${d.trackingCode}\nAvec ce numéro et ce code, vous suivez l'avancement de votre demande sur le site de la commune, sans compte : le lien ci-dessous ouvre directement ce suivi.`,
    `Conservez ce message : pour votre sécurité, la mairie ne garde pas le code et ne peut pas vous le renvoyer. Rappelez le numéro de la demande si vous la contactez.`,
  ],
  link: (d) => ({ label: "Suivre ma demande", url: d.followUrl }),
});

// Dates of the commune's day (Paris), as a citizen writes them: « 3 mars 2027 ».
const longDate = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });

const brouillonBientotSupprime = message({
  data: z.object({ title: z.string().min(1), removalDate: z.date() }),
  subject: (d) => `Votre brouillon « ${d.title} » sera bientôt supprimé`,
  paragraphs: (d, t) => [
    `Vous avez commencé la démarche « ${d.title} » sur le Compte Citoyen de ${t.name} sans l'envoyer, et ce brouillon n'a pas été modifié depuis longtemps. Il sera supprimé le ${longDate.format(d.removalDate)} si vous ne le complétez pas ou ne le modifiez pas d'ici là.`,
    "Pour le reprendre, ouvrez-le depuis votre page « Accueil ». Si vous n'en avez plus besoin, vous n'avez rien à faire.",
  ],
  link: (_d, t) => ({ label: "Ouvrir mon accueil", url: tenantUrl(t, "/accueil") }),
  sms: (d, t) => `${t.name} - Compte Citoyen : votre brouillon « ${d.title.slice(0, 40)} » sera supprimé le ${longDate.format(d.removalDate)} s'il n'est pas modifié d'ici là.`,
});

// ─── Card payments (lib/billing/payments) ─────────────────────────────────────────────────────

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

const paiementRecu = message({
  data: z.object({
    regie: z.string().min(1),
    amountCents: z.number().int(),
    paidAt: z.date(),
    invoices: z.array(z.object({ number: z.string(), label: z.string(), amountCents: z.number().int() })).min(1),
  }),
  subject: (d) => `Paiement reçu : ${euros.format(d.amountCents / 100)}`,
  paragraphs: (d, t) => [
    `Votre paiement par carte de ${euros.format(d.amountCents / 100)} à la ${d.regie} ${ofName(t.name)} a bien été reçu le ${longDate.format(d.paidAt)}.`,
    `Factures réglées : ${d.invoices.map((i) => `n° ${i.number} (${i.label}, ${euros.format(i.amountCents / 100)})`).join(" ; ")}.`,
    "Le reçu de chaque facture se télécharge depuis « Mes comptes », rubrique « Consulter votre relevé ».",
  ],
  link: (_d, t) => ({ label: "Ouvrir Mes comptes", url: tenantUrl(t, "/mes-comptes") }),
  sms: (d, t) => `${t.name} - Compte Citoyen : paiement de ${euros.format(d.amountCents / 100)} reçu. Reçus dans Mes comptes. Ne répondez pas.`,
});

// ─── The life of a sent request (lib/requests/transitions) ───────────────────────────────────
// A request made with an account links to its page; one made without links to /suivi, where the
// number and the tracking code of the first email open it (the code is not kept, so not repeated).

/** An SMS of at most 160 characters when the fixed parts allow it: the free text is cut to fit. */
function fitSms(head: string, body: string, end = ""): string {
  // Every SMS says it goes unread, like the emails' footer: the free text is cut first.
  const tail = `${end} Ne répondez pas.`;
  const whole = `${head}${body}${tail}`;
  if (whole.length <= 160) return whole;
  const room = Math.max(20, 160 - head.length - tail.length - 1);
  return `${head}${body.slice(0, room).trimEnd()}…${tail}`;
}

const aboutRequest = z.object({ numero: z.string().min(1), title: z.string().min(1), anonymous: z.boolean() });
type AboutRequest = z.infer<typeof aboutRequest>;
const freeText = (max: number) => z.string().trim().min(1).max(max);

const requestLink = (d: AboutRequest, t: Sender): Link =>
  d.anonymous
    ? { label: "Suivre ma demande", url: tenantUrl(t, "/suivi") }
    : { label: "Voir ma demande", url: tenantUrl(t, `/demandes/${encodeURIComponent(d.numero)}`) };
const followHint = (d: AboutRequest) =>
  d.anonymous
    ? ["Pour suivre son avancement, munissez-vous du numéro de la demande et du code de suivi reçu lors de son envoi."]
    : [];
const named = (d: AboutRequest) => `votre demande « ${d.title} » (n° ${d.numero})`;
const onAccount = (d: AboutRequest) => (d.anonymous ? "" : " Détail sur votre Compte Citoyen.");

const demandeEnCours = message({
  data: aboutRequest.extend({ message: freeText(2000).optional() }),
  subject: (d) => `Demande ${d.numero} : en cours d'instruction`,
  paragraphs: (d, t) => [
    `Les agents de ${mairie(t)} instruisent maintenant ${named(d)}.`,
    ...(d.message ? [`Message de la mairie :\n${d.message}`] : []),
    "Vous serez prévenu de la suite.",
    ...followHint(d),
  ],
  link: requestLink,
  sms: (d, t) => d.message
    ? fitSms(`${t.name} : demande ${d.numero} en cours d'instruction. `, d.message, onAccount(d))
    : `${t.name} : votre demande ${d.numero} est en cours d'instruction.${onAccount(d)} Ne répondez pas.`,
});

const demandeIncomplete = message({
  data: aboutRequest.extend({ message: freeText(2000) }),
  subject: (d) => `Demande ${d.numero} : il manque un élément`,
  paragraphs: (d, t) => [
    `Pour poursuivre l'instruction de ${named(d)}, ${mairie(t)} a besoin de votre part de ceci :`,
    d.message,
    d.anonymous
      ? `Apportez ou envoyez ce complément à la mairie en rappelant le numéro ${d.numero}. Sans réponse, la demande pourra être classée sans suite.`
      : "Répondez depuis la page de la demande, avec le bouton « Compléter ma demande » : vous pourrez y joindre les pièces attendues et un message pour la mairie. Sans réponse, la demande pourra être classée sans suite.",
  ],
  link: requestLink,
  sms: (d, t) => fitSms(`${t.name} : demande ${d.numero} à compléter. Attendu : `, d.message, d.anonymous ? "" : ". Répondez sur votre Compte Citoyen."),
});

const demandeComplete = message({
  data: aboutRequest.extend({ message: freeText(2000).optional() }),
  subject: (d) => `Demande ${d.numero} : dossier complet`,
  paragraphs: (d, t) => [
    `Le dossier de ${named(d)} est complet : ${mairie(t)} a tout ce qu'il lui faut pour décider. Vous serez prévenu de sa décision.`,
    ...(d.message ? [`Message de la mairie :\n${d.message}`] : []),
    ...followHint(d),
  ],
  link: requestLink,
  sms: (d, t) => d.message
    ? fitSms(`${t.name} : dossier de la demande ${d.numero} complet. `, d.message, onAccount(d))
    : `${t.name} : le dossier de votre demande ${d.numero} est complet, la décision suivra.${onAccount(d)}`,
});

const demandeAcceptee = message({
  data: aboutRequest.extend({ message: freeText(2000).optional() }),
  subject: (d) => `Demande ${d.numero} acceptée`,
  paragraphs: (d, t) => [
    `${t.officialName} a accepté ${named(d)}.`,
    ...(d.message ? [`Message de la mairie :\n${d.message}`] : []),
  ],
  link: requestLink,
  sms: (d, t) => d.message
    ? fitSms(`${t.name} : demande ${d.numero} acceptée. `, d.message, onAccount(d))
    : `${t.name} : votre demande ${d.numero} est acceptée.${onAccount(d)} Ne répondez pas.`,
});

const demandeRefusee = message({
  data: aboutRequest.extend({ motif: freeText(1000) }),
  subject: (d) => `Demande ${d.numero} refusée`,
  paragraphs: (d, t) => [
    `${t.officialName} ne peut pas donner une suite favorable à ${named(d)}, pour le motif suivant :\n${d.motif}`,
    `Pour toute question, appelez la mairie au ${t.contactPhone} en rappelant ce numéro de demande.`,
  ],
  link: requestLink,
  sms: (d, t) => fitSms(`${t.name} : demande ${d.numero} refusée. Motif : `, d.motif, `. Mairie : ${t.contactPhone}`),
});

const demandeClassee = message({
  data: aboutRequest.extend({ motif: freeText(1000) }),
  subject: (d) => `Demande ${d.numero} classée sans suite`,
  paragraphs: (d, t) => [
    `${t.officialName} a classé sans suite ${named(d)}, pour le motif suivant :\n${d.motif}`,
    `Pour toute question, appelez la mairie au ${t.contactPhone} en rappelant ce numéro de demande.`,
  ],
  link: requestLink,
  sms: (d, t) => fitSms(`${t.name} : demande ${d.numero} classée sans suite. Motif : `, d.motif, `. Mairie : ${t.contactPhone}`),
});

const demandeRouverte = message({
  data: aboutRequest.extend({ motif: freeText(1000) }),
  subject: (d) => `Demande ${d.numero} rouverte`,
  paragraphs: (d, t) => [
    `${t.officialName} a rouvert ${named(d)}, dont l'instruction reprend. Motif :\n${d.motif}`,
    "Vous serez prévenu de la suite.",
    ...followHint(d),
  ],
  link: requestLink,
  sms: (d, t) => fitSms(`${t.name} : demande ${d.numero} rouverte. Motif : `, d.motif, onAccount(d)),
});

// A free message from an agent that changes nothing to the request (« présentez-vous au guichet avec… »).
const informationMairie = message({
  data: aboutRequest.extend({ message: freeText(2000) }),
  subject: (d, t) => `Message de ${mairie(t)} sur votre demande ${d.numero}`,
  paragraphs: (d, t) => [`${t.officialName} vous écrit au sujet de ${named(d)} :`, d.message],
  link: requestLink,
  sms: (d, t) => fitSms(`${t.name} (demande ${d.numero}) : `, d.message),
});

// A reminder planned by an agent, sent by the worker on the day (« sortez vos encombrants la veille »).
const rappel = message({
  data: aboutRequest.extend({ message: freeText(500) }),
  subject: (d) => `Rappel : ${d.title}`,
  paragraphs: (d, t) => [`Rappel de ${mairie(t)} au sujet de ${named(d)} :`, d.message],
  link: requestLink,
  sms: (d, t) => fitSms(`${t.name} - Rappel : `, d.message, ` (demande ${d.numero})`),
});

// « Compléter ma demande »: the acknowledgement to the citizen…
const complementEnvoye = message({
  data: aboutRequest,
  subject: (d) => `Demande ${d.numero} : complément bien reçu`,
  paragraphs: (d, t) => [
    `Votre complément pour ${named(d)} est bien parvenu à ${mairie(t)}. L'instruction de la demande reprend ; vous serez prévenu de la suite.`,
  ],
  link: requestLink,
  sms: (d, t) => `${t.name} : complément de la demande ${d.numero} bien reçu, l'instruction reprend. Ne répondez pas.`,
});

// …and the notice to the town hall, at its contact address (until agents have their own inbox).
const complementRecu = message({
  data: z.object({
    numero: z.string().min(1), title: z.string().min(1), requester: z.string().min(1),
    message: freeText(2000), pieces: z.array(z.string()).max(50),
  }),
  subject: (d) => `Complément reçu : demande ${d.numero}`,
  paragraphs: (d) => [
    `${d.requester} a complété la demande « ${d.title} » (n° ${d.numero}), qui revient en instruction.`,
    `Son message :\n${d.message}`,
    ...(d.pieces.length ? [`Pièces ajoutées ou remplacées : ${d.pieces.join(", ")}.`] : []),
  ],
  link: (d, t) => ({ label: "Ouvrir la demande", url: tenantUrl(t, `/admin/demandes/${encodeURIComponent(d.numero)}`) }),
});

const resumeAgent = message({
  data: z.object({
    period: z.enum(["JOUR", "SEMAINE"]),
    nouvelles: z.array(z.object({ numero: z.string(), title: z.string() })).max(500),
    completees: z.array(z.object({ numero: z.string(), title: z.string() })).max(500),
  }),
  subject: (d) => `${d.period === "JOUR" ? "Résumé du jour" : "Résumé de la semaine"} : ${d.nouvelles.length} nouvelle${d.nouvelles.length > 1 ? "s" : ""} demande${d.nouvelles.length > 1 ? "s" : ""}, ${d.completees.length} complétée${d.completees.length > 1 ? "s" : ""}`,
  paragraphs: (d) => [
    `Voici ce qui est arrivé dans vos services ${d.period === "JOUR" ? "depuis le dernier résumé, hier" : "depuis le dernier résumé, la semaine passée"}.`,
    d.nouvelles.length ? `Nouvelles demandes :\n${d.nouvelles.map((r) => `- ${r.numero}, ${r.title}`).join("\n")}` : "Aucune nouvelle demande.",
    d.completees.length ? `Demandes complétées par les demandeurs :\n${d.completees.map((r) => `- ${r.numero}, ${r.title}`).join("\n")}` : "Aucune demande complétée.",
    "Vous recevez ce résumé selon la fréquence choisie dans « Mon profil » de l'espace agents.",
  ],
  link: (_d, t) => ({ label: "Ouvrir la file des demandes", url: tenantUrl(t, "/admin/demandes?statut=ouvertes") }),
});

const invitationAgent = message({
  data: z.object({ firstNames: z.string(), url: z.string().url(), reset: z.boolean() }),
  subject: (d, t) => (d.reset ? `Espace agents de ${t.name} : choisissez un nouveau mot de passe` : `Votre accès à l'espace agents de ${t.name}`),
  paragraphs: (d, t) => [
    `${d.firstNames}, ${d.reset ? "votre accès à l'espace agents a été réinitialisé par un administrateur." : `un administrateur de la ${inSentence(t.officialName)} vous a ouvert un accès à l'espace agents du Compte Citoyen.`}`,
    "Choisissez votre mot de passe avec le lien ci-dessous, valable 48 heures et une seule fois. À la connexion suivante, vous associerez une application d'authentification (code à 6 chiffres) à votre accès.",
    "Si vous ne vous attendiez pas à ce message, ignorez-le et prévenez la mairie.",
  ],
  link: (d) => ({ label: "Choisir mon mot de passe", url: d.url }),
});

const demandeRetiree = message({
  data: aboutRequest,
  subject: (d) => `Demande ${d.numero} retirée`,
  paragraphs: (d, t) => [
    `Vous avez retiré ${named(d)} : elle est classée sans suite et ${mairie(t)} ne la traitera pas.`,
    `S'il s'agit d'une erreur, faites une nouvelle demande ou appelez la mairie au ${t.contactPhone}.`,
  ],
  link: requestLink,
  sms: (d, t) => `${t.name} : vous avez retiré votre demande ${d.numero}, elle ne sera pas traitée. Erreur ? Mairie : ${t.contactPhone}`,
});

// ─── Deletion of the account (lib/accounts/deletion) ─────────────────────────────────────────

const compteSupprime = message({
  data: z.object({ kept: z.number().int().min(0), invoices: z.number().int().min(0) }),
  subject: () => "Votre Compte Citoyen est supprimé",
  paragraphs: (d, t) => [
    `Comme vous l'avez demandé, ${mairie(t)} a supprimé votre Compte Citoyen : votre identifiant et votre mot de passe ne fonctionnent plus, et vos coordonnées, votre foyer, vos brouillons et vos messages sont effacés.`,
    ...(d.kept ? [`${d.kept === 1 ? "Une demande est conservée" : `${d.kept} demandes sont conservées`} pendant la durée que la loi impose à la mairie, sans lien avec un compte ; elle${d.kept === 1 ? " sera anonymisée" : "s seront anonymisées"} ensuite.`] : []),
    ...(d.invoices ? ["Vos factures et vos paiements sont conservés, comme la comptabilité publique l'exige."] : []),
    `Pour toute question, contactez ${mairie(t)} au ${t.contactPhone}. Ce message est le dernier que vous recevrez de ce compte.`,
  ],
  sms: (_d, t) => `${t.name} - Compte Citoyen : votre compte est supprimé, comme vous l'avez demandé. Mairie : ${t.contactPhone}`,
});

const suppressionRefusee = message({
  data: z.object({ motif: z.string().min(1).max(1000) }),
  subject: () => "Votre demande de suppression de compte",
  paragraphs: (d, t) => [
    `${t.officialName} ne peut pas supprimer votre Compte Citoyen pour l'instant, pour la raison suivante :\n${d.motif}`,
    `Votre compte reste ouvert. Vous pourrez renouveler votre demande depuis « Compte », puis « Mes données », ou contacter ${mairie(t)} au ${t.contactPhone}.`,
  ],
  link: (_d, t) => ({ label: "Mes données", url: tenantUrl(t, "/compte/donnees") }),
  sms: (d, t) => `${t.name} - Compte Citoyen : suppression de compte refusée pour l'instant. ${d.motif.slice(0, 70)}. Mairie : ${t.contactPhone}`,
});

export const templates = {
  essai, demandeRecue, brouillonBientotSupprime, compteCree, confirmationEmail, codeSms, reinitialisation, codeMairie, motDePasseModifie, compteModifie, compteValide, compteRefuse,
  demandeSansCompteRecue,
  demandeEnCours, demandeIncomplete, demandeComplete, demandeAcceptee, demandeRefusee, demandeClassee, demandeRouverte,
  informationMairie, rappel, complementEnvoye, complementRecu, demandeRetiree, resumeAgent, invitationAgent,
  paiementRecu,
  compteSupprime, suppressionRefusee,
} as const;
export type TemplateName = keyof typeof templates;
export type TemplateData<N extends TemplateName> = (typeof templates)[N] extends Template<infer D> ? D : never;
