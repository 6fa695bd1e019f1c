/**
 * Starts the local OpenID provider the app is configured to use (see
 * playwright.config.ts); Playwright calls the returned function at the end.
 */
import { rmSync } from "node:fs";
import { E2E_DATA_DIR, E2E_OIDC_PORT, baseURL } from "./support/env";
import { startOidcProvider } from "./support/oidc-provider";

export default async function globalSetup() {
  const server = await startOidcProvider(E2E_OIDC_PORT, baseURL);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (!process.env.PARALLAX_DATA_DIR) rmSync(E2E_DATA_DIR, { recursive: true, force: true });
  };
}
