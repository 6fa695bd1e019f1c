import { describe, expect, it } from "vitest";
import { contextAround } from "./context";

describe("contextAround", () => {
  const text = "Stockholm. Sverige och Kina tecknade avtalet i går.\nSV Kina alias är ett annat stycke här.";

  it("gives whole words on each side, within the paragraph", () => {
    const at = text.indexOf("Kina");
    expect(contextAround(text, at, at + 4, 12)).toEqual({ before: "…Sverige och ", after: " tecknade…" });
    const second = text.indexOf("Kina", at + 1);
    expect(contextAround(text, second, second + 4, 100)).toEqual({
      before: "SV ",
      after: " alias är ett annat stycke här.",
    });
  });

  it("stops at the line break and at the text's ends", () => {
    const end = text.indexOf("går") + 3;
    expect(contextAround(text, end - 3, end, 40).after).toBe(".");
    expect(contextAround(text, 0, 9, 40).before).toBe("");
  });
});
