/**
 * Where to send a user after sign-in. Only a path on this site is accepted,
 * decided the way the browser will read it: the value is parsed with the
 * WHATWG URL rules (which drop TAB and newlines and read `\` as `/`) against
 * our origin, and kept only when it still points at that origin. Anything
 * else (`//evil.example`, `/\tevil`, `https://…`, `javascript:…`) becomes "/".
 * The path returned is checked the same way again.
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
  const base = new URL(origin).origin;
  if (url.origin !== base) return "/";
  // The path is what the browser will be sent to, so it must hold on its own:
  // "/./\t/x" parses to the path "//x", which alone would leave the site.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return new URL(path, base).origin === base ? path : "/";
}
