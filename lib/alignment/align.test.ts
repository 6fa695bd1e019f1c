import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_ARTICLES } from "../demo/newsroom";
import { normalizeArticleText } from "../text/normalize";
import { alignParagraphs, toPairs, type Bead } from "./align";
import { longVersions } from "./long-versions";
import { splitParagraphs } from "./paragraphs";
import { corpusFile } from "../../tests/support/corpus-dir";

// The fixture corpus (tests/fixtures/corpus).
const corpus = readFileSync(corpusFile("articles.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { language: string; story: string; text: string });
const corpusText = (language: string, story = "fixture-tidal-talks-2025") =>
  normalizeArticleText(corpus.find((a) => a.language === language && a.story === story)!.text).text;
const lengths = (text: string) => splitParagraphs(text).map((p) => p.end - p.start);
const show = (beads: Bead[]) => beads.map((b) => `${b.a.join("+") || "-"}:${b.b.join("+") || "-"}`);

/** Every paragraph of both sides appears once, in order. */
function expectComplete(beads: Bead[], n: number, m: number) {
  expect(beads.flatMap((b) => b.a)).toEqual([...Array(n).keys()]);
  expect(beads.flatMap((b) => b.b)).toEqual([...Array(m).keys()]);
}

describe("alignParagraphs", () => {
  it("aligns the Swedish and French translations of the corpus paragraph by paragraph", () => {
    const sv = lengths(corpusText("sv"));
    const fr = lengths(corpusText("fr"));
    expect([sv.length, fr.length]).toEqual([15, 8]);
    const { beads } = alignParagraphs(sv, fr);
    expectComplete(beads, sv.length, fr.length);
    // Swedish has a header (title, date, tag) and a newsletter footer the French lacks.
    const expected = [
      "0:-",
      "1:-",
      "2:-",
      ...Array.from({ length: 8 }, (_, k) => `${k + 3}:${k}`),
      ...Array.from({ length: 4 }, (_, k) => `${k + 11}:-`),
    ];
    expect(show(beads)).toEqual(expected);
    // And the same from the French side.
    expect(show(alignParagraphs(fr, sv).beads)).toEqual(expected.map((x) => x.split(":").reverse().join(":")));
  });

  it("aligns the demo's five language versions one to one, Chinese and Arabic included", () => {
    const versions = DEMO_ARTICLES.map((a) => lengths(a.paragraphs.join("\n\n")));
    for (const a of versions) {
      for (const b of versions) {
        expect(show(alignParagraphs(a, b).beads)).toEqual(["0:0", "1:1", "2:2", "3:3", "4:4"]);
      }
    }
  });

  it("finds 2–1 and 1–2 beads where a paragraph was split in translation", () => {
    const a = [200, 180, 300, 120];
    const b = [210, 95, 100, 310, 130];
    expect(show(alignParagraphs(a, b).beads)).toEqual(["0:0", "1:1+2", "2:3", "3:4"]);
  });

  it("aligns two 1,500-paragraph versions in a fraction of a second, nearly as they were made", () => {
    const { a, b, truth } = longVersions(1500);
    alignParagraphs(a.slice(0, 200), b.slice(0, 200)); // compiled before it is timed
    // Processor time rather than wall time: other work on the machine does not count.
    const started = process.cpuUsage();
    const { beads } = alignParagraphs(a, b);
    const used = process.cpuUsage(started);
    const elapsed = (used.user + used.system) / 1000;
    expectComplete(beads, a.length, b.length);
    const found = new Set(show(beads));
    const right = truth.filter((bead) => found.has(bead.replace(/^(\d+):-$/, "$1:-")));
    // A dropped paragraph next to its neighbour is sometimes read as a 2–1 bead; nearly all others are found.
    expect(right.length / truth.length).toBeGreaterThan(0.97);
    // The whole search took about 30 s before it kept to a band; a second leaves room for a busy machine.
    expect(elapsed).toBeLessThan(1000);
  });

  it("keeps an editor's correction far from the diagonal (the band follows it)", () => {
    const { a, b } = longVersions(600, 3);
    // The editor pairs the first paragraph of A with the last of B: everything between is left out.
    const { beads, ignored } = alignParagraphs(a, b, [[0, b.length - 1]]);
    expect(ignored).toEqual([]);
    expectComplete(beads, a.length, b.length);
    expect(beads).toContainEqual({ a: [0], b: [b.length - 1], source: "editor" });
  });

  it("handles empty sides", () => {
    expect(alignParagraphs([], []).beads).toEqual([]);
    expect(show(alignParagraphs([10, 20], []).beads)).toEqual(["0:-", "1:-"]);
  });

  describe("with an editor's corrections", () => {
    const sv = lengths(corpusText("sv"));
    const fr = lengths(corpusText("fr"));

    it("keeps a corrected pair and realigns around it", () => {
      const { beads, ignored } = alignParagraphs(sv, fr, [[2, 0]]);
      expect(ignored).toEqual([]);
      expectComplete(beads, sv.length, fr.length);
      expect(beads.find((b) => b.a.includes(2))).toEqual({ a: [2], b: [0], source: "editor" });
      expect(beads.filter((b) => b.source === "editor")).toHaveLength(1);
      // The automatic part still pairs the rest in order.
      expect(show(beads)).toContain("4:1");
    });

    it("honours a paragraph marked as having no counterpart, and multi-paragraph beads", () => {
      const { beads } = alignParagraphs(sv, fr, [
        [4, null],
        [5, 1],
        [6, 1],
      ]);
      expectComplete(beads, sv.length, fr.length);
      expect(beads).toContainEqual({ a: [4], b: [], source: "editor" });
      expect(beads).toContainEqual({ a: [5, 6], b: [1], source: "editor" });
    });

    it("ignores corrections out of range or crossing an earlier one", () => {
      const { beads, ignored } = alignParagraphs(sv, fr, [
        [3, 0],
        [10, 2],
        [5, 3],
        [99, 1],
        [1, -1],
      ]);
      // [10, 2] comes after [5, 3] in Swedish but before it in French.
      expect(ignored).toEqual([
        [99, 1],
        [1, -1],
        [10, 2],
      ]);
      expectComplete(beads, sv.length, fr.length);
      expect(beads.filter((b) => b.source === "editor")).toEqual([
        { a: [3], b: [0], source: "editor" },
        { a: [5], b: [3], source: "editor" },
      ]);
    });

    it("reproduces a saved alignment exactly (toPairs round trip)", () => {
      const auto = alignParagraphs(sv, fr).beads;
      // The editor moves one pair and saves the whole alignment.
      const edited = toPairs(auto).map(([x, y]) => (x === 10 ? [10, null] : [x, y])) as ReturnType<typeof toPairs>;
      const { beads, ignored } = alignParagraphs(sv, fr, edited);
      expect(ignored).toEqual([]);
      expectComplete(beads, sv.length, fr.length);
      expect(toPairs(beads.filter((b) => b.source === "editor"))).toEqual(edited);
      // Only the French paragraph the editor left unpaired is aligned automatically.
      expect(beads.filter((b) => b.source === "auto")).toEqual([{ a: [], b: [7], source: "auto" }]);
    });
  });
});
