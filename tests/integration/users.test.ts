import { describe, expect, it } from "vitest";
import { resolveRequestUser } from "@/lib/auth/request-user";
import { findUsablePasswordToken, setPasswordWithToken } from "@/lib/auth/password-tokens";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ensureFirstAdmin } from "@/lib/auth/bootstrap";
import { queryAuditLog } from "@/lib/audit/query";
import { listUsers } from "@/lib/users/list";
import { changeRole, createUser as adminCreateUser, resetPassword, setDisabled } from "@/lib/users/manage";
import { testDb } from "./db";
import { createUser, headersOf, sessionCookie } from "./support/users";

const db = testDb();
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

/** Leaves `keep` as the only active admin (other tests' admins are disabled directly). */
async function onlyAdmin(keep: string[]) {
  await db.user.updateMany({
    where: { role: "ADMIN", disabledAt: null, id: { notIn: keep } },
    data: { disabledAt: new Date() },
  });
}

describe("creating a user", () => {
  it("gives a one-time set-password link, never a password, and audits it", async () => {
    const admin = await createUser(db, "ADMIN");
    const email = `New.Person-${Date.now()}@Example.org`;
    const created = await adminCreateUser(db, admin, { email, name: "New Person", role: "EDITOR" });
    const user = await db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(user).toMatchObject({ email: email.toLowerCase(), role: "EDITOR", passwordHash: null });
    expect(created.link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
    const stored = await db.passwordToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).not.toContain(tokenOf(created.link));
    expect(stored.purpose).toBe("SETUP");

    // Nobody can sign in before the link is used.
    expect(await signInWithPassword(db, { email, password: "" })).toMatchObject({ ok: false, code: "INVALID" });

    await expect(setPasswordWithToken(db, tokenOf(created.link), "short")).rejects.toThrow(/at least 12/);
    await setPasswordWithToken(db, tokenOf(created.link), "a long enough passphrase");
    expect((await signInWithPassword(db, { email, password: "a long enough passphrase" })).ok).toBe(true);
    // The link works once.
    expect(await findUsablePasswordToken(db, tokenOf(created.link))).toBeNull();
    await expect(setPasswordWithToken(db, tokenOf(created.link), "another long passphrase")).rejects.toThrow(
      /not valid any more/,
    );

    const events = await queryAuditLog(db, { target: user.id });
    expect(events.events.map((e) => e.action)).toEqual([
      "auth.sign_in",
      "user.password_set",
      "auth.sign_in_failed",
      "user.created",
    ]);
    expect(events.events[3]).toMatchObject({
      actorId: admin.id,
      after: { email: email.toLowerCase(), role: "EDITOR" },
    });
  });

  it("refuses a second account for the same e-mail and invalid input", async () => {
    const admin = await createUser(db, "ADMIN");
    const existing = await createUser(db, "VIEWER");
    await expect(
      adminCreateUser(db, admin, { email: existing.email.toUpperCase(), name: "Twin", role: "VIEWER" }),
    ).rejects.toMatchObject({ code: "EMAIL_TAKEN", status: 409 });
    await expect(adminCreateUser(db, admin, { email: "nope", name: "X", role: "VIEWER" })).rejects.toThrow();
  });
});

