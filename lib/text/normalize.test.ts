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
