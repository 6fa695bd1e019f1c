import { describe, expect, it } from "vitest";
import { sliceCodePoints } from "./code-points";
import { normalizeArticleText } from "./normalize";

describe("normalizeArticleText", () => {
  it("composes to NFC, unifies line endings and drops control characters", () => {
    const raw = "Cafe\u0301\r\nline two\rline\u0007 three\tend";
    const { text } = normalizeArticleText(raw);
    expect(text).toBe("Café\nline two\nline three\tend");
  });

  it("maps raw offsets so spans still cover the same text", () => {
    const raw = "e\u0301te\u0301\r\nà Tsinghua\u0000 University 🌙";
    const { text, mapOffset } = normalizeArticleText(raw);
    const rawStart = [...raw].indexOf("T");
    const rawEnd = rawStart + [..."Tsinghua\u0000 University"].length;
    const start = mapOffset(rawStart, "start");
    const end = mapOffset(rawEnd, "end");
    expect(sliceCodePoints(text, start, end)).toBe("Tsinghua University");
    // The decomposed "é" at the start is one code point after normalization.
    expect(mapOffset(2, "start")).toBe(1);
    // An offset inside a cluster (between "e" and its accent) snaps outward.
    expect(mapOffset(1, "start")).toBe(0);
    expect(mapOffset(1, "end")).toBe(1);
  });

  it("reports unchanged text", () => {
    expect(normalizeArticleText("Already clean.\n").unchanged).toBe(true);
  });
});

describe("normalizeArticleText, edge cases", () => {
  it("composes a base with its mark even when a control character stood between them", () => {
    const raw = "cafe\u0007\u0301!";
    const { text, mapOffset } = normalizeArticleText(raw);
    expect(text).toBe("café!");
    expect(text.normalize("NFC")).toBe(text);
    expect(mapOffset(6, "start")).toBe(4); // "!"
  });

  it("maps offsets across CRLF, lone CR and astral characters", () => {
    const raw = "🌙a\r\nb\rc\u0085d";
    const { text, mapOffset } = normalizeArticleText(raw);
    expect(text).toBe("🌙a\nb\ncd");
    const raws = [...raw];
    const at = (ch: string) => raws.indexOf(ch);
    for (const ch of ["a", "b", "c", "d"]) {
      expect(sliceCodePoints(text, mapOffset(at(ch), "start"), mapOffset(at(ch) + 1, "end"))).toBe(ch);
    }
    expect(mapOffset(raws.length, "end")).toBe([...text].length);
  });

  it("snaps offsets out of clusters in text that needs no normalization", () => {
    const text = "Family 👨‍👩‍👧 here";
    const n = normalizeArticleText(text);
    expect(n.unchanged).toBe(true);
    expect(n.text).toBe(text);
    expect(n.mapOffset(8, "start")).toBe(7);
    expect(n.mapOffset(8, "end")).toBe(12);
    expect(n.mapOffset(3, "start")).toBe(3);
  });

  it("gives the same text as normalizing the whole string at once", () => {
    const samples = [
      "A\u030A\u0301ngstro\u0308m \u1100\u1161\u11A8 \u0B47\u0B3E \u0DD9\u0DCF",
      "e\u0000\u0301\u0301 \r\n\r\n q\u0323\u0307",
      "عبّارات \u200f ليالٍ\u0085",
    ];
    for (const raw of samples) {
      const whole = raw.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, "");
      expect(normalizeArticleText(raw).text).toBe(whole.normalize("NFC"));
    }
  });
});
