import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { resolveRequestUser } from "@/lib/auth/request-user";
import { revokeAllSessions, revokeSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { testDb } from "./db";
import { createUser, headersOf, sessionCookie } from "./support/users";

const db = testDb();

describe("sessions", () => {
  it("reflect a role change on the very next request", async () => {
    const user = await createUser(db, "EDITOR");
    const { cookie } = await sessionCookie(db, user.id);
    expect((await resolveRequestUser(db, headersOf({ cookie })))?.role).toBe("EDITOR");
    await db.user.update({ where: { id: user.id }, data: { role: "VIEWER" } });
    expect((await resolveRequestUser(db, headersOf({ cookie })))?.role).toBe("VIEWER");
  });

  it("end when the account is disabled, revoked, or signed out everywhere", async () => {
    const user = await createUser(db, "EDITOR");
    const a = await sessionCookie(db, user.id);
    const b = await sessionCookie(db, user.id);
    const c = await sessionCookie(db, user.id);
    await revokeSession(db, a.sessionId);
    expect(await resolveRequestUser(db, headersOf({ cookie: a.cookie }))).toBeNull();
    expect(await resolveRequestUser(db, headersOf({ cookie: b.cookie }))).not.toBeNull();
    await revokeAllSessions(db, user.id, b.sessionId);
    expect(await resolveRequestUser(db, headersOf({ cookie: c.cookie }))).toBeNull();
    expect(await resolveRequestUser(db, headersOf({ cookie: b.cookie }))).not.toBeNull();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await resolveRequestUser(db, headersOf({ cookie: b.cookie }))).toBeNull();
  });

  it("ignore forged or garbled cookies", async () => {
    const user = await createUser(db, "ADMIN");
    const { cookie } = await sessionCookie(db, user.id);
    const tampered = cookie.slice(0, -4) + (cookie.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await resolveRequestUser(db, headersOf({ cookie: tampered }))).toBeNull();
    expect(await resolveRequestUser(db, headersOf({ cookie: "next-auth.session-token=nonsense" }))).toBeNull();
  });
});

describe("password sign-in", () => {
  it("opens a session for the right password only, and records both outcomes in the audit log", async () => {
    const user = await createUser(db, "VIEWER", "correct horse battery");
    const wrong = await signInWithPassword(db, { email: user.email, password: "nope" });
    expect(wrong).toMatchObject({ ok: false, code: "INVALID" });
    const right = await signInWithPassword(db, {
      email: ` ${user.email.toUpperCase()} `,
      password: "correct horse battery",
    });
    expect(right.ok).toBe(true);
    const actions = (await db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["auth.sign_in_failed", "auth.sign_in"]);
  });

  it("refuses a disabled account with a clear message", async () => {
    const user = await createUser(db, "EDITOR", "correct horse battery");
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const result = await signInWithPassword(db, { email: user.email, password: "correct horse battery" });
    expect(result).toMatchObject({ ok: false, code: "DISABLED" });
  });
});

describe("API tokens", () => {
  it("act with the owner's current role until revoked", async () => {
    const user = await createUser(db, "EDITOR");
    const { id, token } = await createApiToken(db, user.id, "script");
    const auth = headersOf({ authorization: `Bearer ${token}` });
    expect(await resolveRequestUser(db, auth)).toMatchObject({ id: user.id, role: "EDITOR", via: "token" });
    await db.user.update({ where: { id: user.id }, data: { role: "VIEWER" } });
    expect((await resolveRequestUser(db, auth))?.role).toBe("VIEWER");
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(await revokeApiToken(db, user.id, id)).toBe(true);
    expect(await resolveRequestUser(db, auth)).toBeNull();
  });
});
