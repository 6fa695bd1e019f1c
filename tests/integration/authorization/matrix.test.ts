/**
 * The authorization matrix: every route handler (each exported HTTP method of
 * every app/**\/route.ts) and every server action (each export of every
 * app/**\/actions.ts) is called for real — as an anonymous visitor, as a
 * VIEWER, an EDITOR and an ADMIN with a browser session, and (route handlers)
 * with each role's API token — and the outcome is compared with the explicit
 * table in ./expectations/. A handler without an access rule, or without an
 * expectation, fails with a message saying what to add.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { authSecret, sessionCookieName } from "@/lib/auth/config";
import { withRequestHeaders } from "@/lib/auth/current-user";
import { createSession } from "@/lib/auth/sessions";
import type { Role } from "@/lib/generated/prisma/enums";
import { testDb } from "../db";
import { CALLERS, type AreaExpectations, type Caller, type Outcome } from "./expect";

const db = testDb();
const ROOT = path.resolve(import.meta.dirname, "../../..");
const APP = path.join(ROOT, "app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : walk(full);
    return [full];
  });
}

const appFiles = walk(APP).map((f) => path.relative(APP, f).split(path.sep).join("/"));
const routeFiles = appFiles.filter((f) => /(^|\/)route\.tsx?$/.test(f));
const actionFiles = appFiles.filter((f) => /(^|\/)actions\.tsx?$/.test(f));
const pageFiles = appFiles.filter((f) => /(^|\/)page\.tsx?$/.test(f));

/** "api/stories/[id]/route.ts" → "/api/stories/[id]" (route groups dropped). */
function routePath(file: string): string {
  const segments = file
    .split("/")
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return "/" + segments.join("/");
}

const areas = import.meta.glob<{ expectations: AreaExpectations }>("./expectations/*.ts", { eager: true });
const routeExpectations = new Map<string, { area: string } & AreaExpectations["routes"][string]>();
const actionExpectations = new Map<string, { area: string } & AreaExpectations["actions"][string]>();
const publicPages = new Set<string>();
for (const [file, mod] of Object.entries(areas)) {
  const area = path.basename(file);
  for (const [key, e] of Object.entries(mod.expectations.routes)) {
    if (routeExpectations.has(key))
      throw new Error(`${key} is listed twice (${area} and ${routeExpectations.get(key)!.area})`);
    routeExpectations.set(key, { area, ...e });
  }
  for (const [key, e] of Object.entries(mod.expectations.actions)) {
    if (actionExpectations.has(key))
      throw new Error(`${key} is listed twice (${area} and ${actionExpectations.get(key)!.area})`);
    actionExpectations.set(key, { area, ...e });
  }
  for (const page of mod.expectations.publicPages ?? []) publicPages.add(page);
}

interface Discovered {
  key: string;
  file: string;
  fn: ((...args: never[]) => Promise<unknown>) & { access?: unknown };
}

async function discoverRoutes(): Promise<Discovered[]> {
  const found: Discovered[] = [];
  for (const file of routeFiles) {
    const mod = (await import(/* @vite-ignore */ path.join(APP, file))) as Record<string, Discovered["fn"]>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function") found.push({ key: `${method} ${routePath(file)}`, file, fn: mod[method] });
    }
  }
  return found;
}

async function discoverActions(): Promise<Discovered[]> {
  const found: Discovered[] = [];
  for (const file of actionFiles) {
    const mod = (await import(/* @vite-ignore */ path.join(APP, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      found.push({ key: `${file}#${name}`, file, fn: value as Discovered["fn"] });
    }
  }
  return found;
}

let routes: Discovered[];
let actions: Discovered[];
beforeAll(async () => {
  routes = await discoverRoutes();
  actions = await discoverActions();
});

// ── Callers: a fresh account per call, so one call's side effects (signing out
// everywhere, say) cannot change the next one's outcome.
type Credential = { kind: "session" | "token"; caller: Caller };

async function headersFor(credential: Credential): Promise<Headers> {
  const headers = new Headers({ origin: "http://localhost", "user-agent": "authorization-matrix" });
  if (credential.caller === "anonymous") return headers;
  const role = credential.caller as Role;
  const user = await db.user.create({
    data: { email: `matrix-${randomBytes(6).toString("hex")}@it.parallax.test`, name: `Matrix ${role}`, role },
  });
  if (credential.kind === "token") {
    const { token } = await createApiToken(db, user.id, "matrix");
    headers.set("authorization", `Bearer ${token}`);
  } else {
    const sid = await createSession(db, user.id);
    headers.set("cookie", `${sessionCookieName()}=${await encode({ token: { sid }, secret: authSecret() })}`);
  }
  return headers;
}

function defaultParams(routeKey: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [, catchAll, name] of routeKey.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)) {
    params[name!] = catchAll ? ["x"] : randomUUID();
  }
  return params;
}

