/**
 * Cutting a paragraph into the pieces the reader renders: each piece is a
 * run of text covered by the same set of spans, so overlapping and nested
 * spans render as layers (an ORG inside a CLAIM) without splitting a span's
 * element. Works in any unit (the reader uses UTF-16 indices of the text).
 */
export interface SpanRange {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Spans covering the whole segment, outermost (longest) first. */
  ids: string[];
}

/** Index of the first range whose end is after `at` (ranges sorted and not overlapping). */
function firstEndingAfter(ranges: readonly { end: number }[], at: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The spans touching each paragraph (a span crossing paragraphs is in each),
 * keeping the spans' order. Empty spans are left out.
 */
export function spansByParagraph<S extends SpanRange>(
  paragraphs: readonly { start: number; end: number }[],
  spans: readonly S[],
): S[][] {
  const out: S[][] = paragraphs.map(() => []);
  for (const span of spans) {
    if (span.end <= span.start) continue;
    for (let p = firstEndingAfter(paragraphs, span.start); p < paragraphs.length; p++) {
      if (paragraphs[p]!.start >= span.end) break;
      out[p]!.push(span);
    }
  }
  return out;
}

/**
 * The segments of [from, to): consecutive, covering the range exactly, each
 * with the spans that cover it. Spans outside the range are ignored; parts
 * of spans reaching beyond it are clipped.
 */
export function segmentRange(from: number, to: number, spans: readonly SpanRange[]): Segment[] {
  if (to <= from) return [];
  const points = new Set<number>([from, to]);
  for (const s of spans) {
    if (s.end <= from || s.start >= to || s.end <= s.start) continue;
    if (s.start > from) points.add(s.start);
    if (s.end < to) points.add(s.end);
  }
  const cuts = [...points].sort((x, y) => x - y);
  // Sweep: spans sorted by start; the active list holds those covering the current cut.
  const bySpanStart = spans
    .filter((s) => s.end > from && s.start < to && s.end > s.start)
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const segments: Segment[] = [];
  let next = 0;
  let active: SpanRange[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const start = cuts[k]!;
    const end = cuts[k + 1]!;
    while (next < bySpanStart.length && bySpanStart[next]!.start <= start) active.push(bySpanStart[next++]!);
    active = active.filter((s) => s.end > start);
    const ids = active
      .slice()
      .sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start)
      .map((s) => s.id);
    segments.push({ start, end, ids });
  }
  return segments;
}
