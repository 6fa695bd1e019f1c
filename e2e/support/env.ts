/** Ports and URLs of one e2e run; `npm test` picks free ports (scripts/test.ts). */
import os from "node:os";
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3199);
export const baseURL = `http://127.0.0.1:${E2E_PORT}`;

/** The app's OIDC client at the local provider (e2e/support/oidc-provider.ts). */
export const E2E_OIDC = {
  clientId: "parallax-e2e",
  clientSecret: "parallax-e2e-client-secret-0123456789",
  name: "Newsroom ID",
  allowedDomain: "newsroom.example",
};

export function oidcIssuer(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Dataset snapshots and export files of the run (removed after it unless PARALLAX_DATA_DIR names a folder). */
export const E2E_DATA_DIR =
  process.env.PARALLAX_DATA_DIR ?? path.join(os.tmpdir(), `parallax-e2e-datasets-${E2E_PORT}`);
