import { z } from "zod";
import { EmailLayout, noReply, type Sender } from "@/lib/notifications/templates/layout";
import { tenantUrl } from "@/lib/tenancy/url";
import { inSentence } from "@/lib/text";

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

export const templates = {
  essai, demandeRecue, brouillonBientotSupprime, compteCree, confirmationEmail, codeSms, reinitialisation, motDePasseModifie, compteModifie, compteValide, compteRefuse,
  demandeSansCompteRecue,
} as const;
export type TemplateName = keyof typeof templates;
export type TemplateData<N extends TemplateName> = (typeof templates)[N] extends Template<infer D> ? D : never;
