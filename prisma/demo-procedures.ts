// The démarches of the demo communes, in our own words. Every commune gets the common set; some
// differ a little, as real ones do. Forms follow lib/procedures/definition.ts.
import { defaultThemes } from "@/lib/commune/themes";
import type { DemoCommune } from "./demo-communes";

type Definition = { steps: { id: string; title: string; help?: string; fields: Record<string, unknown>[] }[] };
export type DemoProcedure = {
  theme: string;
  slug: string;
  title: string;
  summary: string;
  preparation: string;
  processingDays: number;
  requiresAccount: boolean;
  captcha?: boolean;
  concernsMember?: boolean;
  definition: Definition;
};

/** The themes every commune starts with (lib/commune/themes.ts). */
export const demoThemes = defaultThemes.map(({ slug, title }) => ({ slug, title }));

const acte = (kind: "naissance" | "mariage" | "deces", title: string, eventLabel: string): DemoProcedure => ({
  theme: "etat-civil",
  slug: `acte-de-${kind === "deces" ? "deces" : kind}`,
  title,
  summary: `Recevez par courrier une copie intégrale ou un extrait de l'acte de ${kind === "deces" ? "décès" : kind} enregistré dans la commune.`,
  preparation: `- Les noms et prénoms des personnes inscrites sur l'acte\n- La date de l'événement\n- Votre adresse postale pour l'envoi`,
  processingDays: 5,
  requiresAccount: false,
  captcha: true,
  definition: {
    steps: [
      {
        id: "acte",
        title: "L'acte demandé",
        fields: [
          { type: "choice", name: "format", label: "Document souhaité", required: true, display: "radio", options: [
            { value: "copie", label: "Copie intégrale" }, { value: "extrait_filiation", label: "Extrait avec filiation" }, { value: "extrait", label: "Extrait sans filiation" }] },
          { type: "text", name: "nom", label: "Nom de la personne concernée", required: true },
          { type: "text", name: "prenoms", label: "Prénom(s) de la personne concernée", required: true },
          { type: "date", name: "date_evenement", label: eventLabel, required: true, max: "today" },
          { type: "number", name: "exemplaires", label: "Nombre d'exemplaires", required: true, min: 1, max: 5, integer: true },
        ],
      },
      {
        id: "demandeur",
        title: "Vos coordonnées",
        help: "Sans compte, nous avons besoin de vos coordonnées pour vous répondre et vous envoyer l'acte.",
        fields: [
          { type: "text", name: "demandeur_nom", label: "Votre nom", required: true },
          { type: "text", name: "demandeur_prenom", label: "Votre prénom", required: true },
          { type: "email", name: "demandeur_email", label: "Votre adresse électronique", required: true, help: "Le numéro de votre demande et son code de suivi y seront envoyés." },
          { type: "address", name: "adresse_envoi", label: "Adresse d'envoi de l'acte", required: true },
          { type: "choice", name: "qualite", label: "Vous êtes", required: true, display: "select", options: [
            { value: "personne", label: "La personne concernée" }, { value: "famille", label: "Un parent, un enfant, le conjoint" }, { value: "autre", label: "Autre (notaire, avocat…)" }] },
        ],
      },
    ],
  },
});

