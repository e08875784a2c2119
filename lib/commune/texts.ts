// The texts a commune starts with: welcome text, legal texts and FAQ, written for any commune from
// its name and, when they are known, its contact details. Used by the demo data (prisma/) and by
// `npm run commune:create` (lib/commune/create.ts); the commune's admins then edit them in
// « Paramètres ». The FAQ describes what Compte Citoyen does: keep it true as features land.
// Texts use the small format of lib/text.ts. Pure: no database.
import { ofName } from "@/lib/text";

export type CommuneIdentity = {
  name: string;
  officialName: string;
  /** Empty when not known yet: the texts then send readers to the footer, where the admins put them. */
  contactEmail: string;
  contactPhone: string;
  contactAddress: string;
  /** The data protection officer's address; the town hall's own address when not given. */
  dpoEmail?: string;
};

export type FaqEntry = { section: string; question: string; answer: string };

export type FaqOptions = {
  /** The entry on drafts (« Enregistrer le brouillon »). */
  drafts?: boolean;
  /** The invoices and card payment section: for a commune that bills through the portal. */
  payments?: boolean;
  /** The entry on civil status certificates asked for without an account. */
  anonymousCertificates?: boolean;
};

/** "la mairie de Sète", "la mairie d'Illkirch-Graffenstaden" */
const mairie = (c: CommuneIdentity) => `la mairie ${ofName(c.name)}`;

const FOOTER = "ses coordonnées figurent en bas de chaque page du site";

/** « au 04 67 00 10 20 », or nothing when the number is not known yet. */
const byPhone = (c: CommuneIdentity) => (c.contactPhone ? ` au ${c.contactPhone}` : "");

/** The address on one line. */
const oneLine = (address: string) => address.replace("\n", ", ");

/** The default welcome text of the home page. */
export function welcomeText(c: Pick<CommuneIdentity, "name">): string {
  return `Bienvenue sur le Compte Citoyen ${ofName(c.name)} : déposez vos demandes auprès de la mairie à toute heure, et suivez chacune jusqu'à sa réponse.`;
}

