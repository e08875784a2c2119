import nextJest from "next/jest.js";

// Three projects: unit (pure logic), integration (real PostgreSQL: one database per Jest worker,
// prepared by scripts/test.mjs), component (jsdom). Run them with `npm test`.
const createJestConfig = nextJest({ dir: "./" });

const shared = {
  moduleNameMapper: {
    "^server-only$": "<rootDir>/tests/empty-module.js",
    "^@/(.*)$": "<rootDir>/$1",
  },
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/.next/", "<rootDir>/.data/", "<rootDir>/tests/e2e/"],
};

const project = (config) => createJestConfig({ ...shared, ...config })();

export default async function config() {
  return {
    maxWorkers: 2,
    projects: await Promise.all([
      project({
        displayName: "unit",
        testEnvironment: "node",
        testMatch: ["<rootDir>/**/*.test.ts"],
        testPathIgnorePatterns: [...shared.testPathIgnorePatterns, "\\.integration\\.test\\.ts$"],
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
