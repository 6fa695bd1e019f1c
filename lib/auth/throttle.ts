/**
 * Sign-in throttling. Failed attempts are counted per normalized e-mail and
 * per client IP in SignInThrottle, so the counters survive a restart and are
 * shared by every app process. After a few failures each further attempt must
 * wait a growing delay; past a limit the key is locked for a period. Locked or
 * waiting attempts are refused before the password is even checked.
 */
import type { Db } from "../db";

export interface ThrottlePolicy {
  /** Failures allowed before delays start. */
  freeFailures: number;
  /** Delay after the first failure past `freeFailures`, doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures that lock the key for `lockMs`. */
  lockAfter: number;
  lockMs: number;
  /** A series of failures is forgotten after this much quiet. */
  resetAfterMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  lockAfter: 10,
  lockMs: 15 * 60_000,
  resetAfterMs: 60 * 60_000,
};

// One address may serve a whole newsroom (NAT), so it gets more room.
export const IP_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  lockAfter: 100,
  lockMs: 15 * 60_000,
  resetAfterMs: 60 * 60_000,
};

export type ThrottleKey = { key: string; policy: ThrottlePolicy; scope: "account" | "ip" };

export function throttleKeys(email: string, ip: string | null | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `email:${email}`, policy: ACCOUNT_POLICY, scope: "account" }];
  if (ip) keys.push({ key: `ip:${ip}`, policy: IP_POLICY, scope: "ip" });
  return keys;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

/** When the next attempt may be made, or null if it may be made now. */
export function nextAllowedAt(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): Date | null {
  if (!state) return null;
  if (state.lockedUntil && state.lockedUntil > now) return state.lockedUntil;
  if (now.getTime() - state.lastFailureAt.getTime() > policy.resetAfterMs) return null;
  if (state.lockedUntil) return null; // an expired lock: a fresh series starts
  const over = state.failures - policy.freeFailures;
  if (over <= 0) return null;
  const delay = Math.min(policy.baseDelayMs * 2 ** (over - 1), policy.maxDelayMs);
  const at = new Date(state.lastFailureAt.getTime() + delay);
  return at > now ? at : null;
}

export interface Refusal {
  scope: "account" | "ip";
  retryAt: Date;
  locked: boolean;
  message: string;
}

function waitText(ms: number): string {
  if (ms < 60_000) {
    const s = Math.max(1, Math.ceil(ms / 1000));
    return `${s} second${s === 1 ? "" : "s"}`;
  }
  const m = Math.ceil(ms / 60_000);
  return `${m} minute${m === 1 ? "" : "s"}`;
}

/** The first reason to refuse an attempt now, or null when it may go ahead. */
export async function checkThrottle(db: Db, keys: ThrottleKey[], now = new Date()): Promise<Refusal | null> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  for (const { key, policy, scope } of keys) {
    const row = rows.find((r) => r.key === key) ?? null;
    const retryAt = nextAllowedAt(row, policy, now);
    if (!retryAt) continue;
    const locked = !!row?.lockedUntil && row.lockedUntil > now;
    const who = scope === "account" ? "for this account" : "from your network";
    return {
      scope,
      retryAt,
      locked,
      message: `Too many failed attempts ${who}. Try again in ${waitText(retryAt.getTime() - now.getTime())}.`,
    };
  }
  return null;
}

/**
 * Counts a failure against every key, atomically (one upsert per key), and
 * locks keys that reach their limit. Returns the keys that became locked.
 */
export async function recordFailure(db: Db, keys: ThrottleKey[], now = new Date()): Promise<ThrottleKey[]> {
  const locked: ThrottleKey[] = [];
  for (const k of keys) {
    const { policy } = k;
    const staleBefore = new Date(now.getTime() - policy.resetAfterMs);
    const lockUntil = new Date(now.getTime() + policy.lockMs);
    // A series restarts after quiet or after an expired lock.
    const rows = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "firstFailureAt", "lastFailureAt")
      VALUES (${k.key}, 1, ${now}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE
          WHEN "SignInThrottle"."lastFailureAt" < ${staleBefore}
            OR ("SignInThrottle"."lockedUntil" IS NOT NULL AND "SignInThrottle"."lockedUntil" <= ${now})
          THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "firstFailureAt" = CASE
          WHEN "SignInThrottle"."lastFailureAt" < ${staleBefore}
            OR ("SignInThrottle"."lockedUntil" IS NOT NULL AND "SignInThrottle"."lockedUntil" <= ${now})
          THEN ${now} ELSE "SignInThrottle"."firstFailureAt" END,
        "lockedUntil" = CASE
          WHEN "SignInThrottle"."lockedUntil" IS NOT NULL AND "SignInThrottle"."lockedUntil" <= ${now}
          THEN NULL ELSE "SignInThrottle"."lockedUntil" END,
        "lastFailureAt" = ${now}
      RETURNING "failures", "lockedUntil"`;
    const row = rows[0];
    if (row && row.failures >= policy.lockAfter && !row.lockedUntil) {
      await db.signInThrottle.update({ where: { key: k.key }, data: { lockedUntil: lockUntil } });
      locked.push(k);
    }
  }
  return locked;
}

/** A successful sign-in clears the account's counter (the IP's stays: one success does not vouch for a network). */
export async function clearAccountThrottle(db: Db, email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: `email:${email}` } });
}
