import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { authOptions } from "@/lib/auth/next-auth";
import type { Access } from "@/lib/http/access";

// next-auth's own endpoints (sign-in, sign-out, CSRF token, OIDC callback).
// They are public by nature and protect their POSTs with next-auth's CSRF
// token; the session they issue is checked on every later request.
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const options = authOptions({ ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") });
  return NextAuth(req as never, ctx as never, options);
}

const access: Access = "public";
export const GET = Object.assign(handler, { access });
export const POST = GET;
