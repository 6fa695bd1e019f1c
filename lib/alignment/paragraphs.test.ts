import { describe, expect, it } from "vitest";
import { sliceCodePoints } from "../text/code-points";
import { splitParagraphs } from "./paragraphs";

describe("splitParagraphs", () => {
  it("gives each non-blank line as a trimmed code-point range", () => {
    const text = "  Title 🌙\n\n\tFirst paragraph.  \n\u3000\nالفقرة الثانية\n𠀋𪚥 end";
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => sliceCodePoints(text, p.start, p.end))).toEqual([
      "Title 🌙",
      "First paragraph.",
      "الفقرة الثانية",
      "𠀋𪚥 end",
    ]);
    expect(paragraphs.map((p) => p.index)).toEqual([0, 1, 2, 3]);
  });

  it("finds nothing in empty or blank text", () => {
    expect(splitParagraphs("")).toEqual([]);
    expect(splitParagraphs(" \n\n\t\n")).toEqual([]);
  });
});
