"use client";

import { memo, startTransition, useEffect, useRef, useState } from "react";
import { ParagraphText } from "./ParagraphText";
import type { RenderSpan } from "./render-spans";
import { useVisibility } from "./visibility";

/**
 * Paragraphs per block. A block is the unit of visibility: one observer
 * entry, one `near` state and one content-visibility root (reader.css), so a
 * 2 MB article (5,000 paragraphs) has a few hundred of each rather than
 * thousands, which Chromium would otherwise check on every scrolled frame.
 * Small enough that drawing one block's spans fits in a frame beside the
 * scroll itself.
 */
export const BLOCK = 8;

/** Characters per line and line height (rem) assumed for a block's height before it is first laid out. */
const CHARS_PER_LINE = 80;
const LINE_REM = 1.7;
/** A paragraph's bottom margin (mb-4). */
const MARGIN_REM = 1;

/**
 * The height (rem) a block is given while it has never been laid out
 * (`contain-intrinsic-size: auto`: once it has, its last real height is kept),
 * from the lengths of its paragraphs, so the scroll height is roughly right
 * from the start.
 */
export function estimatedHeight(paragraphs: readonly { start: number; end: number }[]): number {
  let rem = 0;
  for (const p of paragraphs) rem += Math.max(1, Math.ceil((p.end - p.start) / CHARS_PER_LINE)) * LINE_REM + MARGIN_REM;
  return Math.round(rem * 10) / 10;
}

interface Props {
  first: number;
  text: string;
  paragraphs: readonly { start: number; end: number }[];
  buckets: readonly (readonly RenderSpan[])[];
  pending: { start: number; end: number } | null;
}

function same<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A run of paragraphs that draws its spans while near the viewport. */
export const ParagraphBlock = memo(
  function ParagraphBlock({ first, text, paragraphs, buckets, pending }: Props) {
    const ref = useRef<HTMLDivElement>(null);
    const [near, setNear] = useState(false);
    const visibility = useVisibility();
    useEffect(() => {
      const el = ref.current;
      if (!el || !visibility) return;
      // A transition: drawing a block's spans is time-sliced and never holds up a scrolled frame.
      return visibility.observe(el, (next) => startTransition(() => setNear(next)));
    }, [visibility]);
    return (
      <div
        ref={ref}
        className="reader-block"
        style={{ containIntrinsicSize: `auto ${estimatedHeight(paragraphs)}rem` }}
      >
        {paragraphs.map((p, k) => (
          <ParagraphText
            key={first + k}
            index={first + k}
            text={text}
            start={p.start}
            end={p.end}
            spans={buckets[k]!}
            pending={pending && pending.start < p.end && pending.end > p.start ? pending : null}
            near={near}
          />
        ))}
      </div>
    );
  },
  // Blocks get fresh slices each render: compare what they hold.
  (a, b) =>
    a.first === b.first &&
    a.text === b.text &&
    a.pending === b.pending &&
    same(a.paragraphs, b.paragraphs) &&
    same(a.buckets, b.buckets),
);
