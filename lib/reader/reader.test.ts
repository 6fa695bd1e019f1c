import { describe, expect, it } from "vitest";
import { OffsetIndex } from "../text/code-points";
import { paragraphMap, reverseBeads } from "./alignment-map";
import { storyHref } from "./href";
import { formatLayout, parseLayout, resolveLayout } from "./layout";
import { isCjk, textDirection } from "./script";
import { segmentRange, spansByParagraph } from "./segments";
import { snapSelection, toSpanRange } from "./selection";
import { decodeSpans, encodeSpans } from "./span-pack";

const articles = [
  { id: "11111111-1111-4111-8111-111111111111", language: "en" },
  { id: "22222222-2222-4222-8222-222222222222", language: "sv" },
  { id: "33333333-3333-4333-8333-333333333333", language: "sv" },
  { id: "44444444-4444-4444-8444-444444444444", language: "zh-Hans" },
  { id: "55555555-5555-4555-8555-555555555555", language: "ar" },
];

describe("layout in the URL", () => {
  it("reads language tags and ids in order, without repeats, at most four", () => {
    expect(parseLayout("sv,en,sv", articles)).toEqual([articles[1]!.id, articles[0]!.id, articles[2]!.id]);
    expect(parseLayout(`${articles[4]!.id},ZH-hans,xx,en,sv,sv`, articles)).toEqual([
      articles[4]!.id,
      articles[3]!.id,
      articles[0]!.id,
      articles[1]!.id,
    ]);
    expect(parseLayout(undefined, articles)).toEqual(articles.slice(0, 3).map((a) => a.id));
    expect(parseLayout("nothing", articles)).toEqual(articles.slice(0, 3).map((a) => a.id));
  });

  it("names the versions that did not fit, in the order asked", () => {
    const all = "ar,sv,en,zh-Hans,sv,xx";
    expect(resolveLayout(all, articles)).toEqual({
      open: [articles[4]!.id, articles[1]!.id, articles[0]!.id, articles[3]!.id],
      overflow: [articles[2]!.id],
    });
    expect(resolveLayout("en,sv", articles).overflow).toEqual([]);
  });

  it("writes a language tag where it names one version, else the id; round trips", () => {
    const ids = [articles[3]!.id, articles[2]!.id, articles[0]!.id];
    const tokens = formatLayout(ids, articles);
    expect(tokens).toEqual(["zh-Hans", articles[2]!.id, "en"]);
    expect(parseLayout(tokens.join(","), articles)).toEqual(ids);
    expect(storyHref("a b", tokens.slice(0, 1))).toBe("/stories/a%20b?a=zh-Hans");
    expect(storyHref("k")).toBe("/stories/k");
  });
});

describe("script", () => {
  it("knows right-to-left and CJK languages", () => {
    expect(["ar", "he", "fa", "ur", "en", "zh-Hans", "sv"].map(textDirection)).toEqual([
      "rtl",
      "rtl",
      "rtl",
      "rtl",
      "ltr",
      "ltr",
      "ltr",
    ]);
    expect(["zh", "zh-Hant", "ja", "ko", "en", "ar"].map(isCjk)).toEqual([true, true, true, true, false, false]);
    expect(textDirection("not a tag!")).toBe("ltr");
  });
});

describe("segments", () => {
  it("cuts nested and overlapping spans into layers, outermost first", () => {
    const spans = [
      { id: "claim", start: 0, end: 20 },
      { id: "org", start: 5, end: 10 },
      { id: "late", start: 15, end: 30 },
    ];
    expect(segmentRange(0, 25, spans)).toEqual([
      { start: 0, end: 5, ids: ["claim"] },
      { start: 5, end: 10, ids: ["claim", "org"] },
      { start: 10, end: 15, ids: ["claim"] },
      { start: 15, end: 20, ids: ["claim", "late"] },
      { start: 20, end: 25, ids: ["late"] },
    ]);
    expect(segmentRange(0, 4, [])).toEqual([{ start: 0, end: 4, ids: [] }]);
  });

  it("buckets spans per paragraph, a span crossing paragraphs in each", () => {
    const paragraphs = [
      { start: 0, end: 10 },
      { start: 12, end: 20 },
      { start: 22, end: 30 },
    ];
    const spans = [
      { id: "a", start: 2, end: 4 },
      { id: "b", start: 8, end: 14 },
      { id: "c", start: 25, end: 26 },
    ];
    expect(spansByParagraph(paragraphs, spans).map((b) => b.map((s) => s.id))).toEqual([["a", "b"], ["b"], ["c"]]);
  });
});

