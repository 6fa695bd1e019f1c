/**
 * Text that PostgreSQL cannot store (a NUL character) or that is not Unicode
 * (a lone surrogate) is refused where it enters — query, path, JSON body,
 * server action input — with a 400 naming the field, never a 500. JSON bodies
 * over their limit answer 413 naming the limit, and are never read whole.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as listUsers, POST as createUserRoute } from "@/app/api/admin/users/route";
import { POST as createEntity, GET as searchEntities } from "@/app/api/entities/route";
import { POST as importRoute } from "@/app/api/import/route";
import { GET as searchStories } from "@/app/api/stories/route";
import { createTokenAction } from "@/app/(app)/account/tokens/actions";
import { createLabelAction } from "@/app/(app)/admin/labels/actions";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { withRequestHeaders } from "@/lib/auth/current-user";
import type { Access } from "@/lib/http/access";
import { MAX_JSON_BYTES } from "@/lib/http/input";
import { testDb } from "./db";
import { call, signedIn, type Caller } from "./support/api";
import { headersOf } from "./support/users";

const db = testDb();
const APP = path.resolve(import.meta.dirname, "../../app");
const NUL = "\u0000";

type Guarded = ((...args: never[]) => Promise<unknown>) & { access?: Access };
type Handler = (req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

async function send(handler: unknown, as: Caller, url: string, init: RequestInit & { params?: object } = {}) {
  const headers = new Headers(init.headers);
  headers.set("origin", "http://localhost");
  if (as.cookie) headers.set("cookie", as.cookie);
  const req = new NextRequest(new URL(url, "http://localhost"), { ...init, headers } as never);
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) });
  return {
    status: res.status,
    body: (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } },
  };
}

describe("invalid text at the boundary", () => {
  it("a NUL in a search, a filter or a listing's query answers 400 naming the parameter", async () => {
    const admin = await signedIn(db, "ADMIN");
    for (const [handler, url, name] of [
      [searchStories, `/api/stories?q=a${encodeURIComponent(NUL)}b`, "q"],
      [searchEntities, `/api/entities?q=x&language=${encodeURIComponent(NUL)}`, "language"],
      [searchEntities, `/api/entities?label=${encodeURIComponent(NUL)}`, "label"],
      [listUsers, `/api/admin/users?q=${encodeURIComponent(NUL)}`, "q"],
    ] as const) {
      const res = await send(handler, admin, url);
      expect(res, url).toMatchObject({ status: 400, body: { error: { code: "INVALID_TEXT" } } });
      expect(res.body.error!.message).toBe(
        `Query parameter ${name} contains a NUL character or broken Unicode, which cannot be stored.`,
      );
    }
  });

  it("every route refuses a NUL in its query with a 400, never a 500", async () => {
    const admin = await signedIn(db, "ADMIN");
    const wrong: string[] = [];
    for (const file of files(APP).filter((f) => /\/route\.tsx?$/.test(f))) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, Guarded>;
      const params: Record<string, string | string[]> = {};
      const pathname = path
        .relative(APP, path.dirname(file))
        .split(path.sep)
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s) => {
          const m = /^\[(\.\.\.)?(.+)\]$/.exec(s);
          if (!m) return s;
          const value = m[1] ? ["x"] : randomUUID();
          params[m[2]!] = value;
          return [value].flat().join("/");
        })
        .join("/");
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
        const fn = mod[method];
        if (typeof fn !== "function" || fn.access === undefined || fn.access === "public") continue;
        const hasBody = method !== "GET";
        const res = await send(fn, admin, `/${pathname}?q=${encodeURIComponent(NUL)}`, {
          method,
          params,
          headers: hasBody ? { "content-type": "application/json" } : {},
          body: hasBody ? "{}" : undefined,
        });
        if (res.status !== 400 || res.body.error?.code !== "INVALID_TEXT") {
          wrong.push(`${method} /${pathname}: ${res.status} ${res.body.error?.code ?? ""}`);
        }
      }
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
  }, 120_000);

  it("a NUL in a JSON body answers 400 naming the field: entity, user", async () => {
    const admin = await signedIn(db, "ADMIN");
    const entity = await call(createEntity, { as: admin, body: { name: `Acme${NUL}`, label: "ORG" } });
    expect(entity).toMatchObject({
      status: 400,
      body: { error: { code: "INVALID_TEXT", details: { field: "name" } } },
    });
    const user = await call(createUserRoute, {
      as: admin,
      body: { email: "nul@it.parallax.test", name: `N${NUL}`, role: "VIEWER" },
    });
    expect(user).toMatchObject({ status: 400, body: { error: { code: "INVALID_TEXT", details: { field: "name" } } } });
    expect(await db.user.count({ where: { email: "nul@it.parallax.test" } })).toBe(0);
  });

  it("a NUL in a user, label or token name given to a server action is refused, naming the field", async () => {
    const admin = await signedIn(db, "ADMIN");
    const headers = headersOf({ cookie: admin.cookie! });
    const results = await withRequestHeaders(headers, async () => [
      await createUserAction({ email: "nul2@it.parallax.test", name: `N${NUL}`, role: "VIEWER" }),
      await createLabelAction({ name: `L${NUL}` } as never),
      await createTokenAction({ name: `T${NUL}`, expiresInDays: null }),
    ]);
    for (const result of results) {
      expect(result).toMatchObject({
        ok: false,
        error: { code: "INVALID_TEXT", details: { field: "name" } },
      });
    }
  });

  it("every server action refuses invalid text before it runs", async () => {
    const admin = await signedIn(db, "ADMIN");
    const wrong: string[] = [];
    for (const file of files(APP).filter((f) => /\/actions\.tsx?$/.test(f))) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, Guarded>;
      for (const [name, fn] of Object.entries(mod)) {
        if (typeof fn !== "function" || fn.access === "public") continue;
        const result = (await withRequestHeaders(headersOf({ cookie: admin.cookie! }), () =>
          (fn as (i: unknown) => Promise<unknown>)({ name: `x${NUL}`, q: NUL }),
        )) as { ok: boolean; error?: { code: string } };
        if (result.error?.code !== "INVALID_TEXT")
          wrong.push(`${path.relative(APP, file)}#${name}: ${result.error?.code}`);
      }
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
  });
});

describe("body limits", () => {
  it("a JSON body over the limit answers 413 with the limit, whether declared or streamed", async () => {
    const admin = await signedIn(db, "ADMIN");
    const big = JSON.stringify({ name: "x".repeat(MAX_JSON_BYTES), label: "ORG" });
    const declared = await send(createEntity, admin, "/api/entities", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(declared).toMatchObject({ status: 413, body: { error: { code: "BODY_TOO_LARGE" } } });
    expect(declared.body.error!.message).toBe("The request body is larger than the limit of 8 MiB.");

    const streamed = await send(createEntity, admin, "/api/entities", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed).toMatchObject({ status: 413, body: { error: { code: "BODY_TOO_LARGE" } } });
  });

  it("an application/json import of 400 MB is refused once past its limit, without reading the rest", async () => {
    const editor = await signedIn(db, "EDITOR");
    const total = 400 * 1024 * 1024;
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"format":"txt","language":"en","content":"'));
      },
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const rssBefore = process.memoryUsage().rss;
    const res = await send(importRoute, editor, "/api/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.body.error!.message).toMatch(/the limit is 16 MiB/);
    expect(pulled).toBeLessThan(40 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });
});