async function callRoute(route: Discovered, credential: Credential): Promise<Outcome> {
  const e = routeExpectations.get(route.key)!;
  const [method, pathname] = route.key.split(" ") as [string, string];
  const params = { ...defaultParams(route.key), ...e.params };
  const url = `http://localhost${pathname.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, __, name: string) =>
    [params[name]].flat().join("/"),
  )}${e.search ?? ""}`;
  const headers = await headersFor(credential);
  const hasBody = !["GET", "HEAD", "OPTIONS"].includes(method);
  if (hasBody) headers.set("content-type", "application/json");
  const req = new NextRequest(url, { method, headers, body: hasBody ? JSON.stringify(e.body ?? {}) : undefined });
  const res = (await route.fn(req as never, { params: Promise.resolve(params) } as never)) as Response;
  if (res.status === 401 || res.status === 403) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
    const code = body.error?.code;
    if (code === "UNAUTHENTICATED" || code === "FORBIDDEN") return "refused";
    throw new Error(
      `${route.key} as ${credential.caller} answered ${res.status} ${code}: not an authorization refusal`,
    );
  }
  return "allowed";
}

async function callAction(action: Discovered, caller: Caller): Promise<Outcome> {
  const e = actionExpectations.get(action.key)!;
  const headers = await headersFor({ kind: "session", caller });
  const result = (await withRequestHeaders(headers, () =>
    (action.fn as (i: unknown) => Promise<unknown>)(e.input ?? {}),
  )) as { ok: true } | { ok: false; error: { code: string } };
  if (!result || typeof result !== "object" || !("ok" in result)) {
    throw new Error(`${action.key} did not return an action result: build it with action() from lib/http/action.ts`);
  }
  return !result.ok && (result.error.code === "UNAUTHENTICATED" || result.error.code === "FORBIDDEN")
    ? "refused"
    : "allowed";
}

describe("authorization matrix", () => {
  it("finds the app's route handlers and server actions", () => {
    expect(routes.map((r) => r.key)).toContain("GET /api/me");
    expect(actions.map((a) => a.key)).toContain("(app)/admin/users/actions.ts#createUserAction");
  });

  it("every route handler and server action carries an access rule", () => {
    const missing = [...routes, ...actions]
      .filter((h) => h.fn.access === undefined)
      .map(
        (h) => `${h.key} (app/${h.file}): build it with ${h.key.includes("#") ? "action()" : "route()"} from lib/http/`,
      );
    expect(missing, `handlers without an access rule:\n${missing.join("\n")}`).toEqual([]);
  });

  it("every route handler and server action has an expectation, and every expectation a handler", () => {
    const problems = [
      ...routes
        .filter((r) => !routeExpectations.has(r.key))
        .map(
          (r) =>
            `no expectation for route "${r.key}" (app/${r.file}): add  "${r.key}": { outcomes: … }  to routes in tests/integration/authorization/expectations/<area>.ts`,
        ),
      ...actions
        .filter((a) => !actionExpectations.has(a.key))
        .map(
          (a) =>
            `no expectation for server action "${a.key}": add  "${a.key}": { outcomes: … }  to actions in tests/integration/authorization/expectations/<area>.ts`,
        ),
      ...[...routeExpectations.keys()]
        .filter((k) => !routes.some((r) => r.key === k))
        .map((k) => `expectation for a route that does not exist: "${k}"`),
      ...[...actionExpectations.keys()]
        .filter((k) => !actions.some((a) => a.key === k))
        .map((k) => `expectation for a server action that does not exist: "${k}"`),
    ];
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("every page checks access with requirePage, unless listed as public", () => {
    const unguarded = pageFiles.filter(
      (f) => !publicPages.has(f) && !readFileSync(path.join(APP, f), "utf8").includes("requirePage("),
    );
    expect(unguarded, `pages that never call requirePage(): ${unguarded.join(", ")}`).toEqual([]);
  });

  it("no server action hides outside an app/**/actions.ts module", () => {
    const files = [
      ...walk(path.join(ROOT, "app")),
      ...walk(path.join(ROOT, "components")),
      ...walk(path.join(ROOT, "lib")),
    ]
      .filter((f) => /\.tsx?$/.test(f) && !f.includes(`${path.sep}generated${path.sep}`))
      .filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(ROOT, f))
      .filter((f) => !/^app\/.*actions\.tsx?$/.test(f.split(path.sep).join("/")));
    expect(files, "move these server actions into an app/**/actions.ts module").toEqual([]);
  });

  it("route handlers allow and refuse exactly as expected, for sessions and API tokens", async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const e = routeExpectations.get(route.key);
      if (!e) continue;
      if (e.notCallable) {
        if (route.fn.access !== "public" || CALLERS.some((c) => e.outcomes[c] !== "allowed")) {
          mismatches.push(`${route.key}: only public handlers may be marked notCallable`);
        }
        continue;
      }
      for (const caller of CALLERS) {
        const got = await callRoute(route, { kind: "session", caller });
        if (got !== e.outcomes[caller])
          mismatches.push(`${route.key} as ${caller}: expected ${e.outcomes[caller]}, got ${got}`);
        if (caller !== "anonymous") {
          const viaToken = await callRoute(route, { kind: "token", caller });
          if (viaToken !== e.outcomes[caller]) {
            mismatches.push(
              `${route.key} with a ${caller}'s API token: expected ${e.outcomes[caller]}, got ${viaToken}`,
            );
          }
        }
      }
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  }, 120_000);

  it("server actions allow and refuse exactly as expected", async () => {
    const mismatches: string[] = [];
    for (const action of actions) {
      const e = actionExpectations.get(action.key);
      if (!e) continue;
      for (const caller of CALLERS) {
        const got = await callAction(action, caller);
        if (got !== e.outcomes[caller])
          mismatches.push(`${action.key} as ${caller}: expected ${e.outcomes[caller]}, got ${got}`);
      }
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  }, 120_000);
});
