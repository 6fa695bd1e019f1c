import { describe, expect, it } from "vitest";
import { Horizon } from "./horizon";

const rows = (...ids: number[]) => ids.map((id) => ({ id }));
const snap = (xmin: number, xmax: number) => ({ xmin: BigInt(xmin), xmax: BigInt(xmax) });

describe("Horizon", () => {
  it("serves contiguous ids at once", () => {
    const h = new Horizon(10);
    expect(h.advance(rows(11, 12, 13), snap(100, 105))).toEqual(rows(11, 12, 13));
    expect(h.value).toBe(13);
    expect(h.waiting).toBe(false);
  });

  it("holds back ids above a gap until the gap's transactions have ended", () => {
    const h = new Horizon(0);
    // id 1 is in flight; 2 and 3 committed.
    expect(h.advance(rows(2, 3), snap(100, 110))).toEqual([]);
    expect(h.value).toBe(0);
    expect(h.waiting).toBe(true);
    // Still in flight (xmin has not passed 110): nothing.
    expect(h.advance(rows(2, 3), snap(100, 112))).toEqual([]);
    // It committed: all three, in order.
    expect(h.advance(rows(1, 2, 3), snap(100, 112))).toEqual(rows(1, 2, 3));
    expect(h.value).toBe(3);
    expect(h.waiting).toBe(false);
  });

  it("skips an id once every transaction that could hold it has ended", () => {
    const h = new Horizon(0);
    expect(h.advance(rows(2), snap(100, 110))).toEqual([]);
    expect(h.advance(rows(2), snap(109, 115))).toEqual([]);
    expect(h.advance(rows(2, 3), snap(110, 115))).toEqual(rows(2, 3));
    expect(h.value).toBe(3);
  });

  it("judges a later gap by the snapshot that first saw it", () => {
    const h = new Horizon(0);
    expect(h.advance(rows(2), snap(100, 110))).toEqual([]);
    // Gap 1 seen at xmax 110; gap 3 first seen now, at xmax 120.
    expect(h.advance(rows(2, 4), snap(111, 120))).toEqual(rows(2));
    expect(h.value).toBe(2);
    expect(h.advance(rows(4), snap(119, 121))).toEqual([]);
    expect(h.advance(rows(4), snap(120, 121))).toEqual(rows(4));
  });

  it("ignores rows at or below the horizon", () => {
    const h = new Horizon(5);
    expect(h.advance(rows(4, 5, 6), snap(1, 2))).toEqual(rows(6));
  });
});