describe("scroll sync map", () => {
  it("maps every paragraph, boilerplate to the nearest aligned one", () => {
    const beads = [
      { a: [0], b: [] },
      { a: [1], b: [0] },
      { a: [2, 3], b: [1] },
      { a: [4], b: [] },
      { a: [5], b: [2, 3] },
    ];
    expect([...paragraphMap(beads, 6)]).toEqual([0, 0, 1, 1, 1, 2]);
    expect([...paragraphMap(reverseBeads(beads), 4)]).toEqual([1, 2, 5, 5]);
    expect([...paragraphMap([], 2)]).toEqual([-1, -1]);
  });
});

describe("selection", () => {
  const text = "Hi 👩‍👩‍👧 cafe\u0301 done";
  it("snaps to whole graphemes and trims white space", () => {
    const emoji = text.indexOf("👩");
    // A selection ending inside the family emoji takes all of it.
    expect(snapSelection(text, emoji - 1, emoji + 3)).toEqual({ start: emoji, end: emoji + 8 });
    // A combining accent stays with its letter.
    const e = text.indexOf("e\u0301");
    expect(snapSelection(text, e - 3, e + 1)).toEqual({ start: e - 3, end: e + 2 });
    expect(snapSelection(text, 2, 3)).toBeNull();
  });

  it("converts to code points with the quote", () => {
    const index = new OffsetIndex(text);
    const emoji = text.indexOf("👩");
    expect(toSpanRange(index, { start: emoji, end: emoji + 8 })).toEqual({ start: 3, end: 8, quote: "👩‍👩‍👧" });
  });
});

describe("span packing", () => {
  const span = {
    id: "s1",
    articleId: "a1",
    revision: 2,
    start: 3,
    end: 8,
    quote: "👩‍👩‍👧",
    prefix: "Hi ",
    suffix: " cafe",
    kind: "CLAIM" as const,
    labelId: "l1",
    entityId: null,
    claimId: "c1",
    reviewStatus: "APPROVED" as const,
    orphaned: true,
    source: "SUGGESTION" as const,
    version: 4,
    createdBy: { id: "u1", name: "Ann" },
    updatedBy: null,
    createdAt: "2026-03-02T10:00:00.123Z",
    updatedAt: "2026-03-03T11:30:00.000Z",
  };

  it("round-trips SpanDTOs exactly", () => {
    const other = {
      ...span,
      id: "s2",
      kind: "ENTITY" as const,
      claimId: null,
      entityId: "e1",
      updatedBy: span.createdBy,
    };
    const text = "Hi 👩‍👩‍👧 cafe";
    expect(decodeSpans(encodeSpans([span, other], text), "a1", text)).toEqual([span, other]);
    const packed = JSON.parse(encodeSpans([span, other], text));
    expect(packed.users).toEqual([{ id: "u1", name: "Ann" }]);
    // The quote and its context come from the text; ids repeat by index.
    expect(packed.contexts).toEqual({});
    expect(packed.ids).toEqual(["l1", "c1", "e1"]);
  });

  it("packs UUID span ids as 22 base64url characters each", () => {
    const text = "Hi 👩‍👩‍👧 cafe";
    const ids = [
      "0f8e2a4c-9b1d-4e7f-a3c5-d6b7e8f90a1b",
      "ffffffff-ffff-4fff-bfff-ffffffffffff",
      "00000000-0000-4000-8000-000000000000",
    ];
    const spans = ids.map((id, k) => ({ ...span, id, start: k, end: k + 1, quote: "x", prefix: "", suffix: "" }));
    const packed = JSON.parse(encodeSpans(spans, text));
    expect(packed.spanIds).toHaveLength(66);
    expect(decodeSpans(encodeSpans(spans, text), "a1", text).map((s) => s.id)).toEqual(ids);
  });

  it("carries the quote of a span that no longer matches the text (an orphan)", () => {
    const text = "Hi there, cafe";
    const orphan = { ...span, id: "s3", start: 3, end: 8, quote: "👩‍👩‍👧", prefix: "Hi ", suffix: " cafe" };
    expect(decodeSpans(encodeSpans([orphan], text), "a1", text)).toEqual([orphan]);
    // Offsets past the end of a shorter revision do not break packing either.
    const beyond = { ...orphan, id: "s4", start: 40, end: 45 };
    expect(decodeSpans(encodeSpans([beyond], text), "a1", text)).toEqual([beyond]);
  });
});
