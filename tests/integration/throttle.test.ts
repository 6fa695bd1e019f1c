import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ACCOUNT_POLICY, IP_POLICY, PAIR_POLICY } from "@/lib/auth/throttle";
import { CLI_ACTOR } from "@/lib/audit/log";
import { createDb } from "@/lib/db";
import { unlockSignIn } from "@/lib/users/unlock";
import { testDb } from "./db";
import { createUser } from "./support/users";

const db = testDb();
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

function attempts(email: string) {
  const pauses: number[] = [];
  const attempt = (password: string, now: Date, ip: string) =>
    signInWithPassword(db, { email, password, ip, now, pause: async (ms) => void pauses.push(ms) });
  return { attempt, pauses };
}

describe("sign-in throttling", () => {
  it("an attacker who knows an admin's e-mail cannot keep the admin out", async () => {
    const admin = await createUser(db, "ADMIN", "correct horse battery");
    const { attempt, pauses } = attempts(admin.email);
    const attacker = "203.0.113.66";
    const t0 = new Date("2030-01-01T10:00:00Z");

    // The attacker guesses again and again, waiting out each delay, until locked out, and keeps going.
    let now = t0;
    for (let i = 0; i < 40; i++) {
      now = at(now, PAIR_POLICY.maxDelayMs + 1);
      await attempt(`guess-${i}`, now, attacker);
    }
    const refused = await attempt("correct horse battery", at(now, 1), attacker);
    expect(refused).toMatchObject({ ok: false, code: "THROTTLED" });
    expect(refused.ok ? "" : refused.message).toMatch(
      /^Too many failed attempts for this account from your network\. Try again in \d+ minutes?\.$/,
    );

    // The owner, elsewhere, is let in with the right password: slowed by a capped pause, never refused.
    pauses.length = 0;
    const owner = await attempt("correct horse battery", at(now, 2), "198.51.100.7");
    expect(owner.ok).toBe(true);
    expect(pauses).toEqual([ACCOUNT_POLICY.maxDelayMs]);
    expect(await db.auditEvent.count({ where: { action: "auth.locked", targetId: admin.id } })).toBeGreaterThan(0);
  });

  it("an attacker changing address every try gains nothing but the account's pause, and the owner still gets in", async () => {
    const user = await createUser(db, "EDITOR", "correct horse battery");
    const { attempt, pauses } = attempts(user.email);
    const t0 = new Date("2030-01-02T10:00:00Z");
    for (let i = 0; i < 30; i++) {
      expect(await attempt(`guess-${i}`, at(t0, i), `192.0.2.${i + 1}`)).toMatchObject({ code: "INVALID" });
    }
    // Every try after the account's free failures paused first, doubling up to the cap.
    expect(pauses.length).toBe(30 - ACCOUNT_POLICY.freeFailures - 1);
    expect(pauses[0]).toBe(ACCOUNT_POLICY.baseDelayMs);
    expect(Math.max(...pauses)).toBe(ACCOUNT_POLICY.maxDelayMs);
    expect((await attempt("correct horse battery", at(t0, 100), "198.51.100.8")).ok).toBe(true);
    // Success forgets the account's failures.
    expect(await db.signInThrottle.count({ where: { key: `email:${user.email}` } })).toBe(0);
  });

  it("slows, then locks the account from one address, with a clear message, and lets it in after the lock", async () => {
    const user = await createUser(db, "VIEWER", "correct horse battery");
    const { attempt } = attempts(user.email);
    const ip = "198.51.100.20";
    const t0 = new Date("2030-01-03T10:00:00Z");
    for (let i = 0; i < PAIR_POLICY.freeFailures; i++) {
      expect(await attempt("wrong", at(t0, i), ip)).toMatchObject({ code: "INVALID" });
    }
    expect(await attempt("wrong", at(t0, 10), ip)).toMatchObject({ code: "INVALID" });
    const slowed = await attempt("correct horse battery", at(t0, 20), ip);
    expect(slowed).toMatchObject({ ok: false, code: "THROTTLED" });
    expect(slowed.ok ? "" : slowed.message).toMatch(/Try again in \d+ seconds?\.$/);

    let now = at(t0, 10);
    for (let failures = PAIR_POLICY.freeFailures + 1; failures < PAIR_POLICY.lockAfter; failures++) {
      now = at(now, PAIR_POLICY.maxDelayMs + 1);
      expect(await attempt("wrong", now, ip)).toMatchObject({ code: "INVALID" });
    }
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: `pair:${user.email}|${ip}` } });
    expect(row.failures).toBe(PAIR_POLICY.lockAfter);
    expect(row.lockedUntil?.getTime()).toBe(now.getTime() + PAIR_POLICY.lockMs);
    const locked = await attempt("correct horse battery", at(now, 5 * 60_000), ip);
    expect(locked.ok ? "" : locked.message).toBe(
      "Too many failed attempts for this account from your network. Try again in 10 minutes.",
    );
    expect((await attempt("correct horse battery", at(now, PAIR_POLICY.lockMs + 1000), ip)).ok).toBe(true);
  });

  it("an admin unlocks the account in the console (or the CLI): its counters are cleared and audited", async () => {
    const admin = await createUser(db, "ADMIN");
    const user = await createUser(db, "VIEWER", "correct horse battery");
    const { attempt } = attempts(user.email);
    const ip = "198.51.100.30";
    const t0 = new Date("2030-01-04T10:00:00Z");
    let now = t0;
    for (let i = 0; i < PAIR_POLICY.lockAfter; i++) {
      now = at(now, PAIR_POLICY.maxDelayMs + 1);
      await attempt("wrong", now, ip);
    }
    expect(await attempt("correct horse battery", at(now, 1), ip)).toMatchObject({ code: "THROTTLED" });
    const unlocked = await unlockSignIn(db, admin, { userId: user.id });
    expect(unlocked.countersCleared).toBe(2); // the account's, and the account's from that address
    expect((await attempt("correct horse battery", at(now, 2), ip)).ok).toBe(true);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "user.sign_in_unlocked", targetId: user.id } }),
    ).toMatchObject({ actorId: admin.id });
    // The CLI's form: by e-mail, any case.
    expect((await unlockSignIn(db, CLI_ACTOR, { email: user.email.toUpperCase() })).email).toBe(user.email);
  });

  it("counts failures per address across accounts, shared by every app instance through the database", async () => {
    const ip = "192.0.2.144";
    const t0 = new Date("2030-02-01T10:00:00Z");
    const other = createDb(process.env.DATABASE_URL!);
    try {
      for (let i = 0; i <= IP_POLICY.freeFailures; i++) {
        // Half the tries reach one instance, half another.
        await signInWithPassword(i % 2 ? db : other, {
          email: `nobody-${i}@it.parallax.test`,
          password: "x",
          ip,
          now: at(t0, i),
        });
      }
    } finally {
      await other.$disconnect();
    }
    const user = await createUser(db, "VIEWER", "correct horse battery");
    const result = await signInWithPassword(db, {
      email: user.email,
      password: "correct horse battery",
      ip,
      now: at(t0, IP_POLICY.freeFailures + 1),
    });
    expect(result).toMatchObject({ ok: false, code: "THROTTLED" });
    expect(result.ok ? "" : result.message).toMatch(/^Too many failed attempts from your network/);
    const elsewhere = await signInWithPassword(db, {
      email: user.email,
      password: "correct horse battery",
      ip: "192.0.2.145",
      now: at(t0, IP_POLICY.freeFailures + 1),
    });
    expect(elsewhere.ok).toBe(true);
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: `ip:${ip}` } });
    expect(row.failures).toBe(IP_POLICY.freeFailures + 1);
  });

  it("forgets a series of failures after an hour of quiet", async () => {
    const user = await createUser(db, "VIEWER", "correct horse battery");
    const { attempt } = attempts(user.email);
    const ip = "198.51.100.40";
    const t0 = new Date("2030-03-01T10:00:00Z");
    for (let i = 0; i < PAIR_POLICY.freeFailures + 1; i++) await attempt("wrong", at(t0, i), ip);
    const later = at(t0, PAIR_POLICY.resetAfterMs + 60_000);
    expect(await attempt("wrong", later, ip)).toMatchObject({ code: "INVALID" });
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: `pair:${user.email}|${ip}` } });
    expect(row.failures).toBe(1);
  });
});
