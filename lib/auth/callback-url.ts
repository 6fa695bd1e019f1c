/**
 * Where to send a user after sign-in. Only a path on this site is accepted,
 * decided the way the browser will read it: the value is parsed with the
 * WHATWG URL rules (which drop TAB and newlines and read `\` as `/`) against
 * our origin, and kept only when it still points at that origin. Anything
 * else (`//evil.example`, `/\tevil`, `https://…`, `javascript:…`) becomes "/".
 */
const BASE = "http://parallax.invalid";

export function sameOriginPath(value: string | null | undefined, origin: string = BASE): string {
  if (!value || !value.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
