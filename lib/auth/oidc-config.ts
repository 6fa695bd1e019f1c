/**
 * Single sign-on through one OpenID Connect provider (Google Workspace, Okta,
 * Entra ID, …), configured by environment variables. SSO is off unless
 * OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set.
 */
import { parseEnv, type RawEnv } from "../env";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the button: "Sign in with <name>". */
  name: string;
  /** E-mail domains whose unknown users may join (as viewers). Empty: only known e-mails. */
  allowedDomains: string[];
}

export const OIDC_PROVIDER_ID = "oidc";

export function oidcConfig(raw: RawEnv = process.env): OidcConfig | null {
  const env = parseEnv(raw);
  const issuer = env.OIDC_ISSUER;
  const clientId = env.OIDC_CLIENT_ID;
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer: issuer.replace(/\/$/, ""),
    clientId,
    clientSecret,
    name: env.OIDC_NAME || "single sign-on",
    allowedDomains: (env.OIDC_ALLOWED_DOMAINS ?? "")
      .split(",")
      .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean),
  };
}
