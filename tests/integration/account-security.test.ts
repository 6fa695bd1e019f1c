import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { createTokenAction } from "@/app/(app)/account/tokens/actions";
import { createApiToken, resolveApiToken } from "@/lib/auth/api-tokens";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { withRequestHeaders } from "@/lib/auth/current-user";
import { resetPassword } from "@/lib/users/manage";
import { testDb } from "./db";
import { call } from "./support/api";
import { createUser, headersOf, sessionCookie } from "./support/users";

const db = testDb();

async function meWithToken(token: string) {
  const { NextRequest } = await import("next/server");
  const res = await me(new NextRequest("http://localhost/api/me", { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({}) as never,
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

describe("a temporary password comes first", () => {
  it("a session that must change its password cannot create an API token", async () => {
    const user = await createUser(db, "ADMIN");
    await db.user.update({ where: { id: user.id }, data: { mustSetPassword: true } });
    const { cookie } = await sessionCookie(db, user.id);
    const result = await withRequestHeaders(headersOf({ cookie }), () =>
      createTokenAction({ name: "forever", expiresInDays: null }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "PASSWORD_CHANGE_REQUIRED" } });
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a token is never more than its owner: it stops while the owner must change the password", async () => {
    const user = await createUser(db, "ADMIN", "the first passphrase");
    const { token } = await createApiToken(db, user.id, "script");
    expect((await meWithToken(token)).status).toBe(200);
    await db.user.update({ where: { id: user.id }, data: { mustSetPassword: true } });
    expect(await meWithToken(token)).toMatchObject({
      status: 403,
      body: { error: { code: "PASSWORD_CHANGE_REQUIRED" } },
    });
  });

  it("the password change itself is allowed, and ends the token's life", async () => {
    const user = await createUser(db, "EDITOR", "the first passphrase");
    await db.user.update({ where: { id: user.id }, data: { mustSetPassword: true } });
    const { token } = await createApiToken(db, user.id, "script");
    const { sessionId } = await sessionCookie(db, user.id);
    const changed = await changeOwnPassword(
      db,
      { id: user.id, email: user.email, sessionId },
      { currentPassword: "the first passphrase", newPassword: "a much better passphrase" },
    );
    expect(changed.tokensRevoked).toBe(1);
    expect(await resolveApiToken(db, token)).toBeNull();
  });
});

describe("password reset and change revoke API tokens", () => {
  it("an admin's reset revokes every token of the user, and says how many", async () => {
    const admin = await createUser(db, "ADMIN");
    const user = await createUser(db, "EDITOR");
    const a = await createApiToken(db, user.id, "a");
    const b = await createApiToken(db, user.id, "b");
    const reset = await resetPassword(db, admin, user.id);
    expect(reset.tokensRevoked).toBe(2);
    expect(await resolveApiToken(db, a.token)).toBeNull();
    expect(await resolveApiToken(db, b.token)).toBeNull();
    expect((await meWithToken(a.token)).status).toBe(401);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.password_reset", targetId: user.id },
    });
    expect(event.detail).toMatchObject({ tokensRevoked: 2 });
  });

  it("a user's own password change revokes their tokens", async () => {
    const user = await createUser(db, "VIEWER", "the first passphrase");
    const { token } = await createApiToken(db, user.id, "script");
    const other = await createUser(db, "VIEWER");
    const untouched = await createApiToken(db, other.id, "other");
    const { sessionId, cookie } = await sessionCookie(db, user.id);
    const changed = await changeOwnPassword(
      db,
      { id: user.id, email: user.email, sessionId },
      { currentPassword: "the first passphrase", newPassword: "a much better passphrase" },
    );
    expect(changed).toEqual({ sessionsEnded: 0, tokensRevoked: 1 });
    expect(await resolveApiToken(db, token)).toBeNull();
    expect(await resolveApiToken(db, untouched.token)).not.toBeNull();
    // The session that changed the password stays signed in.
    expect((await call(me, { as: { id: user.id, name: "", cookie } })).status).toBe(200);
  });
});
