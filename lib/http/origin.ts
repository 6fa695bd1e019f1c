/**
 * Same-origin check for cookie-authenticated mutations. Browsers send an
 * Origin header on every cross-origin request and on same-origin POSTs;
 * when absent we fall back to Sec-Fetch-Site, then to Referer.
 */
import { parseEnv } from "../env";

export function isSameOrigin(headers: { get(name: string): string | null }, url: URL): boolean {
  const expected = new Set([url.origin]);
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (host) expected.add(`${headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "")}://${host}`);
  const appUrl = parseEnv().APP_URL;
  if (appUrl) expected.add(new URL(appUrl).origin);
  const origin = headers.get("origin");
  if (origin) return expected.has(origin);
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const referer = headers.get("referer");
  if (referer) {
    try {
      return expected.has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  // No browser signal at all: not a browser (curl, scripts) — no ambient cookies to abuse.
  return true;
}
