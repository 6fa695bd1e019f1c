import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApplyWindow } from "./apply-window";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A queue of events and the batches applied from it. */
function setup(windowMs = 50) {
  const queue: number[] = [];
  const applied: number[][] = [];
  const batches = new ApplyWindow(() => {
    if (!queue.length) return false;
    applied.push(queue.splice(0));
    return true;
  }, windowMs);
  const arrive = (...events: number[]) => {
    queue.push(...events);
    batches.notify();
  };
  return { applied, arrive, batches };
}

describe("ApplyWindow", () => {
  it("applies the first change at once", () => {
    const { applied, arrive } = setup();
    arrive(1);
    expect(applied).toEqual([[1]]);
  });

  it("applies what arrives within the window together, at its end", () => {
    const { applied, arrive } = setup();
    arrive(1);
    arrive(2);
    vi.advanceTimersByTime(20);
    arrive(3);
    expect(applied).toEqual([[1]]);
    vi.advanceTimersByTime(30);
    expect(applied).toEqual([[1], [2, 3]]);
  });

  it("renders a burst of thousands of messages at most twice per window", () => {
    const { applied, arrive } = setup();
    for (let k = 0; k < 5_000; k++) {
      arrive(k);
      if (k % 100 === 0) vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(50);
    // 5,000 messages over ~50 ms: the first at once, the rest in one or two batches.
    expect(applied.length).toBeLessThanOrEqual(3);
    expect(applied.flat()).toHaveLength(5_000);
  });

  it("applies at once again after a quiet window", () => {
    const { applied, arrive } = setup();
    arrive(1);
    vi.advanceTimersByTime(50); // nothing came: the window closes
    vi.advanceTimersByTime(50);
    arrive(2);
    expect(applied).toEqual([[1], [2]]);
  });

  it("keeps what could not be applied yet (a selection in progress) for the next window", () => {
    const queue: number[] = [];
    const applied: number[][] = [];
    let selecting = true;
    const batches = new ApplyWindow(() => {
      if (!queue.length || selecting) return false;
      applied.push(queue.splice(0));
      return true;
    }, 50);
    queue.push(1);
    batches.notify();
    expect(applied).toEqual([]);
    selecting = false;
    queue.push(2);
    batches.notify(); // within the window: waits for its end
    expect(applied).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(applied).toEqual([[1, 2]]);
  });

  it("stops when disposed", () => {
    const { applied, arrive, batches } = setup();
    arrive(1);
    arrive(2);
    batches.dispose();
    vi.advanceTimersByTime(100);
    expect(applied).toEqual([[1]]);
  });
});
