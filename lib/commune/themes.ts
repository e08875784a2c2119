// The themes a commune's catalogue starts with, each instructed by a service of the town hall of the
// same name (its agents see the requests of that theme only). Used by the demo data and by
// `npm run commune:create`. Pure: no database.

export type DefaultTheme = { slug: string; title: string; service: { slug: string; name: string } };

export const defaultThemes: DefaultTheme[] = [
  { slug: "etat-civil", title: "État civil", service: { slug: "etat-civil", name: "État civil" } },
  { slug: "enfance", title: "Enfance et jeunesse", service: { slug: "enfance", name: "Enfance" } },
  { slug: "cadre-de-vie", title: "Cadre de vie", service: { slug: "cadre-de-vie", name: "Cadre de vie" } },
  { slug: "social", title: "Solidarité (CCAS)", service: { slug: "ccas", name: "CCAS" } },
];
