/**
 * Route handlers are built with `route(access, handler)`: it resolves the
 * caller (API token or session cookie), applies the authorization rule,
 * refuses cross-site mutations made with cookies, and turns errors into JSON.
 * The rule stays attached (`.access`) so a test can walk every route.
 */
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { resolveRequestUser } from "../auth/request-user";
import type { CurrentUser } from "../auth/sessions";
import { decide, type Access } from "./access";
import { checkQuery, findInvalidText, invalidTextError } from "./input";
import { isSameOrigin } from "./origin";

export interface RouteContext<P> {
  user: CurrentUser | null;
  params: P;
}

type Params = Record<string, string | string[] | undefined>;

export type RouteHandler<P = Params> = ((req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>) & {
  access: Access;
};

export function jsonError(status: number, code: string, message: string, details?: unknown): NextResponse {
  return NextResponse.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status });
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function route<P = Params>(
  access: Access,
  handler: (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>,
): RouteHandler<P> {
  const wrapped = async (req: NextRequest, nextCtx: { params: Promise<P> }) => {
    const user = await resolveRequestUser(db, req.headers);
    // Browsers send cookies on cross-site requests; a mutation authenticated by
    // a cookie must come from our own pages. API tokens are never ambient.
    if (UNSAFE.has(req.method) && user?.via !== "token" && !isSameOrigin(req.headers, req.nextUrl)) {
      return jsonError(403, "CROSS_SITE_REQUEST", "Cross-site requests are not allowed.");
    }
    switch (decide(access, user)) {
      case "unauthenticated":
        return jsonError(401, "UNAUTHENTICATED", "Sign in or send an API token (Authorization: Bearer …).");
      case "forbidden":
        return jsonError(403, "FORBIDDEN", "Your role does not allow this.");
      case "password-change-required":
        return jsonError(403, "PASSWORD_CHANGE_REQUIRED", "Choose a new password before continuing.");
      case "allow":
        break;
    }
    try {
      // Every text a request carries is checked once, here: the query and the
      // path (JSON bodies are checked as they are read, see input.ts).
      checkQuery(req.nextUrl.searchParams);
      const params = await nextCtx.params;
      const badParam = findInvalidText(params);
      if (badParam !== null) throw invalidTextError(badParam, "Path parameter ");
      return await handler(req, { user, params });
    } catch (error) {
      if (error instanceof AppError) return jsonError(error.status, error.code, error.message, error.details);
      if (error instanceof ZodError) return jsonError(400, "INVALID_INPUT", "The request is not valid.", error.issues);
      console.error(error);
      return jsonError(
        500,
        "INTERNAL",
        "Something went wrong on our side. Nothing was changed unless stated otherwise.",
      );
    }
  };
  return Object.assign(wrapped, { access });
}