const common: DemoProcedure[] = [
  acte("naissance", "Acte de naissance", "Date de naissance"),
  acte("mariage", "Acte de mariage", "Date du mariage"),
  acte("deces", "Acte de décès", "Date du décès"),
  {
    theme: "enfance",
    slug: "inscription-scolaire",
    title: "Inscription scolaire",
    summary: "Inscrivez votre enfant dans une école maternelle ou élémentaire publique de la commune.",
    preparation: "- Un justificatif de domicile de moins de trois mois\n- Le carnet de santé (vaccinations à jour)\n- En cas de séparation, le jugement fixant la résidence de l'enfant",
    processingDays: 15,
    requiresAccount: true,
    concernsMember: true,
    definition: {
      steps: [
        { id: "enfant", title: "L'enfant", fields: [
          { type: "member", name: "enfant", label: "Enfant à inscrire", required: true, among: "children" },
          { type: "date", name: "naissance_enfant", label: "Date de naissance de l'enfant", required: true, prefill: "member.birthDate", help: "Reprise de votre foyer : corrigez-la si elle est inexacte." },
          { type: "choice", name: "niveau", label: "Classe à la rentrée", required: true, display: "select", options: [
            { value: "ps", label: "Petite section" }, { value: "ms", label: "Moyenne section" }, { value: "gs", label: "Grande section" },
            { value: "cp", label: "CP" }, { value: "ce1", label: "CE1" }, { value: "ce2", label: "CE2" }, { value: "cm1", label: "CM1" }, { value: "cm2", label: "CM2" }] },
          { type: "yesno", name: "derogation", label: "Demandez-vous une école hors de votre secteur ?", required: true },
          { type: "textarea", name: "motif_derogation", label: "Pourquoi cette école ?", required: true, showIf: { field: "derogation", op: "equals", value: true } },
        ] },
        { id: "pieces", title: "Pièces justificatives", fields: [
          { type: "file", name: "justificatif_domicile", label: "Justificatif de domicile", required: true, accept: ["pdf", "jpeg", "png"], maxSizeMb: 10 },
          { type: "file", name: "vaccinations", label: "Pages des vaccinations du carnet de santé", required: true, accept: ["pdf", "jpeg", "png"], maxSizeMb: 10 },
        ] },
      ],
    },
  },
  {
    theme: "enfance",
    slug: "periscolaire-cantine",
    title: "Inscription à la cantine et au périscolaire",
    summary: "Restauration scolaire, accueil du matin et du soir, mercredis : choisissez les jours et les services.",
    preparation: "- Votre numéro d'allocataire CAF, pour le tarif\n- Le nom de l'école de l'enfant",
    processingDays: 7,
    requiresAccount: true,
    concernsMember: true,
    definition: {
      steps: [
        { id: "services", title: "Services et jours", fields: [
          { type: "member", name: "enfant", label: "Enfant concerné", required: true, among: "children" },
          { type: "multi", name: "services", label: "Services souhaités", required: true, minSelected: 1, options: [
            { value: "cantine", label: "Restauration scolaire" }, { value: "matin", label: "Accueil du matin" }, { value: "soir", label: "Accueil du soir" }, { value: "mercredi", label: "Mercredis" }] },
          { type: "multi", name: "jours_cantine", label: "Jours de cantine", required: true, showIf: { field: "services", op: "contains", value: "cantine" }, options: [
            { value: "lundi", label: "Lundi" }, { value: "mardi", label: "Mardi" }, { value: "jeudi", label: "Jeudi" }, { value: "vendredi", label: "Vendredi" }] },
          { type: "yesno", name: "allergie", label: "L'enfant a-t-il une allergie alimentaire ?", required: true },
          { type: "info", name: "info_pai", label: "Allergie alimentaire", text: "Un projet d'accueil individualisé (PAI) sera établi avec le médecin scolaire avant le premier repas.", showIf: { field: "allergie", op: "equals", value: true } },
        ] },
        { id: "tarif", title: "Tarif", fields: [
          { type: "text", name: "numero_caf", label: "Numéro d'allocataire CAF (facultatif)", required: false, pattern: "^[0-9]{7}$", patternMessage: "Le numéro d'allocataire compte 7 chiffres." },
        ] },
      ],
    },
  },
  {
    theme: "cadre-de-vie",
    slug: "encombrants",
    title: "Enlèvement des encombrants",
    summary: "Demandez le passage des services techniques pour les objets trop volumineux pour la collecte habituelle.",
    preparation: "- La liste des objets et leur volume approximatif\n- La date souhaitée\n- Un justificatif de domicile de moins de trois mois (en ligne ou sur papier)\n- Une photo des objets si possible",
    processingDays: 10,
    requiresAccount: true,
    definition: {
      steps: [
        { id: "objets", title: "Vos encombrants", fields: [
          { type: "address", name: "adresse", label: "Adresse d'enlèvement", required: true, prefill: "holder.address" },
          { type: "textarea", name: "objets", label: "Objets à enlever", help: "Par exemple : un canapé, deux chaises, un matelas.", required: true },
          { type: "number", name: "volume", label: "Volume approximatif (en m³)", required: true, min: 0.5, max: 5 },
        ] },
        { id: "date", title: "Date souhaitée", fields: [
          { type: "date", name: "date_souhaitee", label: "Date souhaitée", help: "Vous sortirez les objets la veille au soir. La mairie confirme la date.", required: true, min: "today" },
          { type: "phone", name: "telephone", label: "Téléphone pour vous joindre le jour du passage", required: true, prefill: "holder.mobile" },
        ] },
        { id: "pieces", title: "Pièces justificatives", fields: [
          { type: "file", name: "justificatif_domicile", label: "Justificatif de domicile de moins de trois mois", help: "Le service est réservé aux habitants de la commune.", required: true },
          { type: "file", name: "photo", label: "Photo des objets (facultatif)", help: "Elle aide les agents à prévoir le bon véhicule.", required: false, accept: ["jpeg", "png"] },
        ] },
      ],
    },
  },
  {
    theme: "cadre-de-vie",
    slug: "signalement-voirie",
    title: "Signalement sur la voirie",
    summary: "Nid-de-poule, éclairage en panne, dépôt sauvage : signalez-le aux services techniques.",
    preparation: "- L'adresse ou un repère précis\n- Une photo si possible",
    processingDays: 7,
    requiresAccount: true,
    definition: {
      steps: [
        { id: "signalement", title: "Le signalement", fields: [
          { type: "choice", name: "nature", label: "Nature du problème", required: true, display: "radio", options: [
            { value: "chaussee", label: "Chaussée ou trottoir abîmé" }, { value: "eclairage", label: "Éclairage public" }, { value: "depot", label: "Dépôt sauvage" }, { value: "autre", label: "Autre" }] },
          { type: "text", name: "lieu", label: "Lieu", help: "Adresse, ou repère précis (devant l'école, au carrefour…).", required: true },
          { type: "textarea", name: "description", label: "Description", required: true },
          { type: "file", name: "photo", label: "Photo (facultatif)", required: false, accept: ["jpeg", "png"], maxSizeMb: 10 },
        ] },
      ],
    },
  },
  {
    theme: "social",
    slug: "aide-ccas",
    title: "Demande d'aide au CCAS",
    summary: "Le centre communal d'action sociale étudie votre situation pour une aide ponctuelle ou un accompagnement.",
    preparation: "- Vos justificatifs de ressources des trois derniers mois\n- Votre dernier avis d'imposition",
    processingDays: 21,
    requiresAccount: true,
    definition: {
      steps: [
        { id: "situation", title: "Votre situation", fields: [
          { type: "choice", name: "aide", label: "Aide demandée", required: true, display: "radio", options: [
            { value: "alimentaire", label: "Aide alimentaire" }, { value: "energie", label: "Factures d'énergie" }, { value: "logement", label: "Logement" }, { value: "autre", label: "Autre" }] },
          { type: "number", name: "personnes", label: "Nombre de personnes au foyer", required: true, min: 1, max: 15, integer: true },
          { type: "textarea", name: "explication", label: "Expliquez votre situation", required: true },
        ] },
        { id: "pieces", title: "Pièces justificatives", fields: [
          { type: "file", name: "ressources", label: "Justificatifs de ressources", required: true, accept: ["pdf", "jpeg", "png"], maxSizeMb: 10 },
          { type: "file", name: "avis_imposition", label: "Dernier avis d'imposition", required: true, accept: ["pdf", "jpeg", "png"], maxSizeMb: 10 },
        ] },
      ],
    },
  },
];

