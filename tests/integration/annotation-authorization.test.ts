/**
 * Walks every route in the annotation expectations with a real session per
 * role (and none), and checks who gets through. The repository-wide matrix
 * (accounts area) covers the same list; this keeps the annotation routes
 * honest on their own. Server actions need Next's request scope (and import
 * server-only), so they are left to the matrix and e2e/taxonomy-admin.spec.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { annotationExpectations } from "./authorization/expectations/annotation";
import { testDb } from "./db";
import { anonymous, call, signedIn, type Caller } from "./support/api";

const db = testDb();
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  callers.anonymous = anonymous;
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) callers[role] = await signedIn(db, role);
});

const modules = import.meta.glob("../../app/**/route.ts");
const load = async (file: string) => {
  const loader = modules[`../../${file}`];
  if (!loader) throw new Error(`${file} does not exist`);
  return (await loader()) as Record<string, unknown>;
};

describe("annotation authorization", () => {
  const routes = annotationExpectations.filter((e) => e.kind === "route");

  it.each(routes.map((e) => [`${e.method} ${e.path}`, e] as const))("%s", async (_name, e) => {
    const mod = await load(e.path);
    for (const [caller, expected] of Object.entries(e.expected)) {
      const res = await call(mod[e.method], {
        as: callers[caller]!,
        method: e.method,
        params: { id: "00000000-0000-4000-8000-000000000000" },
        body: e.method === "GET" ? undefined : (e.body ?? {}),
      });
      if (expected === "allow") expect([401, 403], `${caller} ${e.method} ${e.path}`).not.toContain(res.status);
      else expect(res.status, `${caller} ${e.method} ${e.path}`).toBe(expected);
    }
  });

  it("lists every annotation route file with each method it exports", async () => {
    const listed = new Set(routes.map((e) => `${e.method} ${e.path}`));
    const files = new Set(routes.map((e) => e.path));
    for (const file of files) {
      const mod = await load(file);
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        if (mod[method]) expect(listed, `${method} ${file}`).toContain(`${method} ${file}`);
      }
    }
  });
});
