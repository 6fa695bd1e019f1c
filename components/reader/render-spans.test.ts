import { describe, expect, it } from "vitest";
import type { SpanDTO } from "@/lib/annotation/dto";
import { compareSpans } from "@/lib/annotate-client/ops";
import { OffsetIndex } from "@/lib/text/code-points";
import { paneBuckets, renderSpanOf, spanDiff, type RenderSpan } from "./render-spans";

const text = "One two three four five six seven eight nine ten eleven twelve thirteen";
const paragraphs = [
  { start: 0, end: 18 },
  { start: 19, end: 40 },
  { start: 41, end: text.length },
];
const span = (id: string, start: number, end: number, labelId = "org"): SpanDTO =>
  ({ id, articleId: "a", start, end, labelId, entityId: null, claimId: null }) as SpanDTO;

describe("pane buckets", () => {
  const index = new OffsetIndex(text);
  const cache = new WeakMap<SpanDTO, RenderSpan>();
  const render = (s: SpanDTO) => renderSpanOf(cache, index, new Map(), s);
  const ids = (buckets: RenderSpan[][]) => buckets.map((b) => b.map((s) => s.id));

  it("patches only the paragraphs of the spans that came or went, as a rebuild would bucket them", () => {
    const base = [span("a", 0, 3), span("b", 8, 25), span("c", 45, 50)].sort(compareSpans);
    const first = paneBuckets(paragraphs, base, render, null);
    expect(ids(first.buckets)).toEqual([["a", "b"], ["b"], ["c"]]);

    const relabelled = span("a", 0, 3, "per");
    const next = [relabelled, base[1]!, span("d", 20, 22), base[2]!].sort(compareSpans);
    const patched = paneBuckets(paragraphs, next, render, first);
    expect(ids(patched.buckets)).toEqual([["a", "b"], ["b", "d"], ["c"]]);
    expect(patched.buckets[0]![0]!.span).toBe(relabelled);
    // The untouched paragraph keeps its bucket (its paragraph does not re-render).
    expect(patched.buckets[2]).toBe(first.buckets[2]);
    expect(ids(paneBuckets(paragraphs, next, render, null).buckets)).toEqual(ids(patched.buckets));

    const removed = paneBuckets(
      paragraphs,
      next.filter((s) => s.id !== "b"),
      render,
      patched,
    );
    expect(ids(removed.buckets)).toEqual([["a"], ["d"], ["c"]]);
  });

  it("diffs lists in text order and gives up on lists out of order", () => {
    const a = span("a", 0, 3);
    const b = span("b", 5, 9);
    const c = span("c", 12, 14);
    expect(spanDiff([a, b], [a, b, c])).toEqual({ gone: [], came: [c] });
    expect(spanDiff([a, b, c], [a, c])).toEqual({ gone: [b], came: [] });
    expect(spanDiff([a, b], [b, a])).toBeNull();
  });
});
