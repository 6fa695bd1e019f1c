import { defineConfig, devices } from "@playwright/test";
import { E2E_DATA_DIR, E2E_OIDC, E2E_OIDC_PORT, E2E_PORT, baseURL, oidcIssuer } from "./e2e/support/env";
import { CHROMIUM_ARGS, findChromium } from "./scripts/lib/chromium";

// `npm test` (scripts/test.ts) provides a fresh, migrated and seeded database,
// free ports for the app and the local OpenID provider, and the Chromium path;
// the app runs from the production build.
const secret = process.env.AUTH_SECRET ?? "e2e-secret-not-for-production-0123456789";
const browser = { ...devices["Desktop Chrome"], channel: undefined };

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  // Starts the OpenID provider the app is configured with below (SSO tests).
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
  },
  projects: [
    // Imports the fixture corpus (tests/fixtures/corpus) through the UI first, so the specs after it can read it.
    { name: "import", use: browser, testMatch: /\/import\.spec\.ts$/ },
    {
      name: "chromium",
      use: browser,
      testIgnore: /(last-admin|\/import|reader-long)\.spec\.ts/,
      dependencies: ["import"],
    },
    // The 1,000,000-character article takes a core to itself: alone, it does not slow the specs beside it past their timeouts.
    { name: "long", use: browser, testMatch: /reader-long\.spec\.ts/, dependencies: ["chromium"] },
    // Needs to be the only admin in the database, so it runs after everything else.
    { name: "last-admin", use: browser, testMatch: /last-admin\.spec\.ts/, dependencies: ["long"] },
  ],
  webServer: {
    command: `node_modules/.bin/next start -p ${E2E_PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      AUTH_SECRET: secret,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: baseURL,
      APP_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // Dataset snapshots and export files of the run, outside the developer's .data/datasets.
      PARALLAX_DATA_DIR: E2E_DATA_DIR,
      OIDC_ISSUER: oidcIssuer(E2E_OIDC_PORT),
      OIDC_CLIENT_ID: E2E_OIDC.clientId,
      OIDC_CLIENT_SECRET: E2E_OIDC.clientSecret,
      OIDC_NAME: E2E_OIDC.name,
      OIDC_ALLOWED_DOMAINS: E2E_OIDC.allowedDomain,
    },
  },
});
