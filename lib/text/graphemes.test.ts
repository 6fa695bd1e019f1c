import { describe, expect, it, vi } from "vitest";
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
    // Counted, not timed: the segmenter sees each UTF-16 unit once, in pieces of bounded size,
    // so the work grows with the text and a slow machine cannot fail it.
    const pieces: number[] = [];
    const segment = vi.spyOn(graphemeSegmenter(), "segment");
    segment.mockImplementation(function (this: Intl.Segmenter, input: string) {
      pieces.push(input.length);
      return Intl.Segmenter.prototype.segment.call(this, input);
    });
    try {
      for (const n of [10_000, 100_000]) {
        pieces.length = 0;
        const text = "日内瓦举行。".repeat(n);
        expect(graphemeBoundaries(text).length).toBe(6 * n + 1);
        expect(pieces.reduce((a, b) => a + b, 0)).toBe(text.length);
        expect(Math.max(...pieces)).toBeLessThanOrEqual(4096);
      }
    } finally {
      segment.mockRestore();
    }
  });
});
