/**
 * next-auth configuration. next-auth handles the sign-in endpoints, CSRF
 * tokens for them and the session cookie (a signed, encrypted JWT). The JWT
 * carries only `sid`, the id of our UserSession row; who the user is and what
 * they may do is looked up on every request (lib/auth/request-user.ts).
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";
import { SESSION_MAX_AGE_SECONDS, authSecret, secureCookies } from "./config";
import { revokeSession } from "./sessions";
import { signInWithPassword } from "./sign-in";

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : null;
}

export function authOptions(): NextAuthOptions {
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
        async authorize(credentials, req) {
          const forwarded = header(req?.headers, "x-forwarded-for");
          const result = await signInWithPassword(db, {
            email: String(credentials?.email ?? ""),
            password: String(credentials?.password ?? ""),
            ip: forwarded?.split(",")[0]?.trim() ?? null,
            userAgent: header(req?.headers, "user-agent"),
          });
          // next-auth passes a thrown message to the sign-in form as `error`.
          if (!result.ok) throw new Error(result.message);
          return { id: result.userId, email: result.email, name: result.name, sid: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "sid" in user) token.sid = user.sid;
        return token;
      },
      session({ session }) {
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(db, token.sid);
      },
    },
  };
}