describe("changing roles and disabling", () => {
  it("applies a role change to open sessions on the next request, and audits before/after", async () => {
    const admin = await createUser(db, "ADMIN");
    const editor = await createUser(db, "EDITOR");
    const { cookie } = await sessionCookie(db, editor.id);
    await changeRole(db, admin, editor.id, "VIEWER");
    expect((await resolveRequestUser(db, headersOf({ cookie })))?.role).toBe("VIEWER");
    const [event] = (await queryAuditLog(db, { target: editor.email, action: "user.role_changed" })).events;
    expect(event).toMatchObject({ actorEmail: admin.email, before: { role: "EDITOR" }, after: { role: "VIEWER" } });
  });

  it("ends every session and token at once when disabling, and lets the account back in when enabled", async () => {
    const admin = await createUser(db, "ADMIN");
    const editor = await createUser(db, "EDITOR", "correct horse battery");
    const a = await sessionCookie(db, editor.id);
    const b = await sessionCookie(db, editor.id);
    const result = await setDisabled(db, admin, editor.id, true);
    expect(result).toEqual({ changed: true, sessionsEnded: 2 });
    expect(await resolveRequestUser(db, headersOf({ cookie: a.cookie }))).toBeNull();
    expect(await resolveRequestUser(db, headersOf({ cookie: b.cookie }))).toBeNull();
    expect(await signInWithPassword(db, { email: editor.email, password: "correct horse battery" })).toMatchObject({
      code: "DISABLED",
    });
    await setDisabled(db, admin, editor.id, false);
    // Old sessions stay ended; a new sign-in works.
    expect(await resolveRequestUser(db, headersOf({ cookie: a.cookie }))).toBeNull();
    expect((await signInWithPassword(db, { email: editor.email, password: "correct horse battery" })).ok).toBe(true);
  });

  it("resets a password: the old one stops working and every session ends", async () => {
    const admin = await createUser(db, "ADMIN");
    const user = await createUser(db, "VIEWER", "the old passphrase");
    const { cookie } = await sessionCookie(db, user.id);
    const reset = await resetPassword(db, admin, user.id);
    expect(reset.sessionsEnded).toBe(1);
    expect(await resolveRequestUser(db, headersOf({ cookie }))).toBeNull();
    expect(await signInWithPassword(db, { email: user.email, password: "the old passphrase" })).toMatchObject({
      code: "INVALID",
    });
    await setPasswordWithToken(db, tokenOf(reset.link), "the new passphrase");
    expect((await signInWithPassword(db, { email: user.email, password: "the new passphrase" })).ok).toBe(true);
  });

  it("a newer link replaces an older one", async () => {
    const admin = await createUser(db, "ADMIN");
    const user = await createUser(db, "VIEWER");
    const first = await resetPassword(db, admin, user.id);
    const second = await resetPassword(db, admin, user.id);
    expect(await findUsablePasswordToken(db, tokenOf(first.link))).toBeNull();
    expect(await findUsablePasswordToken(db, tokenOf(second.link))).not.toBeNull();
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or disabled, not even by themself", async () => {
    const admin = await createUser(db, "ADMIN");
    await onlyAdmin([admin.id]);
    await expect(changeRole(db, admin, admin.id, "EDITOR")).rejects.toMatchObject({ code: "LAST_ADMIN" });
    await expect(setDisabled(db, admin, admin.id, true)).rejects.toMatchObject({ code: "LAST_ADMIN" });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    // With a second admin, the first may step down.
    const second = await createUser(db, "ADMIN");
    await changeRole(db, second, admin.id, "EDITOR");
    await expect(changeRole(db, second, second.id, "VIEWER")).rejects.toMatchObject({ code: "LAST_ADMIN" });
  });

  it("survives two admins demoting each other at the same moment", async () => {
    const a = await createUser(db, "ADMIN");
    const b = await createUser(db, "ADMIN");
    await onlyAdmin([a.id, b.id]);
    const results = await Promise.allSettled([changeRole(db, a, b.id, "VIEWER"), changeRole(db, b, a.id, "VIEWER")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "LAST_ADMIN" });
    expect(await db.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
  });

  it("the first run creates an admin only when no active one exists", async () => {
    await onlyAdmin([]);
    const email = `first-${Date.now()}@it.parallax.test`;
    const first = await ensureFirstAdmin(db, email);
    expect(first?.email).toBe(email);
    expect(first?.password.length).toBeGreaterThanOrEqual(20);
    expect(await ensureFirstAdmin(db, email)).toBeNull();
    const admin = await db.user.findUniqueOrThrow({ where: { email } });
    expect(admin).toMatchObject({ role: "ADMIN", mustSetPassword: true });
  });
});

describe("listing users", () => {
  it("searches name and e-mail and filters by role and status", async () => {
    const tag = `zq${Date.now()}`;
    const admin = await createUser(db, "ADMIN");
    const created = await adminCreateUser(db, admin, {
      email: `${tag}@example.org`,
      name: "Searchable Person",
      role: "VIEWER",
    });
    expect((await listUsers(db, { q: tag.toUpperCase() })).users.map((u) => u.id)).toEqual([created.id]);
    expect((await listUsers(db, { q: tag, role: "EDITOR" })).total).toBe(0);
    await setDisabled(db, admin, created.id, true);
    expect((await listUsers(db, { q: tag, status: "disabled" })).total).toBe(1);
    expect((await listUsers(db, { q: tag, status: "active" })).total).toBe(0);
  });
});

describe("the audit log", () => {
  it("filters by action prefix, actor and date, and pages by id", async () => {
    const admin = await createUser(db, "ADMIN");
    const targets = await Promise.all([1, 2, 3].map(() => createUser(db, "VIEWER")));
    for (const t of targets) await changeRole(db, admin, t.id, "EDITOR");
    const page1 = await queryAuditLog(db, { actor: admin.email, action: "user.", pageSize: 2 });
    expect(page1.events).toHaveLength(2);
    expect(page1.hasOlder).toBe(true);
    const page2 = await queryAuditLog(db, {
      actor: admin.email,
      action: "user.",
      pageSize: 2,
      before: page1.events[1]!.id,
    });
    expect(page2.events).toHaveLength(1);
    expect(page2.hasOlder).toBe(false);
    const back = await queryAuditLog(db, {
      actor: admin.email,
      action: "user.",
      pageSize: 2,
      after: page2.events[0]!.id,
    });
    expect(back.events.map((e) => e.id)).toEqual(page1.events.map((e) => e.id));
    expect((await queryAuditLog(db, { actor: admin.email, from: new Date(Date.now() + 86_400_000) })).events).toEqual(
      [],
    );
  });
});
