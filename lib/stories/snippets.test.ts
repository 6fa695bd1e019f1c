import { describe, expect, it } from "vitest";
import { findFolded } from "./snippets";

const slice = (text: string, m: { start: number; end: number }) => [...text].slice(m.start, m.end).join("");

describe("findFolded", () => {
  it("finds accent- and case-insensitive matches at their original code points", () => {
    const text = "Talks… in GENÈVE, then in Genève again 🙂";
    const matches = findFolded(text, "geneve");
    expect(matches.map((m) => slice(text, m))).toEqual(["GENÈVE", "Genève"]);
    expect(matches[0]!.start).toBe(10);
  });

  it("maps through characters that fold longer or shorter", () => {
    const text = "Die Straße… und عبّارات";
    expect(findFolded(text, "strasse").map((m) => slice(text, m))).toEqual(["Straße"]);
    expect(findFolded(text, "عبارات").map((m) => slice(text, m))).toEqual(["عبّارات"]);
    expect(findFolded(text, "und").map((m) => m.start)).toEqual([12]);
  });

  it("finds CJK substrings and nothing when absent", () => {
    expect(findFolded("会谈在日内瓦举行", "日内瓦")).toEqual([{ start: 3, end: 6 }]);
    expect(findFolded("会谈在日内瓦举行", "北京")).toEqual([]);
  });
});
