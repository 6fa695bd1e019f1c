import { describe, expect, it } from "vitest";
import { OffsetIndex } from "./code-points";
import { graphemeBoundaries, isGraphemeBoundaryAt } from "./graphemes";
import { quoteAt } from "./quote";

const cp = (s: string) => [...s].length;

describe("quoteAt", () => {
  it("cuts the prefix and suffix at grapheme boundaries, never inside a cluster", () => {
    // Arabic with combining marks (shadda, fatha): a 32-code-point cut lands on a mark.
    const before = "قالَ الرئيسُ إنَّ المحادثاتِ سَتُستأنفُ ";
    const after = " في جنيفَ يومَ الاثنينِ المقبلِ بحضورِ الوفود";
    const text = `${before}سويسرا${after}`;
    const index = new OffsetIndex(text);
    const start = cp(before);
    const end = start + cp("سويسرا");
    const boundaries = graphemeBoundaries(text);
    for (const context of [5, 6, 7, 8, 9, 10, 11, 12, 30, 31, 32, 33]) {
      const q = quoteAt(index, start, end, context);
      expect(q.quote).toBe("سويسرا");
      expect(before.endsWith(q.prefix)).toBe(true);
      expect(after.startsWith(q.suffix)).toBe(true);
      expect(cp(q.prefix)).toBeLessThanOrEqual(context);
      expect(cp(q.suffix)).toBeLessThanOrEqual(context);
      expect(boundaries).toContain(start - cp(q.prefix));
      expect(boundaries).toContain(end + cp(q.suffix));
      // A mark never opens the prefix, nor follows the suffix's end.
      expect(q.prefix).not.toMatch(/^\p{M}/u);
      expect(after.slice(q.suffix.length)).not.toMatch(/^\p{M}/u);
    }
  });

  it("keeps a whole emoji sequence or drops it", () => {
    const text = "👩‍👩‍👧 said: Genève is 🇨🇭";
    const index = new OffsetIndex(text);
    const start = cp("👩‍👩‍👧 said: ");
    // The family is five code points: eight cuts into it, twelve takes it whole.
    expect(quoteAt(index, start, start + cp("Genève"), 8).prefix).toBe(" said: ");
    expect(quoteAt(index, start, start + cp("Genève"), 11).prefix).toBe(" said: ");
    expect(quoteAt(index, start, start + cp("Genève"), 12).prefix).toBe("👩‍👩‍👧 said: ");
    expect(quoteAt(index, start, start + cp("Genève"), 5).suffix).toBe(" is ");
  });

  it("isGraphemeBoundaryAt agrees with a full segmentation of mixed text", () => {
    const text = "a\u0301b 🇨🇭x,\u0600\u0661 e\u0301 👍🏽. قالَ (x)";
    const all = new Set<number>();
    let u = 0;
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
      all.add(u);
      u += segment.length;
    }
    all.add(text.length);
    for (let i = 0; i <= text.length; i++) expect(isGraphemeBoundaryAt(text, i)).toBe(all.has(i));
  });
});
