/**
 * What anonymous visitors and viewers must not learn: the database's error
 * text (a NUL in the sign-in e-mail), and which e-mail addresses have
 * accounts (an export filtered by annotator e-mail).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as exportPost } from "@/app/api/export/route";
import { POST as previewPost } from "@/app/api/export/preview/route";
import { POST as jobsPost } from "@/app/api/exports/route";
import { authOptions, SIGN_IN_FAILED } from "@/lib/auth/next-auth";
import { testDb } from "./db";
import { call, signedIn, type Caller } from "./support/api";
import { createUser, sessionCookie } from "./support/users";

const db = testDb();

type Authorize = (credentials: Record<string, string>, req: unknown) => Promise<unknown>;

function credentialsAuthorize(): Authorize {
  const provider = authOptions({ ip: "203.0.113.7", userAgent: "it" }).providers.find((p) => p.id === "credentials");
  return (provider as unknown as { options: { authorize: Authorize } }).options.authorize;
}

async function signInError(email: string, password: string): Promise<string> {
  try {
    await credentialsAuthorize()({ email, password }, {});
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("sign-in succeeded");
}

describe("sign-in never shows the database's words", () => {
  it("a NUL or a lone surrogate in the e-mail gets the same answer as a wrong password", async () => {
    const user = await createUser(db, "VIEWER");
    const wrong = await signInError(user.email, "not-the-password");
    expect(wrong).toBe("That e-mail and password do not match an account.");
    for (const email of [`${user.email}\u0000`, `a\u0000b@it.parallax.test`, `x\ud800@it.parallax.test`]) {
      expect(await signInError(email, user.password)).toBe(wrong);
    }
    // Audited and throttled like any other failure.
    const failures = await db.auditEvent.count({
      where: {
        action: "auth.sign_in_failed",
        ip: "203.0.113.7",
        detail: { path: ["email"], equals: "a\ufffdb@it.parallax.test" },
      },
    });
    expect(failures).toBe(1);
  });

  it("an unexpected failure in the database is reported with a generic message, never the error's own text", async () => {
    const ip = "198.51.100.66";
    // Stands in for any failure of the database while signing in (here: writing the audit event).
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION it_fail_audit() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'internal detail: relation "SignInThrottle" is broken'; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE TRIGGER it_fail_audit BEFORE INSERT ON "AuditEvent"
      FOR EACH ROW WHEN (NEW.ip = '${ip}') EXECUTE FUNCTION it_fail_audit()`);
    try {
      const provider = authOptions({ ip, userAgent: "it" }).providers.find((p) => p.id === "credentials");
      const authorize = (provider as unknown as { options: { authorize: Authorize } }).options.authorize;
      const message = await authorize({ email: `nobody-${randomUUID()}@it.parallax.test`, password: "x" }, {}).then(
        () => "signed in",
        (e: Error) => e.message,
      );
      expect(message).toBe(SIGN_IN_FAILED);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS it_fail_audit ON "AuditEvent"`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS it_fail_audit()`);
    }
  });
});

describe("exports do not confirm which e-mail addresses have accounts", () => {
  const filterBy = (email: string) => ({ format: "jsonl", filter: { annotators: [email] } });

  async function answers(as: Caller, handler: unknown, email: string) {
    const res = await call<{ error?: { code: string; message: string } }>(handler, { as, body: filterBy(email) });
    return { status: res.status, code: res.body.error?.code, message: res.body.error?.message };
  }

  it("a viewer gets the same refusal for an address with an account and one without", async () => {
    const viewer = await signedIn(db, "VIEWER");
    const existing = await createUser(db, "EDITOR");
    const ghost = `ghost-${randomUUID()}@it.parallax.test`;
    for (const handler of [previewPost, exportPost, jobsPost]) {
      const known = await answers(viewer, handler, existing.email);
      const unknown = await answers(viewer, handler, ghost);
      expect(known).toEqual(unknown);
      expect(known).toMatchObject({ status: 400, code: "INVALID_EXPORT_FILTER" });
      expect(known.message).not.toContain(existing.email);
    }
    // By id, as the Export page names them, a viewer's filter works.
    const byId = await call(previewPost, { as: viewer, body: { filter: { annotators: [existing.id] } } });
    expect(byId.status).toBe(200);
  });

  it("nor does an annotator's layer named by e-mail; one's own layer by one's own address still works", async () => {
    const viewerUser = await createUser(db, "VIEWER");
    const viewer: Caller = {
      id: viewerUser.id,
      name: viewerUser.name,
      cookie: (await sessionCookie(db, viewerUser.id)).cookie,
    };
    const existing = await createUser(db, "EDITOR");
    const ghost = `ghost-${randomUUID()}@it.parallax.test`;
    for (const as of [viewer, await signedIn(db, "EDITOR")]) {
      const layer = async (email: string) => {
        const res = await call<{ error?: { code: string; message: string } }>(previewPost, {
          as,
          body: { filter: { layer: email } },
        });
        return { status: res.status, code: res.body.error?.code, message: res.body.error?.message };
      };
      const known = await layer(existing.email);
      expect(known).toEqual(await layer(ghost));
      expect(known).toMatchObject({ status: 400, code: "INVALID_EXPORT_FILTER" });
    }
    const own = await call(previewPost, { as: viewer, body: { filter: { layer: viewerUser.email } } });
    expect(own.status).toBe(200);
  });

  it("an administrator may still select annotators by e-mail, and is told which are unknown", async () => {
    const admin = await signedIn(db, "ADMIN");
    const existing = await createUser(db, "EDITOR");
    expect((await call(previewPost, { as: admin, body: { filter: { annotators: [existing.email] } } })).status).toBe(
      200,
    );
    const ghost = `ghost-${randomUUID()}@it.parallax.test`;
    const unknown = await answers(admin, previewPost, ghost);
    expect(unknown).toMatchObject({ status: 400, message: expect.stringContaining(`unknown annotators: ${ghost}`) });
  });
});
