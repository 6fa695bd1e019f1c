"use client";

import { memo, useEffect, useRef, useState } from "react";
import { ParagraphText } from "./ParagraphText";
import { plainMarkup } from "./plain-markup";
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

/** Line height (leading-relaxed at 1.05rem) and a paragraph's bottom margin (mb-4), in rem. */
const LINE_REM = 1.7;
const MARGIN_REM = 1;

/**
 * The height a block is given while it has never been laid out
 * (`contain-intrinsic-size: auto`: once it has, its last real height is kept),
 * as CSS: its characters over the characters a line of the pane holds
 * (--reader-line-chars, kept by the pane's VisibilityRegistry), half a line
 * more a paragraph for its last line, and the margins. Close estimates keep
 * the scroll height right and a jump into text not yet laid out on target.
 */
export function estimatedHeight(paragraphs: readonly { start: number; end: number }[]): string {
  let chars = 0;
  for (const p of paragraphs) chars += p.end - p.start;
  const n = paragraphs.length;
  return `calc((${chars} / var(--reader-line-chars, 60) + ${n / 2}) * ${LINE_REM}rem + ${n * MARGIN_REM}rem)`;
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

/**
 * A run of paragraphs that draws its spans while near the viewport. Until it
 * first comes near (or holds the range being tagged) it is plain markup
 * (plain-markup.ts): the same elements, but no React components to hydrate.
 */
export const ParagraphBlock = memo(
  function ParagraphBlock({ first, text, paragraphs, buckets, pending }: Props) {
    const ref = useRef<HTMLDivElement>(null);
    const [near, setNear] = useState(false);
    // Once near, a block stays made of components (undrawn again when it leaves, as ParagraphText does).
    const [wasNear, setWasNear] = useState(false);
    const visibility = useVisibility();
    useEffect(() => {
      const el = ref.current;
      if (!el || !visibility) return;
      // Not a transition: a jump to a span (reveal) looks for its drawn segment a frame later.
      return visibility.observe(el, (now) => {
        setNear(now);
        if (now) setWasNear(true);
      });
    }, [visibility]);
    const touched = (p: { start: number; end: number }) =>
      pending !== null && pending.start < p.end && pending.end > p.start;
    const plain = !wasNear && !paragraphs.some(touched);
    // Made again on a render of a plain block only: such renders are rare (the comparison below).
    const markup = plain ? { __html: plainMarkup(first, text, paragraphs) } : undefined;
    const style = { containIntrinsicSize: `auto ${estimatedHeight(paragraphs)}` };
    if (markup) return <div ref={ref} className="reader-block" style={style} dangerouslySetInnerHTML={markup} />;
    return (
      <div ref={ref} className="reader-block" style={style}>
        {paragraphs.map((p, k) => (
          <ParagraphText
            key={first + k}
            index={first + k}
            text={text}
            start={p.start}
            end={p.end}
            spans={buckets[k]!}
            pending={touched(p) ? pending : null}
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
