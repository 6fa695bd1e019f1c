/**
 * Sign-in throttling, designed so that an attacker elsewhere cannot keep an
 * account's owner out. Failures are counted in SignInThrottle (PostgreSQL, so
 * every app instance shares the counters and they survive restarts) under
 * three keys:
 *
 * - the account from this address (`pair:`): past a few failures each try
 *   waits a doubling delay, past the limit the pair is locked. Refused before
 *   the password is checked — but only for that address.
 * - the address (`ip:`), across accounts, with more room (one address may be
 *   a whole newsroom behind NAT): refused the same way.
 * - the account from everywhere (`email:`): never refused and never locked.
 *   Past its free failures every try for the account, right password or
 *   wrong, first waits a short, capped pause — it slows a distributed attack
 *   without turning the owner away.
 *
 * A success clears the account's keys; an admin can clear them too (unlock).
 */
import type { Db } from "../db";

export interface ThrottlePolicy {
  /** Failures allowed before delays start. */
  freeFailures: number;
  /** Delay after the first failure past `freeFailures`, doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures that lock the key for `lockMs` (Infinity: never). */
  lockAfter: number;
  lockMs: number;
  /** A series of failures is forgotten after this much quiet. */
  resetAfterMs: number;
}

/** One account from one address. */
export const PAIR_POLICY: ThrottlePolicy = {
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

/** One account from every address: a pause before each check, never a refusal. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  baseDelayMs: 250,
  maxDelayMs: 3_000,
  lockAfter: Number.POSITIVE_INFINITY,
  lockMs: 0,
  resetAfterMs: 60 * 60_000,
};

export type ThrottleScope = "pair" | "ip" | "account";
export type ThrottleKey = { key: string; policy: ThrottlePolicy; scope: ThrottleScope };

export function throttleKeys(email: string, ip: string | null | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [
    { key: `pair:${email}|${ip ?? "?"}`, policy: PAIR_POLICY, scope: "pair" },
    { key: `email:${email}`, policy: ACCOUNT_POLICY, scope: "account" },
  ];
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

/**
 * The pause before an attempt on a key that never refuses (the account from
 * every address): 0 within the free failures, then doubling up to the maximum.
 */
export function pauseFor(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): number {
  if (!state || now.getTime() - state.lastFailureAt.getTime() > policy.resetAfterMs) return 0;
  const over = state.failures - policy.freeFailures;
  return over <= 0 ? 0 : Math.min(policy.baseDelayMs * 2 ** (over - 1), policy.maxDelayMs);
}

export interface Refusal {
  scope: ThrottleScope;
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

/**
 * The first reason to refuse an attempt now (its account-and-address or
 * address keys), or null when it may go ahead, with the pause it must wait
 * first (its account key).
 */
export async function checkThrottle(
  db: Db,
  keys: ThrottleKey[],
  now = new Date(),
): Promise<{ refusal: Refusal | null; pauseMs: number }> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const account = keys.find((k) => k.scope === "account");
  const accountRow = account ? (rows.find((r) => r.key === account.key) ?? null) : null;
  const pauseMs = account ? pauseFor(accountRow, account.policy, now) : 0;
  return { refusal: firstRefusal(rows, keys, now), pauseMs };
}

function firstRefusal(
  rows: { key: string; failures: number; lastFailureAt: Date; lockedUntil: Date | null }[],
  keys: ThrottleKey[],
  now: Date,
): Refusal | null {
  for (const { key, policy, scope } of keys) {
    if (scope === "account") continue;
    const row = rows.find((r) => r.key === key) ?? null;
    const retryAt = nextAllowedAt(row, policy, now);
    if (!retryAt) continue;
    const locked = !!row?.lockedUntil && row.lockedUntil > now;
    const who = scope === "pair" ? "for this account from your network" : "from your network";
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
    if (row && Number.isFinite(policy.lockAfter) && row.failures >= policy.lockAfter && !row.lockedUntil) {
      await db.signInThrottle.update({ where: { key: k.key }, data: { lockedUntil: lockUntil } });
      locked.push(k);
    }
  }
  return locked;
}

/**
 * Clears the account's counters: its own and those of the account from every
 * address (the addresses' counters stay: one success does not vouch for a
 * network). A successful sign-in does this, and so does an admin's unlock.
 * Returns how many counters were cleared.
 */
export async function clearAccountThrottle(db: Pick<Db, "signInThrottle">, email: string): Promise<number> {
  const { count } = await db.signInThrottle.deleteMany({
    where: { OR: [{ key: `email:${email}` }, { key: { startsWith: `pair:${email}|` } }] },
  });
  return count;
}

/** Whether the account is being throttled now from any address (for the admin console). */
export async function isAccountThrottled(
  db: Pick<Db, "signInThrottle">,
  email: string,
  now = new Date(),
): Promise<boolean> {
  const rows = await db.signInThrottle.findMany({
    where: { OR: [{ key: `email:${email}` }, { key: { startsWith: `pair:${email}|` } }] },
  });
  return rows.some((row) =>
    row.key.startsWith("pair:")
      ? nextAllowedAt(row, PAIR_POLICY, now) !== null
      : pauseFor(row, ACCOUNT_POLICY, now) > 0,
  );
}