export function faqEntries(c: CommuneIdentity, options: FaqOptions = {}): FaqEntry[] {
  const account = "Gestion de mon compte";
  const security = "Sécurité";
  const procedures = "Démarches en ligne";
  const follow = `Suivi de mes demandes et échanges avec ${mairie(c)}`;
  const payment = "Le paiement par carte bancaire";
  const entries: FaqEntry[] = [
    {
      section: account,
      question: "Qu'est-ce que le Compte Citoyen ?",
      answer: options.payments
        ? `C'est votre espace personnel et sécurisé sur le site de ${mairie(c)}. Vous y déposez vos demandes en ligne, à toute heure, et vous suivez chacune jusqu'à la réponse de la mairie.\n\nVous y retrouvez aussi l'historique de vos démarches et les factures de la commune, que vous pouvez régler par carte bancaire.`
        : `C'est votre espace personnel et sécurisé sur le site de ${mairie(c)}. Vous y déposez vos demandes en ligne, à toute heure, et vous suivez chacune jusqu'à la réponse de la mairie.\n\nVous y retrouvez aussi l'historique de toutes vos démarches.`,
    },
    {
      section: account,
      question: "Pourquoi créer un compte ?",
      answer: `Vous ne saisissez vos coordonnées et la composition de votre foyer qu'une seule fois : chaque nouvelle démarche les reprend, que la demande vous concerne ou concerne un membre de votre foyer.\n\nUn seul identifiant et un seul mot de passe suffisent pour toutes vos démarches auprès de ${mairie(c)}.`,
    },
    {
      section: account,
      question: "Comment créer mon compte, et quel sera mon identifiant ?",
      answer: `Sur la page d'accueil, choisissez « Je souhaite créer mon compte », puis laissez-vous guider : vos coordonnées, votre foyer, puis un mot de passe.\n\nVotre identifiant est créé pour vous à partir de votre prénom et de votre nom, sous la forme prénom.nom (par exemple marie.durand). Il s'affiche à la fin de l'inscription et vous est aussi envoyé par courriel : notez-le.\n\nUn agent de la mairie vérifie ensuite votre compte ; vous êtes prévenu dès qu'il est validé.`,
    },
    {
      section: account,
      question: "Comment modifier mon compte ?",
      answer: `Une fois connecté, ouvrez « Compte ». Vous y trouverez « Modifier mon compte » pour vos coordonnées et votre foyer, « Modifier mon mot de passe » et « Modifier ma question/réponse ». Enregistrez avec « Sauver ».\n\nTant que votre compte attend sa validation par la mairie, vos coordonnées et votre foyer ne peuvent pas être modifiés : contactez ${mairie(c)} si une information est erronée. Votre mot de passe et votre question de sécurité, eux, restent modifiables.`,
    },
    {
      section: account,
      question: "Comment me connecter et déposer une demande ?",
      answer: `L'encadré de connexion se trouve sur la page d'accueil : indiquez-y votre « Identifiant » et votre « Mot de passe », puis choisissez « Connexion ».\n\nOuvrez ensuite « Services » : les démarches y sont classées par thème. Choisissez la vôtre, remplissez le formulaire étape par étape, vérifiez vos réponses, puis choisissez « Envoyer ».`,
    },
    {
      section: security,
      question: "Pourquoi une case « Je ne suis pas un robot » à l'inscription ?",
      answer: "Elle empêche les programmes automatiques de créer de faux comptes en masse. Cochez-la : votre appareil fait un petit calcul pendant une ou deux secondes, sans image à déchiffrer ni texte à recopier.",
    },
    {
      section: security,
      question: "J'ai oublié mon mot de passe : que faire ?",
      answer: "Sur la page de connexion, choisissez « Mot de passe oublié ? » et indiquez votre identifiant ou votre adresse électronique. Vous recevez par courriel un lien, valable 30 minutes et utilisable une seule fois : il vous pose votre question de sécurité, puis vous choisissez un nouveau mot de passe. Vos connexions en cours sur d'autres appareils sont alors fermées.\n\nLe lien part vers l'adresse électronique que vous avez confirmée. Si vous n'y avez plus accès, la mairie peut vous aider : contactez-la.\n\nPour votre sécurité, la mairie ne connaît pas votre mot de passe et ne vous le demandera jamais.",
    },
    {
      section: security,
      question: "Mes données sont-elles protégées ?",
      answer: `Oui. Les échanges avec le site sont chiffrés, votre mot de passe est conservé sous une forme qui ne permet pas de le relire, et seuls les agents habilités de ${mairie(c)} consultent vos demandes. Les données sont hébergées dans l'Union européenne.\n\nVous pouvez consulter, corriger ou faire supprimer vos données : la page « Données personnelles » explique comment.`,
    },
    {
      section: security,
      question: "Mes données sont-elles communiquées à d'autres organismes ?",
      answer: `Non. Vos informations servent uniquement à traiter vos demandes auprès de ${mairie(c)}. Elles ne sont ni vendues ni cédées, et ne sont transmises à un autre service public que lorsque la loi l'impose ou que votre démarche le nécessite, ce qui vous est alors indiqué.`,
    },
    {
      section: procedures,
      question: "Où trouver les démarches en ligne ?",
      answer: "Dans « Services », accessible depuis le menu une fois connecté. Les démarches sont regroupées par thème (état civil, enfance, vie quotidienne…) ; chacune indique les pièces à fournir et le délai de traitement habituel.",
    },
  ];
  if (options.drafts) {
    entries.push({
      section: procedures,
      question: "À quoi sert un brouillon ?",
      answer: "Un formulaire peut être long, ou vous pouvez avoir besoin d'aller chercher un document. Choisissez « Enregistrer le brouillon » : vos réponses sont gardées, même si vous fermez la page.\n\nVous retrouvez vos brouillons dans « Mes demandes » ; « Reprendre » vous ramène là où vous en étiez. Un brouillon n'est pas transmis à la mairie tant que vous n'avez pas choisi « Envoyer ».",
    });
  }
  entries.push(
    {
      section: procedures,
      question: "Je n'ai mes justificatifs qu'en papier : puis-je faire ma demande ?",
      answer: `Oui. Pour chaque pièce demandée, vous pouvez soit joindre un fichier (photo ou PDF), soit indiquer que vous la fournirez sur papier. Votre demande part tout de suite ; déposez ou envoyez ensuite le document à ${mairie(c)}, qui le signale dans votre dossier à sa réception.`,
    },
    {
      section: procedures,
      question: "Puis-je faire des démarches avant que mon compte soit validé ?",
      answer: "Oui, vous pouvez déposer et suivre vos demandes dès la création de votre compte. En attendant la validation, seules la modification de votre profil et la consultation des factures ne sont pas encore possibles.",
    },
  );
  if (options.anonymousCertificates) {
    entries.push({
      section: procedures,
      question: "Pourquoi certaines démarches demandent-elles un compte et d'autres non ?",
      answer: "Les demandes d'actes d'état civil (naissance, mariage, décès) se font sans compte : à l'envoi, vous recevez un code de suivi qui permet de suivre la demande depuis la page « Suivre une demande ».\n\nLes autres démarches concernent votre foyer ou un suivi dans la durée : le compte évite de ressaisir vos informations et garde l'historique de vos échanges avec la mairie.",
    });
  }
  entries.push(
    {
      section: follow,
      question: "Dois-je répondre aux courriels et SMS que je reçois ?",
      answer: `Non : ces messages sont envoyés automatiquement pour vous tenir informé (accusé de réception, demande de complément, décision). Pour répondre à une demande de complément, connectez-vous, ouvrez la demande dans « Mes demandes » et choisissez « Compléter ma demande ».\n\nVous choisissez dans votre compte de recevoir ces messages par courriel ou par SMS. Pour toute autre question, contactez ${mairie(c)}${c.contactPhone ? byPhone(c) : ` : ${FOOTER}`}.`,
    },
    {
      section: follow,
      question: "Comment savoir où en est ma demande ?",
      answer: "Ouvrez « Mes demandes » : chaque demande affiche son numéro et quatre étapes, 1 reçue, 2 en cours, 3 complète, 4 traitée, avec la date de chaque changement et les messages de la mairie.\n\nTant que la mairie n'a pas rendu sa décision, vous pouvez aussi « Retirer ma demande ».",
    },
  );
  if (options.payments) {
    entries.push(
      {
        section: payment,
        question: "Où consulter mes factures ?",
        answer: `Dans « Mes comptes » : « Factures à payer » liste ce qui reste à régler, et « Consulter votre relevé » montre l'historique des factures de ${mairie(c)} et de ses paiements, avec le service concerné (cantine, périscolaire, petite enfance…).`,
      },
      {
        section: payment,
        question: "Pourquoi ne vois-je aucune facture ?",
        answer: "Les factures n'apparaissent qu'une fois votre compte validé par la mairie, et seulement pour les services auxquels votre foyer est inscrit. Si vous pensez qu'il en manque une, contactez le service qui vous l'a adressée.",
      },
      {
        section: payment,
        question: "Le message « Impossible d'ajouter cet article, vous devez d'abord payer ceux en attente dans votre panier » s'affiche : que faire ?",
        answer: "Un panier ne peut contenir que des factures d'une même caisse (par exemple la Ville, ou le CCAS), car chacune encaisse séparément. Réglez d'abord le panier en cours avec « Accéder à votre panier » puis « Payer », ou videz-le ; vous pourrez ensuite ajouter la facture de l'autre caisse.\n\nLe paiement se fait sur une page sécurisée de notre prestataire bancaire : le site de la commune ne voit ni ne conserve jamais votre numéro de carte.",
      },
    );
  }
  return entries;
}

