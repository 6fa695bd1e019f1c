/**
 * next-auth configuration. next-auth handles the sign-in endpoints, CSRF
 * tokens for them, the OpenID Connect dance (state, PKCE, nonce, ID token
 * validation) and the session cookie (a signed, encrypted JWT). The JWT
 * carries only `sid`, the id of our UserSession row — for password and SSO
 * sign-ins alike — and who the user is and what they may do is looked up on
 * every request (lib/auth/request-user.ts).
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "../db";
import { audit } from "../audit/log";
import { SESSION_MAX_AGE_SECONDS, appUrl, authSecret, secureCookies } from "./config";
import { OIDC_PROVIDER_ID, oidcConfig, type OidcConfig } from "./oidc-config";
import { revokeSession } from "./sessions";
import { signInWithPassword } from "./sign-in";
import { signInWithOidc } from "./sso";

/** What the route handler knows about the request that next-auth's callbacks do not get. */
export interface AuthRequestMeta {
  ip: string | null;
  userAgent: string | null;
}

type Claims = Record<string, unknown>;

/** What a visitor is told when sign-in fails for a reason of ours (the details go to the log). */
export const SIGN_IN_FAILED = "Sign-in failed. Please try again.";

function emailVerified(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

function oidcProvider(config: OidcConfig): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      // The ID token is validated by next-auth; some providers (or their
      // defaults) leave the e-mail out of it, so the userinfo endpoint fills in.
      async request({ tokens, client }) {
        // At runtime `tokens` is openid-client's TokenSet (next-auth's type says less).
        const tokenSet = tokens as unknown as { claims(): Claims };
        const claims = tokenSet.claims();
        if (typeof claims.email === "string") return claims;
        const info = (await client.userinfo(tokenSet as never)) as Claims;
        return { ...info, ...claims, email: info.email, email_verified: info.email_verified };
      },
    },
    profile(profile) {
      return {
        id: String(profile.sub),
        email: typeof profile.email === "string" ? profile.email : null,
        name: typeof profile.name === "string" ? profile.name : null,
      };
    },
  };
}

export function authOptions(meta: AuthRequestMeta = { ip: null, userAgent: null }): NextAuthOptions {
  const oidc = oidcConfig();
  return {
    secret: authSecret(),
    useSecureCookies: secureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          let result: Awaited<ReturnType<typeof signInWithPassword>>;
          try {
            result = await signInWithPassword(db, {
              email: String(credentials?.email ?? ""),
              password: String(credentials?.password ?? ""),
              ip: meta.ip,
              userAgent: meta.userAgent,
            });
          } catch (error) {
            // next-auth shows a thrown message to the visitor: never the database's or the code's own words.
            console.error(error);
            throw new Error(SIGN_IN_FAILED);
          }
          // next-auth passes a thrown message to the sign-in form as `error`.
          if (!result.ok) throw new Error(result.message);
          return { id: result.userId, email: result.email, name: result.name, sid: result.sessionId };
        },
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID || !oidc) return true;
        const claims = (profile ?? {}) as Claims;
        const result = await signInWithOidc(
          db,
          {
            issuer: typeof claims.iss === "string" ? claims.iss : oidc.issuer,
            subject: String(claims.sub ?? account.providerAccountId),
            email: typeof claims.email === "string" ? claims.email : null,
            emailVerified: emailVerified(claims.email_verified),
            name: typeof claims.name === "string" ? claims.name : null,
          },
          { allowedDomains: oidc.allowedDomains, ip: meta.ip, userAgent: meta.userAgent },
        );
        if (!result.ok) return `${appUrl()}/signin?error=${result.code}`;
        // next-auth hands this same object to the jwt callback below.
        (user as { sid?: string }).sid = result.sessionId;
        return true;
      },
      jwt({ token, user }) {
        // Only the session id goes into the cookie; nothing else is trusted from it.
        if (user) return { sid: (user as { sid?: string }).sid };
        return token;
      },
      session({ session }) {
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid !== "string") return;
        const row = await db.userSession.findUnique({
          where: { id: token.sid },
          select: { revokedAt: true, user: { select: { id: true, email: true } } },
        });
        await revokeSession(db, token.sid);
        if (row && !row.revokedAt) {
          await audit(db, {
            action: "auth.sign_out",
            actor: row.user,
            target: { type: "user", id: row.user.id },
            ip: meta.ip,
          });
        }
      },
    },
  };
}
