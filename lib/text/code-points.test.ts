import { describe, expect, it } from "vitest";
import { OffsetIndex, codePointLength, codePointToUtf16, sliceCodePoints, utf16ToCodePoint } from "./code-points";

const samples: Record<string, string> = {
  ascii: "Tsinghua University",
  emoji: "Quiet nights 🌙 at last 🚢⚡",
  zwj: "Family 👨‍👩‍👧 and flag 🇸🇪 here",
  astralCjk: "古文𠀋字𪚥と漢字",
  combining: "e\u0301te\u0301 cafe\u0301",
  arabic: "عبّارات كاتيغات ليالٍ هادئة",
  lone: "broken \ud800 surrogate",
};

describe("code points", () => {
  it.each(Object.entries(samples))("length matches the spread operator for %s", (_name, text) => {
    expect(codePointLength(text)).toBe([...text].length);
  });

  it.each(Object.entries(samples))("OffsetIndex round-trips every boundary in %s", (_name, text) => {
    const index = new OffsetIndex(text);
    const chars = [...text];
    expect(index.length).toBe(chars.length);
    let u = 0;
    for (let cp = 0; cp <= chars.length; cp++) {
      expect(index.toUtf16(cp)).toBe(u);
      expect(index.toCodePoint(u)).toBe(cp);
      expect(codePointToUtf16(text, cp)).toBe(u);
      expect(utf16ToCodePoint(text, u)).toBe(cp);
      u += chars[cp]?.length ?? 0;
    }
  });

  it("rounds an index inside a surrogate pair down to the character's start", () => {
    const text = "a🌙b";
    const index = new OffsetIndex(text);
    expect(index.toCodePoint(2)).toBe(1);
    expect(index.toCodePoint(3)).toBe(2);
  });

  it("slices like Python", () => {
    // Python: "Quiet nights 🌙 at last"[13:14] == "🌙"
    expect(sliceCodePoints(samples.emoji!, 13, 14)).toBe("🌙");
    expect(new OffsetIndex(samples.emoji!).slice(15, 22)).toBe("at last");
    expect(sliceCodePoints(samples.astralCjk!, 2, 3)).toBe("𠀋");
  });
});
