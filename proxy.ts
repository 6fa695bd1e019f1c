import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every request. It does no authorization (that happens on the
 * server, in lib/http/*): it only passes the requested path on, so a page can
 * send an anonymous visitor to sign-in and back.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-parallax-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
