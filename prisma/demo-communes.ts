export type DemoCommune = {
  slug: string; name: string; officialName: string; code: string;
  hosts: string[];
  contactEmail: string; contactPhone: string; contactAddress: string;
  primaryColor: string; accentColor: string; logoUrl: string;
  welcomeText: string;
  legalNotice: string; privacyPolicy: string; accessibilityText: string;
  faq: { section: string; question: string; answer: string }[];
};

function commune(c: Omit<DemoCommune, "legalNotice" | "privacyPolicy" | "accessibilityText" | "faq">): DemoCommune {
  return {
    ...c,
    legalNotice: `## Éditeur\n\n${c.officialName}, ${c.contactAddress.replace("\n", ", ")}.`,
    privacyPolicy: `## Responsable du traitement\n\n${c.officialName}.`,
    accessibilityText: `## État de conformité\n\nLe site de ${c.name} est partiellement conforme au RGAA 4.1.`,
    faq: [
      { section: "Gestion de mon compte", question: "À quoi sert le Compte Citoyen ?", answer: `À faire vos démarches auprès de la mairie de ${c.name}.` },
      { section: "Sécurité", question: "Mes informations sont-elles protégées ?", answer: "Oui." },
    ],
  };
}

export const demoCommunes: DemoCommune[] = [
  commune({ slug: "sete", name: "Sète", officialName: "Mairie de Sète", code: "SET", hosts: ["sete.localhost", "www.sete.localhost"], contactEmail: "contact@sete.localhost", contactPhone: "04 67 00 10 20", contactAddress: "20 rue Paul Valéry\n34200 Sète", primaryColor: "#0b4f8a", accentColor: "#073660", logoUrl: "/communes/sete.svg", welcomeText: "Vos démarches auprès de la mairie de Sète, en ligne." }),
  commune({ slug: "beaucouze", name: "Beaucouzé", officialName: "Mairie de Beaucouzé", code: "BCZ", hosts: ["beaucouze.localhost", "www.beaucouze.localhost"], contactEmail: "contact@beaucouze.localhost", contactPhone: "02 41 00 10 20", contactAddress: "Place Charles de Gaulle\n49070 Beaucouzé", primaryColor: "#1f6b3a", accentColor: "#134726", logoUrl: "/communes/beaucouze.svg", welcomeText: "Vos démarches auprès de la mairie de Beaucouzé, en ligne." }),
  commune({ slug: "illkirch", name: "Illkirch-Graffenstaden", officialName: "Mairie d'Illkirch-Graffenstaden", code: "ILL", hosts: ["illkirch.localhost", "illkirch-graffenstaden.localhost"], contactEmail: "contact@illkirch.localhost", contactPhone: "03 88 00 10 20", contactAddress: "181 route de Lyon\n67400 Illkirch-Graffenstaden", primaryColor: "#9b1c31", accentColor: "#6b1322", logoUrl: "/communes/illkirch.svg", welcomeText: "Vos démarches auprès de la mairie d'Illkirch-Graffenstaden, en ligne." }),
  commune({ slug: "saint-andre", name: "Saint-André-des-Eaux", officialName: "Mairie de Saint-André-des-Eaux", code: "SAE", hosts: ["saint-andre.localhost", "saint-andre-des-eaux.localhost"], contactEmail: "contact@saint-andre.localhost", contactPhone: "02 40 00 10 20", contactAddress: "1 place de la Mairie\n44117 Saint-André-des-Eaux", primaryColor: "#5b2a86", accentColor: "#3d1c5a", logoUrl: "/communes/saint-andre.svg", welcomeText: "Vos démarches auprès de la mairie de Saint-André-des-Eaux, en ligne." }),
];
