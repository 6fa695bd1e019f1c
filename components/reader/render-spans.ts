/**
 * Spans as the reader draws them: UTF-16 ranges over the article's text
 * (converted once per span), the label's colour, and the keys of what the
 * span links to (for highlighting counterparts across panes). Each span's
 * render form is cached by the span object, and each paragraph's list is
 * reused when its spans did not change, so an edit re-renders only the
 * paragraphs it touches.
 */
import type { SpanDTO } from "@/lib/annotation/dto";
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

const FALLBACK_COLOR = "#78716c";

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
      color: (span.labelId && colors.get(span.labelId)) || FALLBACK_COLOR,
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
