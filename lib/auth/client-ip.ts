/**
 * The client's IP address, for sign-in throttling and the audit log.
 *
 * Next.js puts the socket's address into `X-Forwarded-For` only when the
 * request arrived without one, so the header is all a handler can see:
 *
 * - `TRUST_PROXY=1` (the app runs behind a reverse proxy that sets the header,
 *   replacing whatever the client sent): the first hop is the client.
 * - otherwise the last hop. `npm start` loads scripts/lib/client-address.mjs,
 *   which drops a client-sent header before Next.js sees the request, so this
 *   is always the socket's address: a client cannot pick its own.
 */
import { parseEnv } from "../env";

export function clientIp(
  headers: { get(name: string): string | null },
  trustProxy = parseEnv().TRUST_PROXY === "1",
): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const ip = trustProxy ? hops[0] : hops.at(-1);
  if (!ip) return null;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the same client as its IPv4 form.
  return (ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip).slice(0, 64);
}
