"use client";

import { memo, useMemo } from "react";
import { segmentRange, type SpanRange } from "@/lib/reader/segments";
import type { RenderSpan } from "./render-spans";

export const PENDING_ID = "__pending";

/** A paragraph's classes (also in the plain markup of blocks not yet drawn: plain-markup.ts). */
export const PARAGRAPH_CLASS = "reader-paragraph mb-4 leading-relaxed";

interface Props {
  index: number;
  /** The whole article text and this paragraph's UTF-16 range in it. */
  text: string;
  start: number;
  end: number;
  spans: readonly RenderSpan[];
  /** The range being selected or about to be tagged, when it touches this paragraph. */
  pending: { start: number; end: number } | null;
  /** Within a screen or so of the viewport: draw the spans. */
  near: boolean;
}

/**
 * One paragraph. Off screen it is plain text; near the viewport its spans
 * are drawn as segments. Memoized: it re-renders only when its own spans,
 * its pending range or its block's visibility change.
 */
export const ParagraphText = memo(function ParagraphText({ index, text, start, end, spans, pending, near }: Props) {
  const draw = near || pending !== null;
  // Only a drawn paragraph is cut into segments and looks its spans up by id.
  const drawn = useMemo(() => {
    if (!draw || (spans.length === 0 && !pending)) return null;
    const ranges: readonly SpanRange[] = pending ? [...spans, { id: PENDING_ID, ...pending }] : spans;
    return { segments: segmentRange(start, end, ranges), byId: new Map(spans.map((s) => [s.id, s])) };
  }, [draw, spans, pending, start, end]);

  return (
    <p data-p={index} data-o={start} className={PARAGRAPH_CLASS}>
      {drawn
        ? drawn.segments.map((seg) =>
            seg.ids.length === 0 ? (
              text.slice(seg.start, seg.end)
            ) : (
              <SegmentText key={seg.start} start={seg.start} ids={seg.ids} byId={drawn.byId}>
                {text.slice(seg.start, seg.end)}
              </SegmentText>
            ),
          )
        : text.slice(start, end)}
    </p>
  );
});

function SegmentText({
  start,
  ids,
  byId,
  children,
}: {
  start: number;
  ids: string[];
  byId: ReadonlyMap<string, RenderSpan>;
  children: string;
}) {
  const spans = ids.map((id) => byId.get(id)).filter((s): s is RenderSpan => !!s);
  const pending = ids.includes(PENDING_ID);
  // Layers: the innermost span tints the background; every span adds an underline band, innermost on top.
  const inner = spans.at(-1);
  const shadows = spans
    .slice()
    .reverse()
    .map((s, k) => `inset 0 -${2 * (k + 1)}px 0 ${s.color}`);
  const keys = spans.map((s) => s.key).filter(Boolean);
  return (
    <span
      data-o={start}
      data-s={spans.map((s) => s.id).join(" ") || undefined}
      data-k={keys.length ? keys.join(" ") : undefined}
      data-pending={pending || undefined}
      className={pending ? "reader-pending rounded-sm" : "rounded-sm"}
      style={{
        backgroundColor: pending ? "rgba(37, 99, 235, 0.25)" : inner ? `${inner.color}26` : undefined,
        boxShadow: shadows.length ? shadows.join(", ") : undefined,
        paddingBottom: shadows.length > 1 ? `${2 * (shadows.length - 1)}px` : undefined,
      }}
    >
      {children}
    </span>
  );
}
