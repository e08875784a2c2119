import nextJest from "next/jest.js";

// Three projects: unit (pure logic), integration (real PostgreSQL: one database per Jest worker,
// prepared by scripts/test.mjs), component (jsdom). Run them with `npm test`.
const createJestConfig = nextJest({ dir: "./" });

// ESM-only packages (react-pdf and what it imports, the PDF reader of the tests): Jest runs
// CommonJS, so SWC compiles them like our own files. next/jest transforms only next.config's
// transpilePackages, and listing react-pdf there would make Next bundle it on the server instead of
// loading it from node_modules as it does by default: the list goes into next/jest's own pattern.
const ESM_PACKAGES = ["@react-pdf", "yoga-layout", "color-string", "color-name", "unpdf"];

const shared = {
  moduleNameMapper: {
    "^server-only$": "<rootDir>/tests/empty-module.js",
    "^@/(.*)$": "<rootDir>/$1",
    // These export their files for `import` only, which Jest's CommonJS resolver does not match.
    "^@react-pdf/hyphenate/(.*)$": "<rootDir>/node_modules/@react-pdf/hyphenate/lib/$1.js",
    "^unpdf/pdfjs$": "<rootDir>/node_modules/unpdf/dist/pdfjs.mjs",
  },
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/.next/", "<rootDir>/.data/", "<rootDir>/tests/e2e/"],
};

async function project(config) {
  const resolved = await createJestConfig({ ...shared, ...config })();
  const [nodeModules, ...others] = resolved.transformIgnorePatterns;
  if (!nodeModules?.startsWith("/node_modules/(?!.pnpm)(?!(")) throw new Error("next/jest changed its transformIgnorePatterns: update jest.config.mjs");
  const transformed = nodeModules.replace("(?!(", `(?!(${ESM_PACKAGES.join("|")}|`);
  return { ...resolved, transformIgnorePatterns: [transformed, ...others] };
}

export default async function config() {
  return {
    maxWorkers: 2,
    projects: await Promise.all([
      project({
        displayName: "unit",
        testEnvironment: "node",
        testMatch: ["<rootDir>/**/*.test.ts"],
        testPathIgnorePatterns: [...shared.testPathIgnorePatterns, "\\.integration\\.test\\.ts$"],
        setupFiles: ["<rootDir>/tests/setup-unit.ts"],
      }),
      project({
        displayName: "integration",
        testEnvironment: "node",
        testMatch: ["<rootDir>/**/*.integration.test.ts"],
        setupFiles: ["<rootDir>/tests/setup-integration-env.ts"],
        setupFilesAfterEnv: ["<rootDir>/tests/setup-integration.ts"],
      }),
      project({
        displayName: "component",
        testEnvironment: "jsdom",
        testMatch: ["<rootDir>/**/*.test.tsx"],
        setupFilesAfterEnv: ["<rootDir>/tests/setup-component.ts"],
      }),
    ]),
  };
}
