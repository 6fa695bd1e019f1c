import { describe, expect, it } from "vitest";
import { OffsetIndex } from "./code-points";
import { graphemeBoundaries, graphemeSegmenter, isGraphemeBoundaryAt } from "./graphemes";

/** Boundaries as one Intl.Segmenter pass over the whole text gives them. */
function reference(text: string): number[] {
  const out = [0];
  let cp = 0;
  for (const { segment } of graphemeSegmenter().segment(text)) {
    cp += [...segment].length;
    out.push(cp);
  }
  return out;
}

describe("graphemeBoundaries", () => {
  it("matches a single segmentation pass on long mixed texts cut into pieces", () => {
    const pieces = ["Family 👨‍👩‍👧 ", "flag 🇸🇪🇫🇷 ", "e\u0301te\u0301 ", "عبّارات ", "日内瓦", "\r\n", "ガ", "각", "𠀋"];
    let text = "";
    for (let i = 0; text.length < 20_000; i++) text += pieces[(i * 7) % pieces.length]!.repeat(1 + (i % 5));
    expect(graphemeBoundaries(text)).toEqual(reference(text));
  });

  it("agrees with isGraphemeBoundaryAt at every offset", () => {
    const text = "Family 👨‍👩‍👧 flag 🇸🇪🇫🇷🇩🇪 e\u0301te\u0301 عبّارات 日内瓦\r\nガ각𠀋 नमस्ते 👍🏽!";
    const boundaries = new Set(reference(text));
    const index = new OffsetIndex(text);
    for (let cp = 0; cp <= index.length; cp++) {
      expect([cp, isGraphemeBoundaryAt(text, index.toUtf16(cp))]).toEqual([cp, boundaries.has(cp)]);
    }
    // Inside a surrogate pair: never a boundary.
    expect(isGraphemeBoundaryAt("a🌙b", 2)).toBe(false);
  });

  it("stays linear on a long text (Intl.Segmenter alone is quadratic in V8)", () => {
    const text = "日内瓦举行。".repeat(100_000);
    const t0 = performance.now();
    const boundaries = graphemeBoundaries(text);
    expect(boundaries.length).toBe(600_001);
    // Generous bound: the single-pass version takes minutes here.
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
