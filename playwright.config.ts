import { defineConfig } from "@playwright/test";

// End-to-end tests: the system Chromium against a production build in demo mode, started by
// scripts/test.mjs with a freshly seeded database (E2E_PORT, DATABASE_URL). Nothing is downloaded.
const port = Number(process.env.E2E_PORT || 3100);

export default defineConfig({
  testDir: "tests/e2e",
  // Each page visited gets an axe scan (1–2 s on these machines).
  timeout: 60_000,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json"]],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
    locale: "fr-FR",
    trace: "off",
  },
  projects: [
    { name: "telephone", use: { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true } },
    { name: "ordinateur", use: { viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    // scripts/test.mjs keeps the server's output (LOG_CAPTURE) and looks for secrets in it.
    command: process.env.LOG_CAPTURE ? `node scripts/run.mjs serve >> "${process.env.LOG_CAPTURE}" 2>&1` : "node scripts/run.mjs serve",
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { NODE_ENV: "production", PORT: String(port), BIND_ADDRESS: "127.0.0.1", LOG_LEVEL: "warn" },
  },
});
