import { describe, expect, it } from "vitest";
import { SpanValidator } from "./validate";

describe("SpanValidator", () => {
  const text = "Family 👨‍👩‍👧 in Genève, cafe\u0301 and 清华大学 — عبّارات";
  const v = new SpanValidator(text);
  const cp = (s: string) => [...text.slice(0, text.indexOf(s))].length;

  it("accepts a span whose quote is the text at its offsets", () => {
    const start = cp("Genève");
    expect(v.check(start, start + 6, "Genève")).toBeNull();
    const zh = cp("清华大学");
    expect(v.check(zh, zh + 4, "清华大学")).toBeNull();
    const emoji = cp("👨");
    expect(v.check(emoji, emoji + 5, "👨‍👩‍👧")).toBeNull();
  });

  it("refuses empty, reversed and out-of-range spans", () => {
    expect(v.check(3, 3)?.code).toBe("EMPTY");
    expect(v.check(5, 2)?.code).toBe("EMPTY");
    expect(v.check(-1, 2)?.code).toBe("OUT_OF_RANGE");
    expect(v.check(0, [...text].length + 1)?.code).toBe("OUT_OF_RANGE");
    expect(v.check(0.5, 2)?.code).toBe("NOT_INTEGER");
  });

  it("refuses offsets inside a grapheme cluster", () => {
    const emoji = cp("👨");
    expect(v.check(emoji, emoji + 1)?.code).toBe("SPLITS_GRAPHEME"); // inside the ZWJ family
    const accent = cp("cafe\u0301");
    expect(v.check(accent, accent + 4)?.code).toBe("SPLITS_GRAPHEME"); // before the combining mark
    const shadda = cp("عبّارات");
    expect(v.check(shadda, shadda + 2)?.code).toBe("SPLITS_GRAPHEME"); // between ب and its shadda
  });

  it("refuses a quote that is not the text at the offsets", () => {
    const start = cp("Genève");
    const problem = v.check(start, start + 6, "Geneva");
    expect(problem?.code).toBe("QUOTE_MISMATCH");
    expect(problem && "actual" in problem ? problem.actual : null).toBe("Genève");
  });
});

describe("SpanValidator messages", () => {
  const text = "Kiel 👨‍👩‍👧 🇸🇪 cafe\u0301";
  const v = new SpanValidator(text);

  it("say exactly why a span is refused", () => {
    expect(v.check(0, 99)?.message).toBe(`span [0, 99) lies outside the text (length ${[...text].length} code points)`);
    expect(v.check(6, 8)?.message).toBe("start 6 falls inside a character (grapheme cluster)");
    expect(v.check(0, 6)?.message).toBe("end 6 falls inside a character (grapheme cluster)");
    expect(v.check(0, 4, "Kiev")?.message).toBe('quote does not match the text at [0, 4): the text there is "Kiel"');
    expect(v.check(4, 4)?.message).toBe("end (4) must be greater than start (4)");
  });
});
