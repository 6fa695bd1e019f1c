/**
 * Small escapes the line-based formats need beyond what JSON.stringify does.
 *
 * - U+2028 and U+2029 (and U+0085, NEL) are valid raw inside JSON strings,
 *   but many line splitters (Python's str.splitlines, editors, some
 *   JSON-lines readers) treat them as line ends and cut a record in two: they
 *   are written as `\u2028`, `\u2029` and `\u0085`.
 * - IRIs written where a URI is required (Web Annotation targets, schema.org
 *   URLs) are percent-encoded to ASCII: every character outside RFC 3986's
 *   unreserved and reserved sets (non-ASCII, space, `"<>\^`{|}`) becomes the
 *   %XX of its UTF-8 bytes; existing %XX escapes are kept.
 */

const HAS_LINE_SEPARATOR = /[\u0085\u2028\u2029]/;
const LINE_SEPARATORS = /[\u0085\u2028\u2029]/g;

/** JSON.stringify, with U+2028, U+2029 and U+0085 escaped. */
export function jsonText(value: unknown): string {
  const json = JSON.stringify(value);
  return HAS_LINE_SEPARATOR.test(json)
    ? json.replace(LINE_SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    : json;
}

/** Characters RFC 3986 allows in a URI as they are (unreserved, reserved and `%`). */
const URI_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;
const encoder = new TextEncoder();

/** `iri` with every character a URI may not hold percent-encoded (UTF-8). */
export function toUri(iri: string): string {
  let out = "";
  for (const ch of iri) {
    if (URI_CHAR.test(ch)) out += ch;
    else for (const byte of encoder.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Whether `url` is an absolute http or https URL. */
export function isHttpUrl(url: string | null | undefined): url is string {
  if (!url || !/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}

/** An http(s) URL as a URI, or null for anything else (javascript:, ftp:, relative, malformed). */
export function httpUri(url: string | null | undefined): string | null {
  return isHttpUrl(url) ? toUri(url) : null;
}