export function legalNotice(c: CommuneIdentity): string {
  const reach = [c.contactPhone && `Téléphone : ${c.contactPhone}`, c.contactEmail && `courriel : ${c.contactEmail}`].filter(Boolean).join(" — ");
  const publisher = [c.officialName, c.contactAddress && oneLine(c.contactAddress), reach || `Les coordonnées de la mairie figurent en bas de chaque page du site.`].filter(Boolean).join("\n");
  return `## Éditeur du site

${publisher}

## Directeur de la publication

Le maire de ${c.name}.

## Hébergement

Le site est hébergé dans l'Union européenne par le prestataire désigné par la commune.

## Propriété intellectuelle

Les textes, logos et illustrations de ce site appartiennent à ${mairie(c)} ou sont utilisés avec l'accord de leurs auteurs. Leur reproduction sans autorisation est interdite, sauf pour un usage strictement personnel.

## Liens

Les liens vers d'autres sites sont proposés pour votre information ; ${mairie(c)} n'est pas responsable de leur contenu.`;
}

export function privacyPolicy(c: CommuneIdentity): string {
  const dpo = c.dpoEmail || c.contactEmail;
  return `## Responsable du traitement

${c.officialName}${c.contactAddress ? `, ${oneLine(c.contactAddress)}` : ""}.

## Pourquoi nous traitons vos données

- créer et gérer votre compte et votre foyer ;
- instruire les demandes que vous déposez et vous informer de leur avancement ;
- mettre à votre disposition vos factures et encaisser vos paiements ;
- assurer la sécurité du service (journal des connexions et des actions des agents).

Ces traitements relèvent de la mission de service public de la commune et, pour certaines démarches, d'une obligation légale.

## Qui y a accès

Seuls les agents habilités de ${mairie(c)}, chacun pour les démarches dont il a la charge, et nos prestataires techniques (hébergement, envoi des messages, paiement), tenus à la confidentialité. Vos données ne sont jamais vendues.

## Combien de temps

Votre compte est conservé tant que vous l'utilisez ; vous pouvez en demander la suppression à tout moment. Les demandes sont conservées pendant la durée fixée par les règles d'archivage des collectivités pour chaque type de démarche.

## Vos droits

Vous pouvez accéder à vos données, les faire corriger ou effacer, vous opposer à un traitement ou en demander la limitation. ${dpo ? `Écrivez au délégué à la protection des données : ${dpo}, ou par courrier à la mairie.` : `Écrivez au délégué à la protection des données, par courriel ou par courrier à la mairie : ${FOOTER}.`}

Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).

## Cookies

Le site n'utilise que les cookies nécessaires à votre connexion et à la sécurité : aucun cookie publicitaire ni de mesure d'audience.`;
}

