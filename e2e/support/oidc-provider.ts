/**
 * A real OpenID Connect provider on localhost for the SSO tests: the certified
 * `oidc-provider` package with its development login form, which accepts any
 * login. The login typed there becomes the e-mail claim (sub is derived from
 * it), so a test picks who signs in: "someone@newsroom.example" is verified,
 * "unverified-…" is not.
 */
import { createHash } from "node:crypto";
import type { Server } from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import { E2E_OIDC, oidcIssuer } from "./env";

export async function startOidcProvider(port: number, appBaseUrl: string): Promise<Server> {
  const provider = new Provider(oidcIssuer(port), {
    clients: [
      {
        client_id: E2E_OIDC.clientId,
        client_secret: E2E_OIDC.clientSecret,
        redirect_uris: [`${appBaseUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["parallax-e2e-oidc-cookie-key"] },
    pkce: { required: () => true },
    ttl: { Session: 3600, Grant: 3600, Interaction: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const email = id.trim().toLowerCase();
      return {
        accountId: id,
        async claims() {
          return {
            sub: `sub-${createHash("sha256").update(email).digest("hex").slice(0, 16)}`,
            email,
            email_verified: !email.startsWith("unverified"),
            name: `SSO ${email.slice(0, email.indexOf("@"))}`,
          };
        },
      };
    },
    // A first-party app: no consent screen, as newsroom IdPs are usually set up.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  return await new Promise<Server>((resolve, reject) => {
    const server = provider.listen(port, "127.0.0.1", () => resolve(server));
    server.once("error", reject);
  });
}
