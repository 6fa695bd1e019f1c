import { describe, expect, it } from "vitest";
import { matchSpans, type MatchSpan } from "./span-match";

const s = (start: number, end: number, label = "PER", doc = "d1"): MatchSpan => ({ doc, start, end, label });

describe("matchSpans", () => {
  const a = [s(0, 5), s(10, 20), s(30, 40, "ORG"), s(50, 60)];
  const b = [s(0, 5), s(12, 20), s(30, 40, "PER"), s(70, 80), s(0, 5, "PER", "d2")];

  it("exact: same document, label and offsets", () => {
    const m = matchSpans(a, b, "exact");
    expect(m.pairs).toEqual([[s(0, 5), s(0, 5)]]);
    expect(m.precision.value).toBe(1 / 4);
    expect(m.recall.value).toBe(1 / 5);
    expect(m.f1.value).toBeCloseTo((2 * 1) / 9, 12);
  });

  it("overlap: same label and document, overlapping, one to one", () => {
    const m = matchSpans(a, b, "overlap");
    expect(m.pairs.map(([x, y]) => [x.start, y.start])).toEqual([
      [0, 0],
      [10, 12],
    ]);
    expect(m.precision.value).toBe(2 / 4);
    expect(m.recall.value).toBe(2 / 5);
    expect(m.f1.value).toBeCloseTo(4 / 9, 12);
  });

  it("overlap pairs the largest overlaps first and never reuses a span", () => {
    // One long span of A overlaps two of B; B's second also overlaps A's second.
    const m = matchSpans([s(0, 10), s(8, 12)], [s(1, 4), s(7, 12)], "overlap");
    const pairs = m.pairs.map(([x, y]) => `${x.start}-${x.end}/${y.start}-${y.end}`).sort();
    expect(pairs).toEqual(["0-10/1-4", "8-12/7-12"]);
  });

  it("handles one annotator's overlapping spans of a label", () => {
    const m = matchSpans([s(0, 10), s(2, 8)], [s(0, 10), s(2, 8)], "overlap");
    expect(m.pairs.map(([x, y]) => [x.start, y.start])).toEqual([
      [0, 0],
      [2, 2],
    ]);
    expect(m.f1.value).toBe(1);
  });

  it("says why a figure is undefined when an annotator marked nothing", () => {
    const m = matchSpans([], [s(0, 5)], "exact");
    expect(m.precision).toEqual({ value: null, reason: "the first annotator marked no span" });
    expect(m.recall.value).toBe(0);
    expect(m.f1.value).toBe(0);
    const none = matchSpans([], [], "overlap");
    expect(none.f1.value).toBeNull();
    expect(none.f1.reason).toMatch(/neither/);
  });

  it("matches thousands of spans quickly", () => {
    const many = Array.from({ length: 5000 }, (_, i) => s(i * 10, i * 10 + 6, i % 3 ? "PER" : "ORG"));
    const shifted = many.map((x) => ({ ...x, start: x.start + 1, end: x.end + 1 }));
    const t = performance.now();
    const m = matchSpans(many, shifted, "overlap");
    expect(m.pairs.length).toBe(5000);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
