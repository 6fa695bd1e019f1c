import { describe, expect, it } from "vitest";
import { OffsetIndex } from "../text/code-points";
import { snapSelection, toSpanRange, wordAt } from "./selection";

/** The snapped quote of the selection of `part` (its `occurrence`-th copy in `text`). */
function snap(text: string, part: string, options: Parameters<typeof snapSelection>[3] = {}) {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`${part} not in ${text}`);
  const range = snapSelection(text, at, at + part.length, options);
  return range ? text.slice(range.start, range.end) : null;
}

describe("selections snap to words", () => {
  it("widens a selection inside words to the whole words and trims spaces", () => {
    const text = "Forskare vid Varnhamns sjöfartsinstitut, och Storbritannien i samarbete.";
    expect(snap(text, "arnhamn")).toBe("Varnhamns");
    expect(snap(text, " och Storbrita")).toBe("och Storbritannien");
    expect(snap(text, "jöfartsinstitut, ")).toBe("sjöfartsinstitut,"); // punctuation the reader chose stays
    expect(snap("collaboration work", "llaboratio")).toBe("collaboration");
    expect(snap("a   b", "   ")).toBeNull();
  });

  it("keeps apostrophes and colons as word breaks", () => {
    expect(snap("dans l'Union européenne", "Unio")).toBe("Union");
    expect(snap("Europe's largest terminal", "Europ")).toBe("Europe");
    expect(snap("enligt FN:s rapport", "FN")).toBe("FN");
  });

  it("works per character with by: grapheme", () => {
    expect(snap("collaboration work", "llaboratio", { by: "grapheme" })).toBe("llaboratio");
  });

  it("Arabic: whole words, right to left in logical order", () => {
    const text = "افتتح ميناء فارنهامن يوم الاثنين";
    expect(snap(text, "رنهام", { locale: "ar" })).toBe("فارنهامن");
    // Optional marks (shadda) stay with their letter.
    const marked = "عبّارات الركاب";
    expect(snap(marked, "بّار", { locale: "ar" })).toBe("عبّارات");
    expect(snap(marked, "ب", { locale: "ar", by: "grapheme" })).toBe("بّ");
  });

  it("Chinese: words from the segmenter's dictionary, never half a character", () => {
    const text = "中国政府宣布新的政策";
    expect(snap(text, "国", { locale: "zh-Hans" })).toBe("中国");
    const word = wordAt(text, text.indexOf("政"), "zh-Hans")!;
    expect(text.slice(word.start, word.end)).toBe("政府");
    // Astral CJK (Extension B) is one code point, two UTF-16 units.
    const astral = "𠀋𠀋 是";
    const range = snapSelection(astral, 1, 2, { locale: "zh", by: "grapheme" })!;
    expect(astral.slice(range.start, range.end)).toBe("𠀋");
  });

  it("emoji and combining marks are never split", () => {
    const text = "Hi 👩‍👩‍👧 cafe\u0301 done";
    const emoji = text.indexOf("👩");
    expect(snapSelection(text, emoji + 1, emoji + 3)).toEqual({ start: emoji, end: emoji + 8 });
    const cafe = text.indexOf("cafe");
    expect(snap(text, "caf")).toBe("cafe\u0301");
    expect(snapSelection(text, cafe + 3, cafe + 4, { by: "grapheme" })).toEqual({ start: cafe + 3, end: cafe + 5 });
    expect(snap("Finally, quiet nights 🌙 ok", "nights 🌙")).toBe("nights 🌙");
  });

  it("offsets stay code points at the boundary", () => {
    const text = "🌙 Varnhamn och 瓦恩港";
    const index = new OffsetIndex(text);
    const range = snapSelection(text, text.indexOf("arn"), text.indexOf("arn") + 2, { locale: "sv" })!;
    expect(toSpanRange(index, range)).toEqual({ start: 2, end: 10, quote: "Varnhamn" });
  });

  it("a long text segments only around the edges", () => {
    const text = "ord ".repeat(200_000) + "Varnhamn";
    const at = text.indexOf("Varnhamn");
    expect(snapSelection(text, at + 2, at + 4)).toEqual({ start: at, end: at + 8 });
  });
});
