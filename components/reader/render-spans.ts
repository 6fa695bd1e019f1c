/**
 * Spans as the reader draws them: UTF-16 ranges over the article's text
 * (converted once per span), the label's colour, and the keys of what the
 * span links to (for highlighting counterparts across panes). Each span's
 * render form is cached by the span object, and each paragraph's list is
 * reused when its spans did not change, so an edit re-renders only the
 * paragraphs it touches. An edit is found by comparing the old and new
 * span lists (both in text order) and only the paragraphs of the spans that
 * came or went are bucketed again: with 50,000 spans, bucketing them all
 * would take longer than the frame the new highlight must appear in.
 */
import type { SpanDTO } from "@/lib/annotation/dto";
import { compareSpans } from "@/lib/annotate-client/ops";
import type { OffsetIndex } from "@/lib/text/code-points";
import { spansByParagraph } from "@/lib/reader/segments";

export interface RenderSpan {
  id: string;
  /** UTF-16 indices into the article text. */
  start: number;
  end: number;
  color: string;
  /** "e:<entityId>" / "c:<claimId>", for counterpart highlighting. */
  key: string | null;
  span: SpanDTO;
}

export const FALLBACK_COLOR = "#78716c";

/** A span's colour: its label's, or grey for a span without a (known) label. */
export function spanColor(colors: ReadonlyMap<string, string>, span: Pick<SpanDTO, "labelId">): string {
  return (span.labelId && colors.get(span.labelId)) || FALLBACK_COLOR;
}

export function renderSpanOf(
  cache: WeakMap<SpanDTO, RenderSpan>,
  index: OffsetIndex,
  colors: ReadonlyMap<string, string>,
  span: SpanDTO,
): RenderSpan {
  let out = cache.get(span);
  if (!out) {
    out = {
      id: span.id,
      start: index.toUtf16(span.start),
      end: index.toUtf16(span.end),
      color: spanColor(colors, span),
      key: span.entityId ? `e:${span.entityId}` : span.claimId ? `c:${span.claimId}` : null,
      span,
    };
    cache.set(span, out);
  }
  return out;
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Buckets per paragraph, keeping the previous bucket arrays where nothing changed. */
export function bucketSpans(
  paragraphs: readonly { start: number; end: number }[],
  spans: readonly RenderSpan[],
  previous: readonly RenderSpan[][] | null,
): RenderSpan[][] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : 1));
  const next = spansByParagraph(paragraphs, sorted);
  if (!previous) return next;
  return next.map((bucket, i) => (sameList(previous[i], bucket) ? previous[i]! : bucket));
}

/** A pane's spans and their buckets per paragraph, kept between renders. */
export interface PaneBuckets {
  paragraphs: readonly { start: number; end: number }[];
  spans: readonly SpanDTO[];
  buckets: RenderSpan[][];
}

/** Beyond this many spans gone or come, buckets are rebuilt in full. */
const PATCH_LIMIT = 512;

/**
 * The spans of `before` not in `after` and of `after` not in `before`
 * (by object), both lists in compareSpans order; null when either list is
 * out of that order or they differ in too many spans to patch.
 */
export function spanDiff(
  before: readonly SpanDTO[],
  after: readonly SpanDTO[],
): { gone: SpanDTO[]; came: SpanDTO[] } | null {
  const gone: SpanDTO[] = [];
  const came: SpanDTO[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (gone.length + came.length > PATCH_LIMIT) return null;
    const a = before[i];
    const b = after[j];
    if (a === b) {
      i++;
      j++;
      continue;
    }
    if (j > 0 && b && compareSpans(after[j - 1]!, b) > 0) return null;
    if (i > 0 && a && compareSpans(before[i - 1]!, a) > 0) return null;
    const order = !a ? 1 : !b ? -1 : compareSpans(a, b);
    if (order <= 0) {
      gone.push(a!);
      i++;
    }
    if (order >= 0) {
      came.push(b!);
      j++;
    }
  }
  return { gone, came };
}

/** Indices of the paragraphs a non-empty span touches. */
function paragraphsOf(paragraphs: readonly { start: number; end: number }[], span: RenderSpan): number[] {
  if (span.end <= span.start) return [];
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (paragraphs[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let p = lo; p < paragraphs.length && paragraphs[p]!.start < span.end; p++) out.push(p);
  return out;
}

function byPosition(x: RenderSpan, y: RenderSpan): number {
  return x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : 1);
}

/**
 * The buckets for `spans`: patched from `previous` where few spans changed
 * (only the paragraphs those spans cover get new bucket arrays), else
 * built again, reusing every unchanged bucket array.
 */
export function paneBuckets(
  paragraphs: readonly { start: number; end: number }[],
  spans: readonly SpanDTO[],
  render: (span: SpanDTO) => RenderSpan,
  previous: PaneBuckets | null,
): PaneBuckets {
  const diff = previous && previous.paragraphs === paragraphs ? spanDiff(previous.spans, spans) : null;
  if (!previous || !diff) {
    const buckets = bucketSpans(
      paragraphs,
      spans.map(render),
      previous?.paragraphs === paragraphs ? previous.buckets : null,
    );
    return { paragraphs, spans, buckets };
  }
  if (!diff.gone.length && !diff.came.length) return { paragraphs, spans, buckets: previous.buckets };
  const gone = new Set(diff.gone.map(render));
  const came = diff.came.map(render);
  const touched = new Map<number, RenderSpan[]>();
  for (const s of gone) for (const p of paragraphsOf(paragraphs, s)) touched.set(p, touched.get(p) ?? []);
  for (const s of came) for (const p of paragraphsOf(paragraphs, s)) touched.set(p, [...(touched.get(p) ?? []), s]);
  const buckets = previous.buckets.slice();
  for (const [p, added] of touched) {
    const bucket = previous.buckets[p]!.filter((s) => !gone.has(s));
    bucket.push(...added);
    buckets[p] = bucket.sort(byPosition);
  }
  return { paragraphs, spans, buckets };
}
