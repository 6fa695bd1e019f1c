import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ACCOUNT_POLICY, IP_POLICY } from "@/lib/auth/throttle";
import { testDb } from "./db";
import { createUser } from "./support/users";

const db = testDb();
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe("sign-in throttling", () => {
  it("slows, then locks an account after repeated failures, with a clear message, even for the right password", async () => {
    const user = await createUser(db, "EDITOR", "correct horse battery");
    const t0 = new Date("2030-01-01T10:00:00Z");
    const attempt = (password: string, now: Date, ip = "198.51.100.7") =>
      signInWithPassword(db, { email: user.email, password, ip, now });

    // The free failures answer "wrong password" at once.
    for (let i = 0; i < ACCOUNT_POLICY.freeFailures; i++) {
      expect(await attempt("wrong", at(t0, i))).toMatchObject({ ok: false, code: "INVALID" });
    }
    // The next one is still checked, but arms a delay …
    expect(await attempt("wrong", at(t0, 10))).toMatchObject({ code: "INVALID" });
    // … so an immediate retry (from any address) is refused without checking the password.
    const slowed = await attempt("correct horse battery", at(t0, 20), "203.0.113.9");
    expect(slowed).toMatchObject({ ok: false, code: "THROTTLED" });
    expect(slowed.ok ? "" : slowed.message).toMatch(
      /^Too many failed attempts for this account\. Try again in \d+ seconds?\.$/,
    );

    // Keep failing, each time after waiting out the delay, until the lock.
    let now = at(t0, 10);
    for (let failures = ACCOUNT_POLICY.freeFailures + 1; failures < ACCOUNT_POLICY.lockAfter; failures++) {
      now = at(now, ACCOUNT_POLICY.maxDelayMs + 1);
      expect(await attempt("wrong", now)).toMatchObject({ code: "INVALID" });
    }
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: `email:${user.email}` } });
    expect(row.failures).toBe(ACCOUNT_POLICY.lockAfter);
    expect(row.lockedUntil?.getTime()).toBe(now.getTime() + ACCOUNT_POLICY.lockMs);

    const locked = await attempt("correct horse battery", at(now, 5 * 60_000));
    expect(locked).toMatchObject({ ok: false, code: "THROTTLED" });
    expect(locked.ok ? "" : locked.message).toBe("Too many failed attempts for this account. Try again in 10 minutes.");
    expect(await db.auditEvent.count({ where: { action: "auth.locked", targetId: user.id } })).toBe(1);

    // After the lock the right password works and clears the account's counter.
    const after = await attempt("correct horse battery", at(now, ACCOUNT_POLICY.lockMs + 1000));
    expect(after.ok).toBe(true);
    expect(await db.signInThrottle.findUnique({ where: { key: `email:${user.email}` } })).toBeNull();
  });

  it("counts failures per IP across accounts, and keeps the counters in the database", async () => {
    const ip = "192.0.2.44";
    const t0 = new Date("2030-02-01T10:00:00Z");
    for (let i = 0; i <= IP_POLICY.freeFailures; i++) {
      await signInWithPassword(db, { email: `nobody-${i}@it.parallax.test`, password: "x", ip, now: at(t0, i) });
    }
    // A different, real account from the same address is slowed too.
    const user = await createUser(db, "VIEWER", "correct horse battery");
    const result = await signInWithPassword(db, {
      email: user.email,
      password: "correct horse battery",
      ip,
      now: at(t0, IP_POLICY.freeFailures + 1),
    });
    expect(result).toMatchObject({ ok: false, code: "THROTTLED" });
    expect(result.ok ? "" : result.message).toMatch(/from your network/);
    // The same account from another address is fine.
    const elsewhere = await signInWithPassword(db, {
      email: user.email,
      password: "correct horse battery",
      ip: "192.0.2.45",
      now: at(t0, IP_POLICY.freeFailures + 1),
    });
    expect(elsewhere.ok).toBe(true);
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: `ip:${ip}` } });
    expect(row.failures).toBe(IP_POLICY.freeFailures + 1);
  });

  it("forgets a series of failures after an hour of quiet", async () => {
    const user = await createUser(db, "VIEWER", "correct horse battery");
    const t0 = new Date("2030-03-01T10:00:00Z");
    for (let i = 0; i < ACCOUNT_POLICY.freeFailures + 1; i++) {
      await signInWithPassword(db, { email: user.email, password: "wrong", now: at(t0, i) });
    }
    const later = at(t0, ACCOUNT_POLICY.resetAfterMs + 60_000);
    expect(await signInWithPassword(db, { email: user.email, password: "wrong", now: later })).toMatchObject({
      code: "INVALID",
    });
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: `email:${user.email}` } });
    expect(row.failures).toBe(1);
  });
});
