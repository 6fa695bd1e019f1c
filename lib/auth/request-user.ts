/**
 * Who is making a request: a bearer API token (Authorization header) or a
 * browser session (the next-auth cookie, which carries a UserSession id).
 * Works from plain headers, so route handlers resolve users the same way in
 * the app and in tests.
 */
import { decode } from "next-auth/jwt";
import type { Db } from "../db";
import { SizedLru } from "../cache/sized-lru";
import { resolveApiToken } from "./api-tokens";
import { authSecret, sessionCookieName } from "./config";
import { resolveSession, type CurrentUser } from "./sessions";

export function readCookie(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

// Decrypting the cookie derives a key (HKDF) every time; a cookie's content
// never changes, so its decoded sid is cached until the token expires. Whether
// the session is still valid is checked in the database on every request.
const decoded = new SizedLru<{ sid: string | null; expiresAt: number }>(5_000);

/** The UserSession id inside a next-auth session cookie, if the cookie is valid. */
export async function sessionIdFromCookie(value: string | null): Promise<string | null> {
  if (!value) return null;
  const cached = decoded.get(value);
  if (cached && cached.expiresAt > Date.now()) return cached.sid;
  try {
    const token = await decode({ token: value, secret: authSecret() });
    const sid = typeof token?.sid === "string" ? token.sid : null;
    const expiresAt = typeof token?.exp === "number" ? token.exp * 1000 : Date.now() + 60_000;
    decoded.set(value, { sid, expiresAt }, 1);
    return sid;
  } catch {
    return null;
  }
}

export async function resolveRequestUser(
  db: Db,
  headers: { get(name: string): string | null },
): Promise<CurrentUser | null> {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    return resolveApiToken(db, authorization.slice(7).trim());
  }
  const sid = await sessionIdFromCookie(readCookie(headers.get("cookie"), sessionCookieName()));
  return sid ? resolveSession(db, sid) : null;
}