/**
 * The commune's own words at the head of its accessibility statement. The rest of the statement
 * (état de conformité, tests, contact, voies de recours) is generated from the results of the
 * automated checks: see components/accessibility-statement.tsx.
 */
export function accessibilityText(c: CommuneIdentity): string {
  return `${c.officialName.replace(/^Mairie/, "La mairie")} s'engage à rendre ses services en ligne accessibles à tous, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.

Un défaut d'accessibilité ne doit jamais vous empêcher de faire une démarche : la mairie peut aussi la recevoir au guichet, par courrier ou par téléphone.`;
}

export function termsOfUse(c: CommuneIdentity): string {
  const Mairie = `La mairie ${ofName(c.name)}`;
  return `## Objet

Ces conditions fixent les règles d'utilisation du Compte Citoyen ${ofName(c.name)}, le service en ligne par lequel ${mairie(c)} vous permet de déposer des demandes, de les suivre et de régler ses factures. Créer un compte vaut acceptation de ces conditions.

## Votre compte

- Le compte est personnel : il est ouvert au nom d'une personne majeure, qui peut y déclarer les membres de son foyer.
- Vous vous engagez à donner des informations exactes et à les tenir à jour. ${Mairie} vérifie chaque nouveau compte avant de le valider et peut refuser un compte dont les informations sont inexactes.
- Votre identifiant vous est attribué à la création du compte. Votre mot de passe est secret : ne le communiquez à personne, pas même à un agent de la mairie, qui ne vous le demandera jamais.
- Si vous pensez qu'une autre personne utilise votre compte, changez votre mot de passe et prévenez ${mairie(c)}${byPhone(c)}.

## Les démarches

Une demande envoyée en ligne a la même valeur qu'une demande faite au guichet. La mairie vous informe de son avancement par le moyen de contact que vous avez choisi. Les délais indiqués pour chaque démarche sont habituels et non garantis.

## Disponibilité du service

Le service est accessible à toute heure, sauf pendant les opérations de maintenance ou en cas d'incident. Les démarches restent toujours possibles à l'accueil de la mairie.

## Vos données

Vos informations servent uniquement à traiter vos demandes et à gérer votre compte. La page « Données personnelles » détaille leur utilisation, leur durée de conservation et vos droits.

## Fermeture du compte

Vous pouvez demander la fermeture de votre compte à tout moment en écrivant à ${c.contactEmail || "la mairie"}. ${Mairie} peut suspendre un compte utilisé de façon frauduleuse ou contraire à ces conditions, après vous en avoir informé.

## Évolution des conditions

Ces conditions peuvent évoluer avec le service ; la version en vigueur est toujours celle que présente la page de création de compte.`;
}

/** The commune's four texts at once. */
export function legalTexts(c: CommuneIdentity) {
  return { legalNotice: legalNotice(c), privacyPolicy: privacyPolicy(c), accessibilityText: accessibilityText(c), termsOfUse: termsOfUse(c) };
}
