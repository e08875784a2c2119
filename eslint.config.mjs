import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The boundaries of docs/ARCHITECTURE are rules here, so a mistake fails `npm test`.
const databaseImports = {
  patterns: [
    {
      group: ["@/lib/db", "@/lib/generated/*", "@prisma/*", "**/lib/db", "**/generated/prisma*"],
      message: "La base de données ne s'utilise que sous lib/, prisma/ et tests/ : appelez une fonction du domaine.",
    },
  ],
};

// zod's namespace holds every language it speaks (about 40 kB gzip): a named \`z\` import or a
// reach into \`z.locales\` keeps them all in the browser bundle of any form that shares a schema.
const zodImports = [
  {
    selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
    message: "Importez zod par « import * as z from \"zod\" » : l'import nommé embarque toutes ses langues dans le navigateur.",
  },
  {
    selector: "MemberExpression[object.name='z'][property.name='locales']",
    message: "Importez la langue voulue de « zod/locales » (import { fr } from \"zod/locales\").",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", ".data/**", "coverage/**", "test-results/**", "playwright-report/**"]),
  {
    // UI and routing code reaches the database only through lib/.
    files: ["app/**", "components/**", "proxy.ts"],
    rules: { "no-restricted-imports": ["error", databaseImports] },
  },
  {
    // 'use server' turns every export into a public endpoint: only route-local actions.ts files have it.
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["**/actions.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...zodImports,
        {
          selector: "ExpressionStatement[directive='use server']",
          message: "'use server' n'est permis que dans les fichiers actions.ts des routes.",
        },
      ],
    },
  },
  {
    files: ["**/actions.ts"],
    rules: { "no-restricted-syntax": ["error", ...zodImports] },
  },
  {
    // Components of the design system stay free of the domain.
    files: ["components/ui/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/*"], message: "components/ui ne dépend pas du domaine." }] }],
    },
  },
]);
