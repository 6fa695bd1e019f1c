/**
 * route() from lib/http/route.ts, typed for dynamic segments: its RouteHandler
 * type declares `params: Promise<never>`, which Next.js's route type check
 * rejects (for [id] routes and static ones alike). This changes the type only; the guard is
 * route() itself. Once lib/http/route.ts types params (RouteHandler<P>), use
 * route() directly and delete this file.
 */
import type { NextRequest } from "next/server";
import type { Access } from "@/lib/http/access";
import { route, type RouteContext } from "@/lib/http/route";

export type ParamsRouteHandler<P> = ((req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>) & {
  access: Access;
};

export function routeWithParams<P = Record<string, never>>(
  access: Access,
  handler: (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>,
): ParamsRouteHandler<P> {
  return route<P>(access, handler) as unknown as ParamsRouteHandler<P>;
}
