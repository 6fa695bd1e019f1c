import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./lib/http/csp";
import { invalidUrlText } from "./lib/http/input";
import { acceptableRequestId } from "./lib/observability/request-id";

/**
 * Runs before every request. It authorizes nothing (that happens on the
 * server, in lib/http/*). It sets a fresh Content-Security-Policy nonce —
 * on the request, so Next.js applies it to its scripts, and on the response —
 * and passes the requested path on, so a page can send an anonymous visitor
 * to sign-in and back. A URL whose path or query carries text that cannot be
 * stored (a NUL character, broken Unicode) is answered 400 here, for pages and
 * API alike. Every request gets a request id (X-Request-Id: the one a proxy in
 * front passed on, or a new one), on the request — so the server's log lines
 * carry it — and on the response.
 */
export function proxy(request: NextRequest) {
  const invalid = invalidUrlText(request.nextUrl);
  if (invalid) {
    return NextResponse.json({ error: { code: invalid.code, message: invalid.message } }, { status: invalid.status });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const oidcIssuer = process.env.OIDC_ISSUER ? new URL(process.env.OIDC_ISSUER).origin : null;
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    formTargets: oidcIssuer ? [oidcIssuer] : [],
  });
  const forwarded = request.headers.get("x-request-id");
  const requestId = acceptableRequestId(forwarded) ? forwarded : crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-parallax-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  return response;
}

export const config = {
  matcher: [
    {
      // Not /api/import: Next.js buffers (and cuts at 10 MB) the body of every
      // request the proxy sees, and imports stream bodies of any size.
      source: "/((?!_next/static|_next/image|favicon.ico|api/import$).*)",
      // Prefetches get no HTML, so they need no nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
