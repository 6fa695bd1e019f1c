import { describe, expect, it } from "vitest";
import type { AlignmentResult } from "./align";
import { cachedAlignment, forgetAlignment } from "./cache";

const result: AlignmentResult = {
  beads: [
    { a: [0], b: [0, 1], source: "auto" },
    { a: [1], b: [], source: "editor" },
  ],
  ignored: [[5, null]],
};
const key = (over: Partial<Parameters<typeof cachedAlignment>[0]> = {}) => ({
  articleAId: "a-id",
  articleBId: "b-id",
  versionA: "1:hash-a",
  versionB: "1:hash-b",
  correctedAt: null,
  ...over,
});

describe("cachedAlignment", () => {
  it("computes a pair once per revision and correction, from either side", () => {
    let computed = 0;
    const compute = () => (computed++, result);
    expect(cachedAlignment(key(), compute)).toEqual(result);
    expect(cachedAlignment(key(), compute)).toEqual(result);
    expect(computed).toBe(1);
    // The same pair with the panes swapped: the cached beads, mirrored.
    const swapped = cachedAlignment(
      key({ articleAId: "b-id", articleBId: "a-id", versionA: "1:hash-b", versionB: "1:hash-a" }),
      compute,
    );
    expect(computed).toBe(1);
    expect(swapped).toEqual({
      beads: [
        { a: [0, 1], b: [0], source: "auto" },
        { a: [], b: [1], source: "editor" },
      ],
      ignored: [[null, 5]],
    });
    // A new revision of either text, or a saved correction, computes it again.
    cachedAlignment(key({ versionB: "2:hash-b2" }), compute);
    expect(computed).toBe(2);
    cachedAlignment(key({ versionB: "2:hash-b2", correctedAt: new Date(1) }), compute);
    expect(computed).toBe(3);
    cachedAlignment(key({ versionB: "2:hash-b2", correctedAt: new Date(1) }), compute);
    expect(computed).toBe(3);
    forgetAlignment("b-id", "a-id");
    cachedAlignment(key({ versionB: "2:hash-b2", correctedAt: new Date(1) }), compute);
    expect(computed).toBe(4);
  });

  it("keeps only the most recently used pairs", () => {
    let computed = 0;
    const compute = () => (computed++, result);
    for (let k = 0; k < 300; k++) cachedAlignment(key({ articleAId: `x${k}` }), compute);
    expect(computed).toBe(300);
    cachedAlignment(key({ articleAId: "x299" }), compute);
    expect(computed).toBe(300);
    cachedAlignment(key({ articleAId: "x0" }), compute);
    expect(computed).toBe(301);
  });
});
