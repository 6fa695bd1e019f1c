import { describe, expect, it } from "vitest";
import { SpanValidator } from "../spans/validate";
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

  it("finds the astral pairs among lone and doubled surrogates as a scan from the start does", () => {
    const scan = (text: string) => {
      const pairs: number[] = [];
      for (let i = 0; i + 1 < text.length; i++) {
        const c = text.charCodeAt(i);
        const d = text.charCodeAt(i + 1);
        if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) pairs.push(i++);
      }
      return pairs;
    };
    for (const text of [
      "\ud800\ud83c\udf19x",
      "\udc00\ud83c\udf19",
      "a\ud83c\udf19\ud800",
      "\ud83c\udf19\udc00\udc00",
    ]) {
      const index = new OffsetIndex(text);
      const pairs = scan(text);
      expect(index.length).toBe(text.length - pairs.length);
      expect(index.length).toBe(codePointLength(text));
      for (let cp = 0; cp <= index.length; cp++) expect(index.toUtf16(cp)).toBe(codePointToUtf16(text, cp));
      for (const at of pairs) expect(index.toCodePoint(at + 1)).toBe(index.toCodePoint(at));
    }
  });

  it("slices like Python", () => {
    // Python: "Quiet nights 🌙 at last"[13:14] == "🌙"
    expect(sliceCodePoints(samples.emoji!, 13, 14)).toBe("🌙");
    expect(new OffsetIndex(samples.emoji!).slice(15, 22)).toBe("at last");
    expect(sliceCodePoints(samples.astralCjk!, 2, 3)).toBe("𠀋");
  });
});

/**
 * What the reader does with a browser selection: the DOM gives UTF-16
 * offsets (Range.startOffset within the text, here found with indexOf); the
 * server stores code points. Converting must land on the same characters,
 * and the validator must accept the result, in every script.
 */
describe("browser selections (UTF-16) to stored offsets (code points)", () => {
  const paragraphs: Record<string, { text: string; selections: string[] }> = {
    "ZWJ emoji sequences": {
      text: "Family 👨‍👩‍👧‍👦 and 👩🏽‍💻 coders 🧑‍🤝‍🧑 met",
      selections: ["👨‍👩‍👧‍👦", "👩🏽‍💻 coders", "🧑‍🤝‍🧑 met"],
    },
    flags: { text: "Sweden 🇸🇪, France 🇫🇷 and the 🏴󠁧󠁢󠁳󠁣󠁴󠁿 flag", selections: ["🇸🇪", "France 🇫🇷", "🏴󠁧󠁢󠁳󠁣󠁴󠁿 flag"] },
    "astral CJK": { text: "古文𠀋字𪚥と漢字 清华大学𠀋", selections: ["𠀋字𪚥", "清华大学𠀋", "と漢字"] },
    "combining marks": {
      text: "cafe\u0301 Zoe\u0308 नमस्ते ñ",
      selections: ["cafe\u0301", "Zoe\u0308 नमस्ते", "नमस्ते"],
    },
    "right-to-left Arabic": {
      text: "افتتح ميناء فارنهامن 🌙 عبّارات الركاب",
      selections: ["فارنهامن", "🌙 عبّارات", "عبّارات الركاب"],
    },
    "right-to-left Hebrew with embedded LTR and digits": {
      text: "שָׁלוֹם Kiel 2026 🇮🇱 עִבְרִית",
      selections: ["שָׁלוֹם", "Kiel 2026 🇮🇱", "🇮🇱 עִבְרִית"],
    },
  };

  it.each(Object.entries(paragraphs))("%s", (_name, { text, selections }) => {
    const index = new OffsetIndex(text);
    const validator = new SpanValidator(text);
    for (const selected of selections) {
      const u16Start = text.indexOf(selected);
      const u16End = u16Start + selected.length;
      const start = index.toCodePoint(u16Start);
      const end = index.toCodePoint(u16End);
      // Python's text[start:end]
      expect([...text].slice(start, end).join("")).toBe(selected);
      expect(sliceCodePoints(text, start, end)).toBe(selected);
      expect(end - start).toBe([...selected].length);
      // And back, for drawing the highlight.
      expect(index.toUtf16(start)).toBe(u16Start);
      expect(index.toUtf16(end)).toBe(u16End);
      expect(validator.check(start, end, selected)).toBeNull();
    }
  });

  it("rounds a selection edge inside a surrogate pair to the character's start, which the validator then refuses if it splits a cluster", () => {
    const text = "Flag 🇸🇪 here";
    const index = new OffsetIndex(text);
    const inside = text.indexOf("🇸🇪") + 1; // between the halves of 🇸
    expect(index.toCodePoint(inside)).toBe([..."Flag "].length);
    const midFlag = index.toCodePoint(text.indexOf("🇸🇪") + 2); // between 🇸 and 🇪
    expect(new SpanValidator(text).check(midFlag, midFlag + 1)?.code).toBe("SPLITS_GRAPHEME");
  });
});
