import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, PAIR_POLICY, nextAllowedAt, pauseFor } from "./throttle";

const t0 = new Date("2030-01-01T00:00:00Z");
const state = (failures: number, lastMsAgo: number, lockedUntil: Date | null = null) => ({
  failures,
  lastFailureAt: new Date(t0.getTime() - lastMsAgo),
  lockedUntil,
});

describe("pauseFor", () => {
  it("pauses an account's tries past its free failures, doubling up to the cap, never refusing", () => {
    expect(pauseFor(state(ACCOUNT_POLICY.freeFailures, 0), ACCOUNT_POLICY, t0)).toBe(0);
    expect(pauseFor(state(ACCOUNT_POLICY.freeFailures + 1, 0), ACCOUNT_POLICY, t0)).toBe(ACCOUNT_POLICY.baseDelayMs);
    expect(pauseFor(state(ACCOUNT_POLICY.freeFailures + 50, 0), ACCOUNT_POLICY, t0)).toBe(ACCOUNT_POLICY.maxDelayMs);
    expect(pauseFor(state(50, ACCOUNT_POLICY.resetAfterMs + 1), ACCOUNT_POLICY, t0)).toBe(0);
  });
});

describe("nextAllowedAt", () => {
  it("lets the free failures through without delay", () => {
    expect(nextAllowedAt(state(PAIR_POLICY.freeFailures, 0), PAIR_POLICY, t0)).toBeNull();
  });
  it("doubles the delay with each further failure, up to the maximum", () => {
    const delay = (failures: number) => nextAllowedAt(state(failures, 0), PAIR_POLICY, t0)!.getTime() - t0.getTime();
    expect(delay(PAIR_POLICY.freeFailures + 1)).toBe(PAIR_POLICY.baseDelayMs);
    expect(delay(PAIR_POLICY.freeFailures + 2)).toBe(PAIR_POLICY.baseDelayMs * 2);
    expect(delay(PAIR_POLICY.freeFailures + 3)).toBe(PAIR_POLICY.baseDelayMs * 4);
    expect(delay(PAIR_POLICY.freeFailures + 30)).toBe(PAIR_POLICY.maxDelayMs);
  });
  it("holds a lock until it expires, then starts afresh", () => {
    const until = new Date(t0.getTime() + 60_000);
    expect(nextAllowedAt(state(10, 0, until), PAIR_POLICY, t0)).toEqual(until);
    const expired = new Date(t0.getTime() - 1);
    expect(nextAllowedAt(state(10, 1000, expired), PAIR_POLICY, t0)).toBeNull();
  });
});
