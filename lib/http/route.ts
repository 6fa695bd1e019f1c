/**
 * Route handlers are built with `route(access, handler)`: it resolves the
 * caller (API token or session cookie), applies the authorization rule,
 * refuses cross-site mutations made with cookies, and turns errors into JSON.
 * The rule stays attached (`.access`) so a test can walk every route.
 *
 * It also serves the request under its request id (X-Request-Id, set by
 * proxy.ts or made here; echoed on the response), so every log line written
 * meanwhile carries it, logs the request when its response is ready, and
 * times it for the metrics by route pattern (/api/stories/[id], not ids).
 */
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { resolveRequestUser } from "../auth/request-user";
import type { CurrentUser } from "../auth/sessions";
import { decide, type Access } from "./access";
import { checkQuery, findInvalidText, invalidTextError } from "./input";
import { isSameOrigin } from "./origin";
import { log, withLogContext } from "../observability/log";
import { acceptableRequestId } from "../observability/request-id";
import { metrics } from "../observability/metrics";

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
    const forwarded = req.headers.get("x-request-id");
    const requestId = acceptableRequestId(forwarded) ? forwarded : randomUUID();
    const started = performance.now();
    return withLogContext({ requestId }, async () => {
      const params = await nextCtx.params;
      let user: CurrentUser | null = null;
      let response: Response;
      try {
        user = await resolveRequestUser(db, req.headers);
        response = await guarded(access, handler, req, user, params);
      } catch (error) {
        response = internalError(error);
      }
      const route = routePattern(req.nextUrl.pathname, params as Params);
      const seconds = (performance.now() - started) / 1000;
      metrics().httpDuration.observe({ method: req.method, route, status: String(response.status) }, seconds);
      // Probes come every few seconds: logged only at LOG_LEVEL=debug.
      log[route.startsWith("/api/health") ? "debug" : "info"](
        { method: req.method, route, status: response.status, ms: Math.round(seconds * 1000), user: user?.id },
        "request",
      );
      try {
        response.headers.set("x-request-id", requestId);
      } catch {
        // a response with immutable headers (a redirect) goes out without it
      }
      return response;
    });
  };
  return Object.assign(wrapped, { access });
}

async function guarded<P>(
  access: Access,
  handler: (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>,
  req: NextRequest,
  user: CurrentUser | null,
  params: P,
): Promise<Response> {
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
    const badParam = findInvalidText(params);
    if (badParam !== null) throw invalidTextError(badParam, "Path parameter ");
    return await handler(req, { user, params });
  } catch (error) {
    if (error instanceof AppError) return jsonError(error.status, error.code, error.message, error.details);
    if (error instanceof ZodError) return jsonError(400, "INVALID_INPUT", "The request is not valid.", error.issues);
    return internalError(error);
  }
}

function internalError(error: unknown): Response {
  log.error({ err: error }, "a route handler failed");
  return jsonError(500, "INTERNAL", "Something went wrong on our side. Nothing was changed unless stated otherwise.");
}

/**
 * The route's pattern, for metrics and logs: each path segment that is a
 * parameter's value is replaced by the parameter's name, so
 * /api/stories/3f…/events becomes /api/stories/[id]/events.
 */
export function routePattern(pathname: string, params: Params): string {
  const segments = pathname.split("/");
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (!values.length) continue;
    for (let i = segments.length - values.length; i >= 1; i--) {
      if (values.every((v, j) => safeDecode(segments[i + j]!) === v)) {
        segments.splice(i, values.length, Array.isArray(value) ? `[...${name}]` : `[${name}]`);
        break;
      }
    }
  }
  return segments.join("/");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
