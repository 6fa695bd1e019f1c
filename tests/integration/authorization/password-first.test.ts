/**
 * A user who still has to replace a temporary password may do nothing else:
 * every route handler (with their browser session or with an API token of
 * theirs) and every server action answers PASSWORD_CHANGE_REQUIRED, except the
 * password change itself and what is public.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { authSecret, sessionCookieName } from "@/lib/auth/config";
import { withRequestHeaders } from "@/lib/auth/current-user";
import { createSession } from "@/lib/auth/sessions";
import type { Access } from "@/lib/http/access";
import { testDb } from "../db";

const db = testDb();
const APP = path.resolve(import.meta.dirname, "../../../app");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

type Guarded = ((...args: never[]) => Promise<unknown>) & { access?: Access };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

const passwordChange = (access: Access | undefined) =>
  typeof access === "object" && access.permission === "account.password";

async function mustChangeUser() {
  return db.user.create({
    data: {
      email: `must-change-${randomBytes(6).toString("hex")}@it.parallax.test`,
      name: "Temporary",
      role: "ADMIN",
      mustSetPassword: true,
    },
  });
}

async function sessionHeaders(userId: string): Promise<Headers> {
  const sid = await createSession(db, userId);
  const cookie = `${sessionCookieName()}=${await encode({ token: { sid }, secret: authSecret() })}`;
  return new Headers({ origin: "http://localhost", cookie });
}

describe("before a temporary password is replaced", () => {
  it("every route answers PASSWORD_CHANGE_REQUIRED, to the session and to the owner's tokens", async () => {
    const user = await mustChangeUser();
    const { token } = await createApiToken(db, user.id, "made earlier");
    const wrong: string[] = [];
    let checked = 0;
    for (const file of files(APP).filter((f) => /\/route\.tsx?$/.test(f))) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, Guarded>;
      const pathname = path
        .relative(APP, path.dirname(file))
        .split(path.sep)
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s) => (s.startsWith("[...") ? "x" : s.startsWith("[") ? randomUUID() : s))
        .join("/");
      for (const method of METHODS) {
        const fn = mod[method];
        if (typeof fn !== "function" || fn.access === "public") continue;
        for (const via of ["session", "token"] as const) {
          const headers =
            via === "session"
              ? await sessionHeaders(user.id)
              : new Headers({ origin: "http://localhost", authorization: `Bearer ${token}` });
          const hasBody = !["GET", "HEAD", "OPTIONS"].includes(method);
          if (hasBody) headers.set("content-type", "application/json");
          const req = new NextRequest(`http://localhost/${pathname}`, {
            method,
            headers,
            body: hasBody ? "{}" : undefined,
          });
          const params = Object.fromEntries(
            [...file.matchAll(/\[(\.\.\.)?([^\]/]+)\]/g)].map(([, all, n]) => [n, all ? ["x"] : randomUUID()]),
          );
          const res = (await fn(req as never, { params: Promise.resolve(params) } as never)) as Response;
          const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
          checked++;
          if (res.status !== 403 || body.error?.code !== "PASSWORD_CHANGE_REQUIRED") {
            wrong.push(`${method} /${pathname} via ${via}: ${res.status} ${body.error?.code ?? ""}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(wrong, wrong.join("\n")).toEqual([]);
  }, 120_000);

  it("every server action but the password change answers PASSWORD_CHANGE_REQUIRED", async () => {
    const user = await mustChangeUser();
    const wrong: string[] = [];
    const allowed: string[] = [];
    for (const file of files(APP).filter((f) => /\/actions\.tsx?$/.test(f))) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, Guarded>;
      for (const [name, fn] of Object.entries(mod)) {
        if (typeof fn !== "function" || fn.access === "public") continue;
        const headers = await sessionHeaders(user.id);
        const result = (await withRequestHeaders(headers, () => (fn as (i: unknown) => Promise<unknown>)({}))) as {
          ok: boolean;
          error?: { code: string };
        };
        const key = `${path.relative(APP, file)}#${name}`;
        if (passwordChange(fn.access)) {
          allowed.push(key);
          if (result.error?.code === "PASSWORD_CHANGE_REQUIRED") wrong.push(`${key} refused the password change`);
        } else if (result.error?.code !== "PASSWORD_CHANGE_REQUIRED") {
          wrong.push(`${key}: ${result.ok ? "ok" : result.error?.code}`);
        }
      }
    }
    expect(allowed).toEqual(["(app)/account/password/actions.ts#changePasswordAction"]);
    expect(wrong, wrong.join("\n")).toEqual([]);
  }, 120_000);
});
