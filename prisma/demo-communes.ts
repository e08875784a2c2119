// The four demo communes: hosts, branding, texts and FAQ. Their texts and FAQ come from the
// builders every new commune starts with (lib/commune/texts.ts).
import { faqEntries, legalTexts } from "@/lib/commune/texts";

export type DemoCommune = {
  slug: string;
  name: string;
  officialName: string;
  code: string;
  hosts: string[]; // the first one is canonical
  contactEmail: string;
  contactPhone: string;
  contactAddress: string;
  primaryColor: string;
  accentColor: string;
  logoUrl: string;
  welcomeText: string;
  legalNotice: string;
  privacyPolicy: string;
  accessibilityText: string;
  termsOfUse: string;
  faq: { section: string; question: string; answer: string }[];
};

type Identity = Omit<DemoCommune, "legalNotice" | "privacyPolicy" | "accessibilityText" | "termsOfUse" | "faq">;

function commune(c: Identity): DemoCommune {
  const identity = { ...c, dpoEmail: `dpo@${c.slug}.localhost` };
  return {
    ...c,
    ...legalTexts(identity),
    // The communes differ a little, as real ones do: only Sète explains drafts in its FAQ.
    faq: faqEntries(identity, { drafts: c.slug === "sete", payments: true, anonymousCertificates: true }),
  };
}

export const demoCommunes: DemoCommune[] = [
  commune({
    slug: "sete",
    name: "Sète",
    officialName: "Mairie de Sète",
    code: "SET",
    hosts: ["sete.localhost", "www.sete.localhost"],
    contactEmail: "contact@sete.localhost",
    contactPhone: "04 67 00 10 20",
    contactAddress: "20 rue Paul Valéry\n34200 Sète",
    primaryColor: "#0b4f8a",
    accentColor: "#073660",
    logoUrl: "/communes/sete.svg",
    welcomeText: "Entre mer et étang, la mairie de Sète vous accueille aussi en ligne : vos démarches, à toute heure, depuis chez vous.",
  }),
  commune({
    slug: "beaucouze",
    name: "Beaucouzé",
    officialName: "Mairie de Beaucouzé",
    code: "BCZ",
    hosts: ["beaucouze.localhost", "www.beaucouze.localhost"],
    contactEmail: "contact@beaucouze.localhost",
    contactPhone: "02 41 00 10 20",
    contactAddress: "Place Charles de Gaulle\n49070 Beaucouzé",
    primaryColor: "#1f6b3a",
    accentColor: "#134726",
    logoUrl: "/communes/beaucouze.svg",
    welcomeText: "Inscriptions, demandes, factures : les services de la mairie de Beaucouzé réunis dans un seul compte.",
  }),
  commune({
    slug: "illkirch",
    name: "Illkirch-Graffenstaden",
    officialName: "Mairie d'Illkirch-Graffenstaden",
    code: "ILL",
    hosts: ["illkirch.localhost", "illkirch-graffenstaden.localhost"],
    contactEmail: "contact@illkirch.localhost",
    contactPhone: "03 88 00 10 20",
    contactAddress: "181 route de Lyon\n67400 Illkirch-Graffenstaden",
    primaryColor: "#9b1c31",
    accentColor: "#6b1322",
    logoUrl: "/communes/illkirch.svg",
    welcomeText: "La mairie d'Illkirch-Graffenstaden à portée de clic : déposez vos demandes et suivez-les jusqu'à leur réponse.",
  }),
  commune({
    slug: "saint-andre",
    name: "Saint-André-des-Eaux",
    officialName: "Mairie de Saint-André-des-Eaux",
    code: "SAE",
    hosts: ["saint-andre.localhost", "saint-andre-des-eaux.localhost"],
    contactEmail: "contact@saint-andre.localhost",
    contactPhone: "02 40 00 10 20",
    contactAddress: "1 place de la Mairie\n44117 Saint-André-des-Eaux",
    primaryColor: "#5b2a86",
    accentColor: "#3d1c5a",
    logoUrl: "/communes/saint-andre.svg",
    welcomeText: "Aux portes de la Brière, la mairie de Saint-André-des-Eaux vous propose ses démarches en ligne, pour toute la famille.",
  }),
];