const creche: DemoProcedure = {
  theme: "enfance",
  slug: "preinscription-creche",
  title: "Préinscription en crèche",
  summary: "Demandez une place en multi-accueil pour votre enfant né ou à naître ; la commission d'attribution vous répond.",
  preparation: "- La date de naissance (ou prévue) de l'enfant\n- Les jours et horaires d'accueil souhaités",
  processingDays: 30,
  requiresAccount: true,
  definition: {
    steps: [
      { id: "enfant", title: "L'enfant", fields: [
        { type: "yesno", name: "ne", label: "L'enfant est-il né ?", required: true },
        { type: "member", name: "enfant", label: "Enfant concerné", required: true, among: "children", showIf: { field: "ne", op: "equals", value: true } },
        { type: "date", name: "naissance_prevue", label: "Date de naissance prévue", required: true, min: "today", showIf: { field: "ne", op: "equals", value: false } },
      ] },
      { id: "accueil", title: "L'accueil souhaité", fields: [
        { type: "date", name: "debut", label: "Début d'accueil souhaité", required: true, min: "today" },
        { type: "multi", name: "jours", label: "Jours d'accueil", required: true, minSelected: 1, options: [
          { value: "lundi", label: "Lundi" }, { value: "mardi", label: "Mardi" }, { value: "mercredi", label: "Mercredi" }, { value: "jeudi", label: "Jeudi" }, { value: "vendredi", label: "Vendredi" }] },
      ] },
    ],
  },
};

const marche: DemoProcedure = {
  theme: "cadre-de-vie",
  slug: "emplacement-marche",
  title: "Emplacement au marché",
  summary: "Commerçants non sédentaires : demandez un emplacement sur les marchés de la ville.",
  preparation: "- Votre extrait Kbis ou carte de commerçant ambulant\n- Votre attestation d'assurance",
  processingDays: 20,
  requiresAccount: true,
  definition: {
    steps: [
      { id: "activite", title: "Votre activité", fields: [
        { type: "text", name: "activite", label: "Produits vendus", required: true },
        { type: "number", name: "metres", label: "Longueur d'étal (en mètres)", required: true, min: 2, max: 12, integer: true },
        { type: "file", name: "kbis", label: "Extrait Kbis ou carte de commerçant ambulant", required: true, accept: ["pdf", "jpeg", "png"], maxSizeMb: 10 },
      ] },
    ],
  },
};

/** The démarches of one demo commune: the common set, a crèche where there is one, Sète's market. */
export function demoProceduresOf(commune: Pick<DemoCommune, "slug">): DemoProcedure[] {
  const extra = { sete: [creche, marche], beaucouze: [creche], illkirch: [creche], "saint-andre": [] as DemoProcedure[] }[commune.slug] ?? [];
  return [...common, ...extra];
}
