/** Session settings shared by next-auth and our own session checks. */
import { appUrlFrom, parseEnv } from "../env";

/** Absolute lifetime of a sign-in. */
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;
/** How often a session's lastSeenAt is refreshed (not on every request). */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

export function appUrl(): string {
  return appUrlFrom(parseEnv());
}

/** Cookies are marked Secure (and get the __Secure- prefix) when the app is served over HTTPS. */
export function secureCookies(): boolean {
  return appUrl().startsWith("https://");
}

export function sessionCookieName(): string {
  return `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

export function authSecret(): string {
  const env = parseEnv();
  const secret = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set. Start the app with `npm start`, which provides one.");
  return secret;
}
